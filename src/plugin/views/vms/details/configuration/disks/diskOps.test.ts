import { describe, expect, it } from 'vitest';
import type { JsonPatchOp } from '../../../../../api/types';
import {
  addDiskOps,
  editDiskOps,
  ejectOps,
  expandClaimPatch,
  persistBody,
  removeDiskOps,
  templateSize,
  templateSizeOps,
} from './diskOps';
import { diskVm, VM_NAME } from './testFixtures';

const DISKS = '/spec/template/spec/domain/devices/disks';
const VOLUMES = '/spec/template/spec/volumes';
const TEMPLATES = '/spec/dataVolumeTemplates';

const valueOf = (ops: JsonPatchOp[], path: string) =>
  (ops.find((op) => op.path === path && op.op !== 'test') as { value?: unknown } | undefined)
    ?.value;

describe('addDiskOps', () => {
  it('appends disk, volume and template, each array tested first', () => {
    const vm = diskVm();
    const ops = addDiskOps(
      vm,
      { name: 'data', disk: { bus: 'virtio' } },
      { name: 'data', dataVolume: { name: `${VM_NAME}-data` } },
      { metadata: { name: `${VM_NAME}-data` }, spec: { source: { blank: {} } } },
    );
    expect(ops.map((op) => [op.op, op.path])).toEqual([
      ['test', DISKS],
      ['replace', DISKS],
      ['test', VOLUMES],
      ['replace', VOLUMES],
      ['test', TEMPLATES],
      ['replace', TEMPLATES],
    ]);
    expect((valueOf(ops, DISKS) as { name: string }[]).map((d) => d.name)).toEqual([
      'rootdisk',
      'cloudinitdisk',
      'iso',
      'data',
    ]);
    expect((valueOf(ops, TEMPLATES) as unknown[]).length).toBe(3);
  });

  it('adds the arrays a bare VM lacks', () => {
    const ops = addDiskOps(
      { metadata: { name: 'bare' }, spec: { template: { spec: { domain: { devices: {} } } } } },
      { name: 'cd', cdrom: { bus: 'sata' } },
      { name: 'cd', containerDisk: { image: 'quay.io/x/y' } },
    );
    expect(ops).toEqual([
      { op: 'add', path: DISKS, value: [{ name: 'cd', cdrom: { bus: 'sata' } }] },
      {
        op: 'add',
        path: VOLUMES,
        value: [{ name: 'cd', containerDisk: { image: 'quay.io/x/y' } }],
      },
    ]);
  });
});

describe('removeDiskOps', () => {
  it('removes the disk, its volume and its DataVolume template', () => {
    const ops = removeDiskOps(diskVm(), 'iso');
    expect((valueOf(ops, DISKS) as { name: string }[]).map((d) => d.name)).toEqual([
      'rootdisk',
      'cloudinitdisk',
    ]);
    expect((valueOf(ops, VOLUMES) as { name: string }[]).map((v) => v.name)).toEqual([
      'rootdisk',
      'cloudinitdisk',
    ]);
    expect(
      (valueOf(ops, TEMPLATES) as { metadata: { name: string } }[]).map((tpl) => tpl.metadata.name),
    ).toEqual([`${VM_NAME}-rootdisk`]);
  });

  it('leaves the templates alone for a disk without one', () => {
    const ops = removeDiskOps(diskVm(), 'cloudinitdisk');
    expect(ops.some((op) => op.path === TEMPLATES)).toBe(false);
  });
});

describe('editDiskOps', () => {
  it('renames disk and volume together, keeping boot order and serial', () => {
    const vm = diskVm();
    const disks = vm.spec?.template?.spec?.domain.devices.disks ?? [];
    disks[0] = { name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 1, serial: 'root' };
    const ops = editDiskOps(vm, 'rootdisk', { name: 'system', drive: 'disk', bus: 'sata' });
    expect((valueOf(ops, DISKS) as object[])[0]).toEqual({
      name: 'system',
      disk: { bus: 'sata' },
      bootOrder: 1,
      serial: 'root',
    });
    expect((valueOf(ops, VOLUMES) as object[])[0]).toEqual({
      name: 'system',
      dataVolume: { name: `${VM_NAME}-rootdisk` },
    });
  });

  it('changes the type without touching the volume when the name stays', () => {
    const ops = editDiskOps(diskVm(), 'iso', { name: 'iso', drive: 'disk', bus: 'scsi' });
    expect((valueOf(ops, DISKS) as object[])[2]).toEqual({ name: 'iso', disk: { bus: 'scsi' } });
    expect(ops.some((op) => op.path === VOLUMES)).toBe(false);
  });
});

describe('ejectOps', () => {
  it('removes the medium and its template, keeping the CD-ROM drive', () => {
    const ops = ejectOps(diskVm(), 'iso');
    expect(ops.some((op) => op.path === DISKS)).toBe(false);
    expect((valueOf(ops, VOLUMES) as { name: string }[]).map((v) => v.name)).toEqual([
      'rootdisk',
      'cloudinitdisk',
    ]);
    expect((valueOf(ops, TEMPLATES) as unknown[]).length).toBe(1);
  });
});

describe('persistBody and expandClaimPatch', () => {
  it('repeats a hot-plugged volume for addvolume', () => {
    expect(
      persistBody(
        { name: 'scratch', disk: { bus: 'scsi' }, serial: 's1' },
        {
          name: 'scratch',
          persistentVolumeClaim: { claimName: 'scratch-pvc', hotpluggable: true },
        },
      ),
    ).toEqual({
      name: 'scratch',
      disk: { name: 'scratch', disk: { bus: 'scsi' }, serial: 's1' },
      volumeSource: { persistentVolumeClaim: { claimName: 'scratch-pvc', hotpluggable: true } },
    });
    expect(persistBody({ name: 'd' }, { name: 'd', dataVolume: { name: 'dv' } })).toMatchObject({
      volumeSource: { dataVolume: { name: 'dv', hotpluggable: true } },
    });
  });

  it('asks for a new size', () => {
    expect(expandClaimPatch('40Gi')).toEqual({
      spec: { resources: { requests: { storage: '40Gi' } } },
    });
  });
});

describe('templateSizeOps', () => {
  it('sets the size a DataVolume template asks for, testing the old one', () => {
    const vm = diskVm();
    expect(templateSize(vm.spec!.dataVolumeTemplates![1]!)).toBe('1Gi');
    expect(templateSizeOps(vm, `${VM_NAME}-iso`, '4Gi')).toEqual([
      { op: 'test', path: `${TEMPLATES}/1/spec/storage/resources/requests/storage`, value: '1Gi' },
      {
        op: 'replace',
        path: `${TEMPLATES}/1/spec/storage/resources/requests/storage`,
        value: '4Gi',
      },
    ]);
    expect(templateSizeOps(vm, 'not-a-template', '4Gi')).toEqual([]);
  });

  it('adds a size to a template that takes the size of its source', () => {
    const vm = diskVm();
    vm.spec!.dataVolumeTemplates![0]!.spec.storage = {};
    expect(templateSize(vm.spec!.dataVolumeTemplates![0]!)).toBeUndefined();
    expect(templateSizeOps(vm, `${VM_NAME}-rootdisk`, '40Gi')).toEqual([
      {
        op: 'add',
        path: `${TEMPLATES}/0/spec/storage/resources`,
        value: { requests: { storage: '40Gi' } },
      },
    ]);
  });
});
