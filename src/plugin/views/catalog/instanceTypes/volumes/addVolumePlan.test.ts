import { describe, expect, it } from 'vitest';
import { initialAddVolumeForm, type AddVolumeForm } from './addVolumeForm';
import { planAddVolume, plannedVolume } from './addVolumePlan';
import { OS_IMAGES_NAMESPACE } from './bootableVolumes';

const form = (patch: Partial<AddVolumeForm>): AddVolumeForm => ({
  ...initialAddVolumeForm(OS_IMAGES_NAMESPACE),
  name: 'my-volume',
  preference: 'rhel.9',
  ...patch,
});

const dataSourceTo = (source: object, labels: Record<string, string> = {}) => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataSource',
  metadata: {
    name: 'my-volume',
    namespace: OS_IMAGES_NAMESPACE,
    labels: { 'instancetype.kubevirt.io/default-preference': 'rhel.9', ...labels },
  },
  spec: { source },
});

const ownPvc = { pvc: { namespace: OS_IMAGES_NAMESPACE, name: 'my-volume' } };

const dataVolumeFrom = (
  source: object,
  storage: object = { resources: { requests: { storage: '30Gi' } } },
) => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: {
    name: 'my-volume',
    namespace: OS_IMAGES_NAMESPACE,
    annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
  },
  spec: { source, storage },
});

describe('planAddVolume', () => {
  it('Upload volume: an upload DataVolume, filled, then a DataSource pointing at it', () => {
    const plan = planAddVolume(
      form({
        sourceType: 'upload',
        file: { name: 'rhel.qcow2', size: 100 },
        instancetype: 'u1.medium',
      }),
    );
    expect(plan).toEqual({
      dataVolume: dataVolumeFrom({ upload: {} }),
      upload: true,
      dataSource: dataSourceTo(ownPvc, {
        'instancetype.kubevirt.io/default-instancetype': 'u1.medium',
      }),
    });
  });

  it('Download from registry: a registry DataVolume with docker://, in the chosen class', () => {
    const plan = planAddVolume(
      form({
        sourceType: 'registry',
        image: 'quay.io/containerdisks/fedora:41',
        storageClass: 'fast',
        size: '12',
        unit: 'GiB',
      }),
    );
    expect(plan.dataVolume).toEqual(
      dataVolumeFrom(
        { registry: { url: 'docker://quay.io/containerdisks/fedora:41' } },
        { storageClassName: 'fast', resources: { requests: { storage: '12Gi' } } },
      ),
    );
    expect(plan.upload).toBe(false);
    expect(plan.dataSource).toEqual(dataSourceTo(ownPvc));
  });

  it('Import from URL: an http DataVolume; the description goes on the DataSource', () => {
    const plan = planAddVolume(
      form({
        sourceType: 'url',
        url: ' https://example.com/rhel.qcow2 ',
        description: ' Golden RHEL ',
      }),
    );
    expect(plan.dataVolume?.spec?.source).toEqual({
      http: { url: 'https://example.com/rhel.qcow2' },
    });
    expect(plan.dataSource.metadata?.annotations).toEqual({
      'openshift.io/description': 'Golden RHEL',
    });
  });

  it('Use existing volume in the destination project: no DataVolume, the DataSource points at the claim', () => {
    const plan = planAddVolume(
      form({
        sourceType: 'pvc',
        sourceNamespace: OS_IMAGES_NAMESPACE,
        pvcName: 'golden',
        size: '30',
        unit: 'GiB',
      }),
      { bytes: 30 * 2 ** 30, storageClass: 'standard' },
    );
    expect(plan).toEqual({
      dataVolume: undefined,
      upload: false,
      dataSource: dataSourceTo({ pvc: { namespace: OS_IMAGES_NAMESPACE, name: 'golden' } }),
    });
  });

  it('Use existing volume from another project: cloned into the destination, in its own class', () => {
    const plan = planAddVolume(
      form({
        sourceType: 'pvc',
        sourceNamespace: 'team',
        pvcName: 'golden',
        size: '30',
        unit: 'GiB',
      }),
      { bytes: 30 * 2 ** 30, storageClass: 'standard' },
    );
    expect(plan.dataVolume).toEqual(
      dataVolumeFrom(
        { pvc: { namespace: 'team', name: 'golden' } },
        { storageClassName: 'standard', resources: { requests: { storage: '30Gi' } } },
      ),
    );
    expect(plan.dataSource).toEqual(dataSourceTo(ownPvc));
  });

  it('Use existing volume made larger: copied at the new size', () => {
    const plan = planAddVolume(
      form({
        sourceType: 'pvc',
        sourceNamespace: OS_IMAGES_NAMESPACE,
        pvcName: 'golden',
        size: '40',
        unit: 'GiB',
      }),
      { bytes: 30 * 2 ** 30 },
    );
    expect(plan.dataVolume?.spec?.storage?.resources?.requests).toEqual({ storage: '40Gi' });
    expect(plan.dataSource.spec.source).toEqual(ownPvc);
  });

  it('Use existing volume snapshot: the DataSource points at it; in another class it is restored into a copy', () => {
    const inPlace = planAddVolume(
      form({
        sourceType: 'snapshot',
        sourceNamespace: OS_IMAGES_NAMESPACE,
        snapshotName: 'snap',
        size: '10',
        unit: 'GiB',
      }),
      { bytes: 10 * 2 ** 30, storageClass: 'standard' },
    );
    expect(inPlace.dataVolume).toBeUndefined();
    expect(inPlace.dataSource.spec.source).toEqual({
      snapshot: { namespace: OS_IMAGES_NAMESPACE, name: 'snap' },
    });

    const copied = planAddVolume(
      form({
        sourceType: 'snapshot',
        sourceNamespace: OS_IMAGES_NAMESPACE,
        snapshotName: 'snap',
        size: '10',
        unit: 'GiB',
        storageClass: 'fast',
      }),
      { bytes: 10 * 2 ** 30, storageClass: 'standard' },
    );
    expect(copied.dataVolume?.spec?.source).toEqual({
      snapshot: { namespace: OS_IMAGES_NAMESPACE, name: 'snap' },
    });
    expect(copied.dataVolume?.spec?.storage?.storageClassName).toBe('fast');
    expect(copied.dataSource.spec.source).toEqual(ownPvc);
  });
});

describe('plannedVolume', () => {
  it('is the new DataSource as the list will show it, not ready yet', () => {
    const plan = planAddVolume(
      form({
        sourceType: 'registry',
        image: 'quay.io/containerdisks/fedora',
        instancetype: 'u1.small',
      }),
    );
    expect(plannedVolume(plan, plan.dataSource)).toEqual({
      source: { kind: 'DataSource', namespace: OS_IMAGES_NAMESPACE, name: 'my-volume' },
      displayName: 'my-volume',
      os: 'rhel',
      preference: 'rhel.9',
      instancetype: 'u1.small',
      size: '30Gi',
      ready: false,
    });
  });

  it('takes size and class from the claim used in place', () => {
    const plan = planAddVolume(
      form({
        sourceType: 'pvc',
        sourceNamespace: OS_IMAGES_NAMESPACE,
        pvcName: 'golden',
        size: '30',
        unit: 'GiB',
      }),
      { bytes: 30 * 2 ** 30 },
    );
    expect(
      plannedVolume(plan, plan.dataSource, { size: '30Gi', storageClass: 'standard' }),
    ).toMatchObject({
      size: '30Gi',
      storageClass: 'standard',
    });
  });
});
