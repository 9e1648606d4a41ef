import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../conformance/testCluster';
import { GUEST_DISK_MAGIC } from '../guestDisk';
import { claimFile, quantityBytes } from '../volumes';
import { OS_IMAGE_BYTES } from './imageFiles';
import { embeddedImageURL, OS_IMAGES } from './osImages';
import { api, dataVolume, dvPath, dvStatus, eventsFor, httpsCall, waitFor } from './testSupport';

type TestCluster = Awaited<ReturnType<typeof startTestCluster>>;
let cluster: TestCluster;
const NS = 'default';
const PVCS = 'core/persistentvolumeclaims';
const urls = { urls: () => ({ http: cluster.httpURL, https: cluster.httpsURL }) };

beforeAll(async () => {
  cluster = await startTestCluster();
}, 60_000);
afterAll(() => cluster?.cleanup());

const create = async (dv: ReturnType<typeof dataVolume>) => {
  const answer = await api(cluster, 'POST', dvPath(dv.metadata.namespace ?? NS), dv);
  expect(answer.status).toBe(201);
};
const phase = (name: string, wanted: string, namespace = NS) =>
  waitFor(
    cluster,
    () => (dvStatus(cluster, namespace, name)?.phase === wanted ? true : undefined),
    `${namespace}/${name} ${wanted}`,
    45_000,
  );
const blankBlock = (name: string, namespace = NS) =>
  dataVolume(
    name,
    namespace,
    { source: { blank: {} } },
    {
      storage: { resources: { requests: { storage: '16Mi' } } },
    },
  );

describe('CDI installation', () => {
  it('seeds the CDI CR and keeps CDIConfig status', async () => {
    const { body: cdi } = await api(
      cluster,
      'GET',
      '/apis/cdi.kubevirt.io/v1beta1/cdis/cdi-kubevirt-hyperconverged',
    );
    expect(cdi).toMatchObject({
      status: { phase: 'Deployed' },
      spec: { config: { dataVolumeTTLSeconds: -1 } },
    });
    const { body: config } = await api(
      cluster,
      'GET',
      '/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config',
    );
    expect(config.status).toMatchObject({
      uploadProxyURL: `${cluster.httpsURL}/cdi-upload`,
      scratchSpaceStorageClass: 'ocs-storagecluster-ceph-rbd',
      filesystemOverhead: {
        global: '0.055',
        storageClass: { 'hostpath-csi': '0.055', 'ocs-storagecluster-ceph-rbd': '0.055' },
      },
      defaultPodResourceRequirements: { limits: { cpu: '750m' } },
    });
  });
});

describe('filesystem overhead', () => {
  it('follows the CDI CR (as HyperConverged sets it) into CDIConfig and claim sizes', async () => {
    const cdiPath = '/apis/cdi.kubevirt.io/v1beta1/cdis/cdi-kubevirt-hyperconverged';
    const { body: cdi } = await api(cluster, 'GET', cdiPath);
    const spec = cdi.spec as { config: object };
    const config = {
      ...spec.config,
      filesystemOverhead: { storageClass: { 'hostpath-csi': '0.2' } },
    };
    expect((await api(cluster, 'PUT', cdiPath, { ...cdi, spec: { ...spec, config } })).status).toBe(
      200,
    );
    await waitFor(
      cluster,
      () => {
        const status = cluster.store.get('cdi.kubevirt.io/cdiconfigs', undefined, 'config')
          ?.status as
          | { filesystemOverhead?: { global?: string; storageClass?: Record<string, string> } }
          | undefined;
        return status?.filesystemOverhead?.storageClass?.['hostpath-csi'] === '0.2'
          ? true
          : undefined;
      },
      'CDIConfig overhead',
    );
    await create(
      dataVolume(
        'overhead',
        NS,
        { source: { blank: {} } },
        {
          storage: {
            storageClassName: 'hostpath-csi',
            resources: { requests: { storage: '100Mi' } },
          },
        },
        { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      ),
    );
    await phase('overhead', 'Succeeded');
    const requested = (
      cluster.store.get(PVCS, NS, 'overhead')?.spec as {
        resources: { requests: { storage: string } };
      }
    ).resources.requests.storage;
    expect(quantityBytes(requested)).toBe(Math.ceil((100 * 2 ** 20) / 0.8));
  }, 30_000);
});

describe('image mirror', () => {
  it('serves every OS image with Content-Length, HEAD and Range, and 404 otherwise', async () => {
    const url = embeddedImageURL(urls, 'rhel9');
    const head = await fetch(url.replace(cluster.httpsURL, cluster.httpURL), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(OS_IMAGE_BYTES));
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    const first = await httpsCall(cluster, 'GET', url, { Range: 'bytes=0-511' });
    expect(first.status).toBe(206);
    expect(
      first.text.startsWith(`${GUEST_DISK_MAGIC}os=rhel9\nname=Red Hat Enterprise Linux 9\n`),
    ).toBe(true);
    const missing = await fetch(`${cluster.httpURL}/images/windows.img`);
    expect(missing.status).toBe(404);
    expect(OS_IMAGES.map((i) => i.id)).toEqual(
      expect.arrayContaining(['fedora', 'centos-stream9', 'rhel8', 'rhel9', 'rhel10']),
    );
  });
});

describe('DataVolumes waiting', () => {
  it('stays Pending when no StorageProfile gives access modes', async () => {
    const created = await api(cluster, 'POST', '/apis/storage.k8s.io/v1/storageclasses', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'mystery' },
      provisioner: 'example.com/unknown',
      volumeBindingMode: 'Immediate',
    });
    expect(created.status).toBe(201);
    await create(
      dataVolume(
        'no-profile',
        NS,
        { source: { blank: {} } },
        {
          storage: { storageClassName: 'mystery', resources: { requests: { storage: '1Gi' } } },
        },
      ),
    );
    await phase('no-profile', 'Pending');
    const message =
      'DataVolume.storage spec is missing accessMode and volumeMode, cannot get access mode from StorageProfile mystery';
    const bound = await waitFor(
      cluster,
      () =>
        dvStatus(cluster, NS, 'no-profile')?.conditions?.find(
          (c) => c.type === 'Bound' && c.message === message,
        ),
      'Bound condition',
    );
    expect(bound).toMatchObject({ status: 'False', reason: 'ErrClaimNotValid' });
    expect(cluster.store.get(PVCS, NS, 'no-profile')).toBeUndefined();
  });

  it('waits for a DataSource to become ready, then clones from it', async () => {
    await api(cluster, 'POST', `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datasources`, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataSource',
      metadata: { name: 'later' },
      spec: { source: { pvc: { namespace: NS, name: 'later-disk' } } },
    });
    await create(
      dataVolume(
        'from-later',
        NS,
        {},
        { sourceRef: { kind: 'DataSource', name: 'later' }, storage: {} },
      ),
    );
    const waiting = await waitFor(
      cluster,
      () =>
        dvStatus(cluster, NS, 'from-later')?.conditions?.find(
          (c) => c.type === 'Bound' && c.reason === 'DataSourceNotReady',
        ),
      'DataSource not ready',
    );
    expect(waiting.message).toMatch(/^DataSource default\/later is not ready/);
    expect(dvStatus(cluster, NS, 'from-later')?.phase).toBe('Pending');
    await create(
      dataVolume('later-disk', NS, {
        source: { http: { url: embeddedImageURL(urls, 'fedora', 'gz') } },
      }),
    );
    await phase('from-later', 'Succeeded');
    const bytes = readFileSync(claimFile(cluster.store, NS, 'from-later')!);
    expect(bytes.subarray(0, GUEST_DISK_MAGIC.length).toString()).toBe(GUEST_DISK_MAGIC);
  }, 60_000);

  it('holds a clone while a running VMI uses the source', async () => {
    await create(blankBlock('busy-disk'));
    await phase('busy-disk', 'Succeeded');
    const vm = await api(cluster, 'POST', `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines`, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'busy' },
      spec: {
        runStrategy: 'Always',
        template: {
          spec: {
            domain: {
              memory: { guest: '128Mi' },
              devices: { disks: [{ name: 'd', disk: { bus: 'virtio' } }] },
            },
            volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'busy-disk' } }],
          },
        },
      },
    });
    expect(vm.status).toBe(201);
    await waitFor(
      cluster,
      () =>
        (
          cluster.store.get('kubevirt.io/virtualmachineinstances', NS, 'busy')?.status as
            { phase?: string } | undefined
        )?.phase === 'Running' || undefined,
      'VMI Running',
    );
    await create(
      dataVolume(
        'busy-clone',
        NS,
        { source: { pvc: { namespace: NS, name: 'busy-disk' } } },
        { storage: {} },
      ),
    );
    await phase('busy-clone', 'CloneScheduled');
    expect(eventsFor(cluster, NS, 'busy-clone')).toContainEqual({
      type: 'Warning',
      reason: 'CloneSourceInUse',
      message:
        'source PVC default/busy-disk is in use by VirtualMachineInstance busy, clone will wait',
    });
    await api(cluster, 'DELETE', `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachines/busy`);
    await phase('busy-clone', 'Succeeded');
  }, 60_000);
});

describe('DataVolume sources', () => {
  it('clones across namespaces once the target namespace may create datavolumes/source', async () => {
    await create(blankBlock('shared-disk'));
    await phase('shared-disk', 'Succeeded');
    await api(cluster, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'datavolume-cloner' },
      rules: [{ apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['*'] }],
    });
    const binding = await api(
      cluster,
      'POST',
      `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`,
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'allow-clone-to-developer-vms' },
        subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'developer-vms' }],
        roleRef: {
          kind: 'ClusterRole',
          name: 'datavolume-cloner',
          apiGroup: 'rbac.authorization.k8s.io',
        },
      },
    );
    expect(binding.status).toBe(201);
    await create(
      dataVolume(
        'copied',
        'developer-vms',
        { source: { pvc: { namespace: NS, name: 'shared-disk' } } },
        { storage: {} },
      ),
    );
    await phase('copied', 'Succeeded', 'developer-vms');
  }, 30_000);

  it('restores from a VolumeSnapshot', async () => {
    await create(
      dataVolume('snap-source', NS, {
        source: { registry: { url: 'docker://quay.io/containerdisks/fedora:latest' } },
      }),
    );
    await phase('snap-source', 'Succeeded');
    const snapshot = await api(
      cluster,
      'POST',
      `/apis/snapshot.storage.k8s.io/v1/namespaces/${NS}/volumesnapshots`,
      {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshot',
        metadata: { name: 'snap' },
        spec: {
          volumeSnapshotClassName: 'ocs-storagecluster-rbdplugin-snapclass',
          source: { persistentVolumeClaimName: 'snap-source' },
        },
      },
    );
    expect(snapshot.status).toBe(201);
    await create(
      dataVolume(
        'from-snap',
        NS,
        { source: { snapshot: { namespace: NS, name: 'snap' } } },
        { storage: {} },
      ),
    );
    await phase('from-snap', 'Succeeded');
    const left = readFileSync(claimFile(cluster.store, NS, 'snap-source')!);
    const right = readFileSync(claimFile(cluster.store, NS, 'from-snap')!);
    expect(right.subarray(0, 2 ** 21).equals(left.subarray(0, 2 ** 21))).toBe(true);
    expect(
      cluster.store.get(PVCS, NS, 'from-snap')?.metadata.annotations?.['cdi.kubevirt.io/cloneType'],
    ).toBe('snapshot');
  }, 60_000);

  it('adopts a claim already populated for it (as a VM restore leaves one)', async () => {
    const claim = await api(cluster, 'POST', `/api/v1/namespaces/${NS}/persistentvolumeclaims`, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: 'adopted',
        annotations: { 'cdi.kubevirt.io/storage.populatedFor': 'adopted' },
      },
      spec: {
        accessModes: ['ReadWriteMany'],
        volumeMode: 'Block',
        storageClassName: 'ocs-storagecluster-ceph-rbd-virtualization',
        resources: { requests: { storage: '16Mi' } },
      },
    });
    expect(claim.status).toBe(201);
    // A source that could not be imported: the claim's content is used instead.
    await create(
      dataVolume('adopted', NS, { source: { registry: { url: 'docker://nowhere.example/x:1' } } }),
    );
    await phase('adopted', 'Succeeded');
    const pvc = cluster.store.get(PVCS, NS, 'adopted');
    expect(pvc?.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'DataVolume', name: 'adopted', controller: true }),
    ]);
    expect(pvc?.metadata.annotations?.['cdi.kubevirt.io/storage.import.source']).toBeUndefined();
  });

  it('garbage-collects Succeeded DataVolumes when dataVolumeTTLSeconds allows, keeping the claim', async () => {
    await create(blankBlock('kept-before'));
    await phase('kept-before', 'Succeeded');
    // As HyperConverged does: the CDI CR's spec.config, which the CDI operator applies.
    const cdiPath = '/apis/cdi.kubevirt.io/v1beta1/cdis/cdi-kubevirt-hyperconverged';
    const setTTL = async (ttl: number) => {
      const { body: cdi } = await api(cluster, 'GET', cdiPath);
      const spec = cdi.spec as { config: object };
      const config = { ...spec.config, dataVolumeTTLSeconds: ttl };
      expect(
        (await api(cluster, 'PUT', cdiPath, { ...cdi, spec: { ...spec, config } })).status,
      ).toBe(200);
    };
    await setTTL(0);
    await waitFor(
      cluster,
      () =>
        cluster.store.get('cdi.kubevirt.io/datavolumes', NS, 'kept-before') ? undefined : true,
      'DV collected',
    );
    const pvc = cluster.store.get(PVCS, NS, 'kept-before');
    expect(pvc?.metadata.ownerReferences ?? []).toEqual([]);
    expect((pvc?.status as { phase?: string }).phase).toBe('Bound');
    await setTTL(-1);
    await create(blankBlock('kept-after'));
    await phase('kept-after', 'Succeeded');
    await cluster.store.settled();
    expect(cluster.store.get('cdi.kubevirt.io/datavolumes', NS, 'kept-after')).toBeDefined();
  }, 30_000);
});
