import { describe, expect, it } from 'vitest';
import {
  createsDataVolume,
  initialAddVolumeForm,
  suggestedVolumeName,
  validateAddVolume,
  type AddVolumeContext,
  type AddVolumeForm,
} from './addVolumeForm';

const t = (key: string, options?: Record<string, unknown>) =>
  key.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options?.[name] ?? ''));

const form = (patch: Partial<AddVolumeForm>): AddVolumeForm => ({
  ...initialAddVolumeForm('team'),
  name: 'golden',
  preference: 'fedora',
  file: { name: 'fedora.qcow2', size: 2 ** 30 },
  ...patch,
});
const ctx = (patch: Partial<AddVolumeContext> = {}): AddVolumeContext => ({
  dataSourceNames: [],
  claimNames: [],
  ...patch,
});

describe('validateAddVolume', () => {
  it('accepts a complete upload', () => {
    expect(validateAddVolume(form({}), ctx(), t)).toEqual({});
  });

  it('wants a DNS-1123 name not taken in the destination', () => {
    expect(validateAddVolume(form({ name: 'Golden_Image' }), ctx(), t).name).toMatch(/lowercase/);
    expect(validateAddVolume(form({}), ctx({ dataSourceNames: ['golden'] }), t).name).toBe(
      'A DataSource named golden exists in project team already.',
    );
    expect(validateAddVolume(form({}), ctx({ claimNames: ['golden'] }), t).name).toMatch(
      /DataVolume or PVC named golden/,
    );
  });

  it('a claim used in place may share its name with the DataSource', () => {
    const inPlace = form({
      sourceType: 'pvc',
      sourceNamespace: 'team',
      pvcName: 'golden',
      size: '30',
    });
    expect(
      validateAddVolume(
        inPlace,
        ctx({ claimNames: ['golden'], source: { bytes: 30 * 2 ** 30 } }),
        t,
      ),
    ).toEqual({});
  });

  it('wants what each source needs', () => {
    expect(validateAddVolume(form({ file: undefined }), ctx(), t).file).toBe(
      'Choose the image file to upload.',
    );
    expect(validateAddVolume(form({ sourceType: 'pvc' }), ctx(), t).pvcName).toBeDefined();
    expect(
      validateAddVolume(form({ sourceType: 'snapshot' }), ctx(), t).snapshotName,
    ).toBeDefined();
    expect(
      validateAddVolume(form({ sourceType: 'registry', image: 'Not An Image' }), ctx(), t).image,
    ).toBeDefined();
    expect(
      validateAddVolume(
        form({ sourceType: 'registry', image: 'docker://quay.io/containerdisks/fedora:41' }),
        ctx(),
        t,
      ),
    ).toEqual({});
    expect(
      validateAddVolume(form({ sourceType: 'url', url: 'ftp://example.com/a.img' }), ctx(), t).url,
    ).toMatch(/http/);
  });

  it('wants a size at least the source’s, or the file’s', () => {
    expect(validateAddVolume(form({ size: 'big' }), ctx(), t).size).toBeDefined();
    expect(
      validateAddVolume(
        form({ size: '512', unit: 'MiB', file: { name: 'a.img', size: 2 ** 30 } }),
        ctx(),
        t,
      ).size,
    ).toBe('The size must be at least 1 GiB, the size of the source.');
    const claim = form({
      sourceType: 'pvc',
      sourceNamespace: 'other',
      pvcName: 'golden',
      size: '20',
    });
    expect(validateAddVolume(claim, ctx({ source: { bytes: 30 * 2 ** 30 } }), t).size).toMatch(
      /at least 30 GiB/,
    );
  });

  it('wants a preference and a project the user may create in', () => {
    expect(validateAddVolume(form({ preference: '' }), ctx(), t).preference).toBeDefined();
    expect(validateAddVolume(form({ namespace: '' }), ctx(), t).namespace).toBe(
      'Choose a project.',
    );
    expect(validateAddVolume(form({}), ctx({ accessProblem: 'No.' }), t).namespace).toBe('No.');
  });
});

describe('createsDataVolume', () => {
  const claim = form({ sourceType: 'pvc', sourceNamespace: 'team', pvcName: 'golden', size: '30' });
  const source = { bytes: 30 * 2 ** 30, storageClass: 'standard' };
  it('uses a claim in the destination as it is', () => {
    expect(createsDataVolume(claim, source)).toBe(false);
    expect(createsDataVolume({ ...claim, storageClass: 'standard' }, source)).toBe(false);
  });
  it('copies it into another project, to another size or class', () => {
    expect(createsDataVolume({ ...claim, namespace: 'elsewhere' }, source)).toBe(true);
    expect(createsDataVolume({ ...claim, size: '40' }, source)).toBe(true);
    expect(createsDataVolume({ ...claim, storageClass: 'fast' }, source)).toBe(true);
  });
  it('always fills a new one from a file, a registry or a URL', () => {
    expect(createsDataVolume(form({}))).toBe(true);
    expect(createsDataVolume(form({ sourceType: 'url' }))).toBe(true);
  });
});

describe('suggestedVolumeName', () => {
  it.each<[Partial<AddVolumeForm>, string]>([
    [{ file: { name: 'Fedora-Cloud-41.x86_64.qcow2.xz', size: 1 } }, 'fedora-cloud-41-x86-64'],
    [{ sourceType: 'url', url: 'https://example.com/images/rhel-9.4.img?token=1' }, 'rhel-9-4'],
    [
      { sourceType: 'registry', image: 'docker://quay.io/containerdisks/centos-stream:9' },
      'centos-stream-9',
    ],
    [{ sourceType: 'registry', image: 'quay.io/containerdisks/fedora:latest' }, 'fedora'],
    [{ sourceType: 'pvc', pvcName: 'golden' }, 'golden'],
  ])('%o → %s', (patch, name) => expect(suggestedVolumeName(form(patch))).toBe(name));
});
