import { describe, expect, it } from 'vitest';
import { dataVolumeSpec, planAddDisk } from './addDiskPlan';
import { initialDiskForm, type DiskFormContext, type DiskFormState } from './diskForm';
import { diskVm, NS, VM_NAME } from './testFixtures';

const stopped: DiskFormContext = { vmName: VM_NAME, live: true, running: false, takenNames: [] };
const running: DiskFormContext = { ...stopped, running: true };
const form = (patch: Partial<DiskFormState> = {}): DiskFormState => ({
  ...initialDiskForm([], 'standard', NS),
  name: 'data',
  ...patch,
});
const DV = `${VM_NAME}-data`;

describe('dataVolumeSpec per source', () => {
  it.each<[Partial<DiskFormState>, object]>([
    [{ source: 'blank' }, { blank: {} }],
    [
      { source: 'url', url: ' https://example.com/a.qcow2 ' },
      { http: { url: 'https://example.com/a.qcow2' } },
    ],
    [
      { source: 'registry', image: 'quay.io/containerdisks/fedora:latest' },
      { registry: { url: 'docker://quay.io/containerdisks/fedora:latest' } },
    ],
    [
      { source: 'clone', cloneNamespace: 'golden', clonePvcName: 'rhel9' },
      { pvc: { namespace: 'golden', name: 'rhel9' } },
    ],
    [
      { source: 'snapshot', snapshotName: 'snap-1' },
      { snapshot: { namespace: NS, name: 'snap-1' } },
    ],
    [{ source: 'upload' }, { upload: {} }],
  ])('%j', (patch, source) => {
    expect(dataVolumeSpec(form(patch), NS).source).toEqual(source);
  });

  it('leaves the modes to the StorageProfile when optimized', () => {
    expect(dataVolumeSpec(form(), NS)).toEqual({
      source: { blank: {} },
      storage: { storageClassName: 'standard', resources: { requests: { storage: '30Gi' } } },
    });
  });

  it('names the chosen modes otherwise, and preallocation', () => {
    expect(
      dataVolumeSpec(
        form({
          optimized: false,
          volumeMode: 'Block',
          accessMode: 'ReadWriteMany',
          preallocation: true,
          size: '512',
          unit: 'MiB',
        }),
        NS,
      ),
    ).toEqual({
      source: { blank: {} },
      storage: {
        storageClassName: 'standard',
        volumeMode: 'Block',
        accessModes: ['ReadWriteMany'],
        resources: { requests: { storage: '512Mi' } },
      },
      preallocation: true,
    });
  });
});

describe('planAddDisk on a stopped VM', () => {
  it('patches disk, volume and a dataVolumeTemplate <vm>-<disk>', () => {
    const vm = diskVm();
    const plan = planAddDisk(
      vm,
      form({ source: 'url', url: 'https://example.com/a.qcow2' }),
      stopped,
    );
    expect(plan.dataVolume).toBeUndefined();
    expect(plan.hotplug).toBeUndefined();
    expect(plan.restartBound).toBe(false);
    const replaced = (path: string) =>
      (plan.patch?.find((op) => op.op === 'replace' && op.path === path) as { value: unknown[] })
        .value;
    expect(replaced('/spec/template/spec/domain/devices/disks').at(-1)).toEqual({
      name: 'data',
      disk: { bus: 'virtio' },
    });
    expect(replaced('/spec/template/spec/volumes').at(-1)).toEqual({
      name: 'data',
      dataVolume: { name: DV },
    });
    expect(replaced('/spec/dataVolumeTemplates').at(-1)).toEqual({
      metadata: { name: DV },
      spec: {
        source: { http: { url: 'https://example.com/a.qcow2' } },
        storage: { storageClassName: 'standard', resources: { requests: { storage: '30Gi' } } },
      },
    });
  });

  it('uses an existing PVC as is and a container disk without template', () => {
    const vm = diskVm();
    const pvc = planAddDisk(vm, form({ source: 'pvc', pvcName: 'mine' }), stopped);
    expect(pvc.patch?.some((op) => op.path === '/spec/dataVolumeTemplates')).toBe(false);
    expect(pvc.patch).toContainEqual(
      expect.objectContaining({
        op: 'replace',
        path: '/spec/template/spec/volumes',
        value: expect.arrayContaining([
          { name: 'data', persistentVolumeClaim: { claimName: 'mine' } },
        ]),
      }),
    );
    const container = planAddDisk(
      vm,
      form({
        source: 'containerDisk',
        image: 'docker://quay.io/a/b:1',
        drive: 'cdrom',
        bus: 'sata',
      }),
      stopped,
    );
    expect(container.patch).toContainEqual(
      expect.objectContaining({
        path: '/spec/template/spec/volumes',
        value: expect.arrayContaining([
          { name: 'data', containerDisk: { image: 'quay.io/a/b:1' } },
        ]),
      }),
    );
    expect(container.patch).toContainEqual(
      expect.objectContaining({
        path: '/spec/template/spec/domain/devices/disks',
        value: expect.arrayContaining([{ name: 'data', cdrom: { bus: 'sata' } }]),
      }),
    );
  });

  it('writes a LUN with sharing and reservation', () => {
    const plan = planAddDisk(
      diskVm(),
      form({ drive: 'lun', bus: 'scsi', shareable: true, reservation: true }),
      stopped,
    );
    expect(plan.patch).toContainEqual(
      expect.objectContaining({
        path: '/spec/template/spec/domain/devices/disks',
        value: expect.arrayContaining([
          { name: 'data', lun: { bus: 'scsi', reservation: true }, shareable: true },
        ]),
      }),
    );
  });

  it('creates and fills an upload DataVolume (owned by the VM) before the patch', () => {
    const plan = planAddDisk(
      diskVm(),
      form({ source: 'upload', file: { name: 'a.iso', size: 1 } }),
      stopped,
    );
    expect(plan.dataVolume).toMatchObject({
      kind: 'DataVolume',
      metadata: {
        name: DV,
        namespace: NS,
        ownerReferences: [{ kind: 'VirtualMachine', name: VM_NAME, uid: 'vm-uid' }],
      },
      spec: { source: { upload: {} } },
    });
    expect(plan.upload).toBe(true);
    expect(plan.patch?.some((op) => op.path === '/spec/dataVolumeTemplates')).toBe(false);
  });
});

describe('planAddDisk on a running VM', () => {
  it('creates the DataVolume, waits for it, hot-plugs it on SCSI', () => {
    const plan = planAddDisk(
      diskVm({ running: true }),
      form({ bus: 'virtio', persist: false }),
      running,
    );
    expect(plan.dataVolume?.metadata?.name).toBe(DV);
    expect(plan.dataVolume?.metadata?.ownerReferences?.[0]?.uid).toBe('vm-uid');
    expect(plan.waitFor).toBe(DV);
    expect(plan.patch).toBeUndefined();
    expect(plan.hotplug).toEqual({
      body: {
        name: 'data',
        disk: { name: 'data', disk: { bus: 'scsi' } },
        volumeSource: { dataVolume: { name: DV, hotpluggable: true } },
      },
      persist: false,
    });
  });

  it('hot-plugs an existing PVC at once', () => {
    const plan = planAddDisk(
      diskVm({ running: true }),
      form({ source: 'pvc', pvcName: 'mine' }),
      running,
    );
    expect(plan.dataVolume).toBeUndefined();
    expect(plan.waitFor).toBeUndefined();
    expect(plan.hotplug).toMatchObject({
      body: { volumeSource: { persistentVolumeClaim: { claimName: 'mine', hotpluggable: true } } },
      persist: true,
    });
  });

  it('adds a container disk to the VM, for the next start', () => {
    const plan = planAddDisk(
      diskVm({ running: true }),
      form({ source: 'containerDisk', image: 'quay.io/a/b' }),
      running,
    );
    expect(plan.hotplug).toBeUndefined();
    expect(plan.restartBound).toBe(true);
    expect(plan.patch?.length).toBeGreaterThan(0);
  });
});
