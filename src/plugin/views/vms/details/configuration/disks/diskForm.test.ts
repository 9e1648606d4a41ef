import { describe, expect, it } from 'vitest';
import {
  busChoices,
  defaultDiskName,
  driveChoices,
  initialDiskForm,
  validateDiskForm,
  withValidDevice,
  type DiskFormContext,
  type DiskFormState,
} from './diskForm';
import { t, VM_NAME } from './testFixtures';

const ctx: DiskFormContext = {
  vmName: VM_NAME,
  live: true,
  running: false,
  takenNames: ['rootdisk'],
};
const form = (patch: Partial<DiskFormState> = {}): DiskFormState => ({
  ...initialDiskForm(ctx.takenNames, 'standard', 'demo'),
  ...patch,
});

describe('the form defaults', () => {
  it('names the disk after the first free disk-N', () => {
    expect(defaultDiskName([])).toBe('disk-1');
    expect(defaultDiskName(['disk-1', 'disk-2'])).toBe('disk-3');
  });
  it('starts valid: a blank 30 GiB virtio disk', () => {
    expect(form()).toMatchObject({
      source: 'blank',
      size: '30',
      unit: 'GiB',
      bus: 'virtio',
      persist: true,
    });
    expect(validateDiskForm(form(), ctx, t)).toEqual({});
  });
});

describe('choices', () => {
  it('offers SCSI only for a hot-plug and a LUN, SATA or SCSI for a CD-ROM', () => {
    expect(busChoices('disk', false)).toEqual(['virtio', 'sata', 'scsi']);
    expect(busChoices('cdrom', false)).toEqual(['sata', 'scsi']);
    expect(busChoices('lun', false)).toEqual(['scsi']);
    expect(busChoices('disk', true)).toEqual(['scsi']);
    expect(driveChoices(true)).toEqual(['disk']);
  });
  it('moves type and interface into what is allowed', () => {
    expect(
      withValidDevice(form({ drive: 'cdrom', bus: 'virtio' }), { running: false }),
    ).toMatchObject({
      drive: 'cdrom',
      bus: 'sata',
    });
    expect(
      withValidDevice(form({ drive: 'cdrom', bus: 'virtio' }), { running: true }),
    ).toMatchObject({
      drive: 'disk',
      bus: 'scsi',
    });
    // A container disk is never hot-plugged: any interface.
    expect(withValidDevice(form({ source: 'containerDisk' }), { running: true })).toMatchObject({
      bus: 'virtio',
    });
  });
});

describe('validateDiskForm', () => {
  it('reports bad name, size 0 and a bad URL', () => {
    expect(
      validateDiskForm(
        form({ source: 'url', name: 'Bad Name', size: '0', url: 'ftp://x' }),
        ctx,
        t,
      ),
    ).toEqual({
      name: expect.stringContaining('Use lowercase'),
      size: 'The size must be greater than 0.',
      url: expect.stringContaining('http:// or https://'),
    });
  });
  it('refuses a taken name', () => {
    expect(validateDiskForm(form({ name: 'rootdisk' }), ctx, t).name).toContain(
      'already has a disk',
    );
  });
  it('checks the image of a registry import and a container disk', () => {
    expect(
      validateDiskForm(form({ source: 'registry', image: 'NOPE' }), ctx, t).image,
    ).toBeDefined();
    expect(
      validateDiskForm(
        form({ source: 'containerDisk', image: 'quay.io/a/b:1', size: '0' }),
        ctx,
        t,
      ),
    ).toEqual({});
  });
  it('needs a claim, a clone source, a snapshot or a file', () => {
    expect(validateDiskForm(form({ source: 'pvc', size: '' }), ctx, t)).toEqual({
      pvcName: 'Select a PersistentVolumeClaim.',
    });
    expect(validateDiskForm(form({ source: 'clone' }), ctx, t).clonePvcName).toBeDefined();
    expect(validateDiskForm(form({ source: 'snapshot' }), ctx, t).snapshotName).toBeDefined();
    expect(validateDiskForm(form({ source: 'upload' }), ctx, t).file).toBe(
      'Choose the image file to upload.',
    );
  });
  it('refuses a clone smaller than its source', () => {
    const withSource = { ...ctx, sourceSize: { bytes: 40 * 2 ** 30, label: '40 GiB' } };
    expect(
      validateDiskForm(form({ source: 'clone', clonePvcName: 'src', size: '30' }), withSource, t)
        .size,
    ).toBe('The size must be at least 40 GiB, the size of the source.');
  });
  it('refuses a disk smaller than the uploaded file', () => {
    const big = { name: 'big.qcow2', size: 2 * 2 ** 30 };
    expect(
      validateDiskForm(form({ source: 'upload', file: big, size: '1' }), ctx, t).size,
    ).toContain('at least as large as the file (2 GiB)');
  });
  it('offers upload only once the VM exists', () => {
    expect(
      validateDiskForm(form({ source: 'upload' }), { ...ctx, live: false }, t).source,
    ).toContain('once the VirtualMachine exists');
  });
});
