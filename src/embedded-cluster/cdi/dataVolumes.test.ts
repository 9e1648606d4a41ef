import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../conformance/testCluster';
import { readGuestDiskLabel } from '../guestDisk';
import { claimFile, formatBytes, quantityBytes } from '../volumes';
import { requiredSpace } from './claimSpec';
import { osImageDigest } from './imageFiles';
import { embeddedImageURL, OS_IMAGES } from './osImages';
import { api, dataVolume, dvPath, dvStatus, eventsFor, waitFor } from './testSupport';

type TestCluster = Awaited<ReturnType<typeof startTestCluster>>;
let cluster: TestCluster;
const NS = 'default';
const PVCS = 'core/persistentvolumeclaims';

beforeAll(async () => {
  // Slow enough that progress shows several values, fast enough for the suite.
  process.env.EMBEDDED_IMAGE_RATE = '24Mi';
  cluster = await startTestCluster();
}, 60_000);
afterAll(async () => {
  delete process.env.EMBEDDED_IMAGE_RATE;
  await cluster?.cleanup();
});

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
const runningCondition = (name: string) =>
  waitFor(
    cluster,
    () => {
      const running = dvStatus(cluster, NS, name)?.conditions?.find((c) => c.type === 'Running');
      return running?.reason === 'Error' ? running : undefined;
    },
    `${name} Running=False Error`,
  );
const label = (name: string, namespace = NS) =>
  readGuestDiskLabel(claimFile(cluster.store, namespace, name) ?? '/nonexistent');
const ssh = { urls: () => ({ http: cluster.httpURL, https: cluster.httpsURL }) };

describe('DataVolume imports', () => {
  it('imports over http from the image mirror with increasing progress', async () => {
    const seen: string[] = [];
    const off = cluster.store.subscribe('cdi.kubevirt.io/datavolumes', (event) => {
      if (event.object.metadata.name !== 'fedora-http') return;
      const progress = (event.object.status as { progress?: string } | undefined)?.progress;
      if (progress && progress !== seen.at(-1)) seen.push(progress);
    });
    await create(
      dataVolume('fedora-http', NS, { source: { http: { url: embeddedImageURL(ssh, 'fedora') } } }),
    );
    await phase('fedora-http', 'Succeeded');
    await cluster.store.settled();
    off();
    const numbers = seen.filter((p) => /^\d+\.\d+%$/.test(p)).map((p) => Number.parseFloat(p));
    const partial = numbers.filter((n) => n > 0 && n < 100);
    expect(partial.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < numbers.length; i++)
      expect(numbers[i]).toBeGreaterThanOrEqual(numbers[i - 1]!);
    expect(seen.at(-1)).toBe('100.0%');
    expect(await label('fedora-http')).toEqual({ os: 'fedora', name: 'Fedora Linux 41' });
    const status = dvStatus(cluster, NS, 'fedora-http')!;
    expect(status.conditions).toEqual([
      expect.objectContaining({
        type: 'Bound',
        status: 'True',
        reason: 'Bound',
        message: 'PVC fedora-http Bound',
      }),
      expect.objectContaining({ type: 'Ready', status: 'True' }),
      expect.objectContaining({
        type: 'Running',
        status: 'False',
        reason: 'Completed',
        message: 'Import Complete',
      }),
    ]);
    const reasons = eventsFor(cluster, NS, 'fedora-http').map((e) => e.reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['Bound', 'ImportScheduled', 'ImportSucceeded']),
    );
    const pvc = cluster.store.get(PVCS, NS, 'fedora-http')!;
    expect(pvc.metadata.annotations).toMatchObject({
      'cdi.kubevirt.io/storage.import.source': 'http',
      'cdi.kubevirt.io/storage.import.endpoint': embeddedImageURL(ssh, 'fedora'),
      'cdi.kubevirt.io/storage.contentType': 'kubevirt',
      'cdi.kubevirt.io/storage.pod.phase': 'Succeeded',
    });
    expect(pvc.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'DataVolume',
      name: 'fedora-http',
    });
  }, 60_000);

  it('stops an import when its DataVolume is deleted', async () => {
    await create(
      dataVolume('doomed', NS, { source: { http: { url: embeddedImageURL(ssh, 'rhel8') } } }),
    );
    await phase('doomed', 'ImportInProgress');
    expect((await api(cluster, 'DELETE', dvPath(NS, 'doomed'))).status).toBe(200);
    await cluster.controllersIdle();
    expect(cluster.store.get('cdi.kubevirt.io/datavolumes', NS, 'doomed')).toBeUndefined();
    expect(cluster.store.get(PVCS, NS, 'doomed')).toBeUndefined();
  }, 60_000);

  it('converts qcow2 and decompresses xz served over http', async () => {
    await create(
      dataVolume('rhel9-qcow2', NS, {
        source: { http: { url: embeddedImageURL(ssh, 'rhel9', 'qcow2') } },
      }),
    );
    await create(
      dataVolume('ubuntu-xz', NS, {
        source: { http: { url: embeddedImageURL(ssh, 'ubuntu24.04', 'xz') } },
      }),
    );
    await Promise.all([phase('rhel9-qcow2', 'Succeeded'), phase('ubuntu-xz', 'Succeeded')]);
    expect((await label('rhel9-qcow2'))?.os).toBe('rhel9');
    expect((await label('ubuntu-xz'))?.os).toBe('ubuntu24.04');
  }, 60_000);

  it('reports a 404 as CDI does, retries, then fails', async () => {
    const url = `${cluster.httpsURL}/images/no-such-os.img`;
    await create(dataVolume('missing-http', NS, { source: { http: { url } } }));
    const message =
      'Unable to connect to http data source: expected status code 200, got 404. Status: 404 Not Found';
    expect(await runningCondition('missing-http')).toMatchObject({ status: 'False', message });
    expect(eventsFor(cluster, NS, 'missing-http')).toContainEqual({
      type: 'Warning',
      reason: 'Error',
      message,
    });
    await phase('missing-http', 'Failed');
    expect(dvStatus(cluster, NS, 'missing-http')).toMatchObject({ restartCount: 3 });
  }, 60_000);

  it('cannot reach hosts outside the cluster', async () => {
    const url = 'http://images.example.com/disk.qcow2';
    await create(dataVolume('offline-http', NS, { source: { http: { url } } }));
    expect((await runningCondition('offline-http')).message).toBe(
      `Unable to connect to http data source: Get "${url}": dial tcp: lookup images.example.com: no such host`,
    );
  }, 30_000);

  it('imports mirrored registry images and fails for other registries', async () => {
    await create(
      dataVolume('centos-registry', NS, {
        source: { registry: { url: 'docker://quay.io/containerdisks/centos-stream:9' } },
      }),
    );
    const own = new URL(cluster.httpsURL).host;
    await create(
      dataVolume('own-registry', NS, {
        source: { registry: { url: `docker://${own}/containerdisks/debian:12` } },
      }),
    );
    const centos = OS_IMAGES.find((image) => image.id === 'centos-stream10')!;
    const digest = await osImageDigest(cluster.dataDir, centos);
    await create(
      dataVolume('pinned-registry', NS, {
        source: { registry: { url: `docker://quay.io/containerdisks/centos-stream@${digest}` } },
      }),
    );
    await create(
      dataVolume('elsewhere', NS, {
        source: { registry: { url: 'docker://registry.example.com/team/disk:1' } },
      }),
    );
    await Promise.all([
      phase('centos-registry', 'Succeeded'),
      phase('own-registry', 'Succeeded'),
      phase('pinned-registry', 'Succeeded'),
    ]);
    expect((await label('pinned-registry'))?.os).toBe('centos-stream10');
    expect(dvStatus(cluster, NS, 'centos-registry')).toMatchObject({
      claimName: 'centos-registry',
    });
    expect((await label('centos-registry'))?.os).toBe('centos-stream9');
    expect((await label('own-registry'))?.os).toBe('debian12');
    const failed = await runningCondition('elsewhere');
    expect(failed.message).toMatch(
      /^Unable to process data: Unable to transfer source data to scratch space: Failed to read registry image: .*lookup registry\.example\.com: no such host$/,
    );
  }, 60_000);
});

describe('DataVolume storage', () => {
  it('completes spec.storage from the StorageProfile and adds filesystem overhead', async () => {
    await create(
      dataVolume(
        'blank-fs',
        NS,
        { source: { blank: {} } },
        {
          storage: {
            storageClassName: 'hostpath-csi',
            resources: { requests: { storage: '1Gi' } },
          },
        },
        { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      ),
    );
    await phase('blank-fs', 'Succeeded');
    const pvc = cluster.store.get(PVCS, NS, 'blank-fs')!;
    expect(pvc.spec).toMatchObject({
      storageClassName: 'hostpath-csi',
      accessModes: ['ReadWriteOnce'],
      volumeMode: 'Filesystem',
      resources: { requests: { storage: formatBytes(requiredSpace(2 ** 30, 0.055)) } },
    });
    expect(
      quantityBytes(
        (pvc.spec as { resources: { requests: { storage: string } } }).resources.requests.storage,
      ),
    ).toBe(Math.ceil(2 ** 30 / 0.945));
    // The immediate-binding request picked a node for the WaitForFirstConsumer class.
    expect(pvc.metadata.annotations?.['volume.kubernetes.io/selected-node']).toMatch(/\S/);
    // Block volumes of the virt default class get no overhead.
    await create(dataVolume('blank-block', NS, { source: { blank: {} } }));
    await phase('blank-block', 'Succeeded');
    expect(cluster.store.get(PVCS, NS, 'blank-block')?.spec).toMatchObject({
      storageClassName: 'ocs-storagecluster-ceph-rbd-virtualization',
      volumeMode: 'Block',
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '128Mi' } },
    });
  }, 30_000);

  it('waits for the first consumer, then proceeds once a node is selected', async () => {
    await create(
      dataVolume(
        'wffc',
        NS,
        { source: { blank: {} } },
        {
          storage: {
            storageClassName: 'hostpath-csi',
            resources: { requests: { storage: '64Mi' } },
          },
        },
      ),
    );
    await phase('wffc', 'WaitForFirstConsumer');
    const pvc = cluster.store.get(PVCS, NS, 'wffc')!;
    await cluster.store.put(PVCS, {
      ...pvc,
      metadata: {
        ...pvc.metadata,
        annotations: {
          ...pvc.metadata.annotations,
          'volume.kubernetes.io/selected-node': 'node01',
        },
      },
    });
    await phase('wffc', 'Succeeded');
  }, 30_000);

  it('fails spec.pvc without access modes as the webhook would', async () => {
    await create(
      dataVolume(
        'no-modes',
        NS,
        { source: { blank: {} } },
        {
          storage: undefined,
          pvc: { resources: { requests: { storage: '1Gi' } } },
        },
      ),
    );
    await phase('no-modes', 'Failed');
    const message = 'spec.pvc.accessModes: Required value: at least 1 access mode is required';
    await waitFor(
      cluster,
      () => eventsFor(cluster, NS, 'no-modes').find((e) => e.message === message),
      'ErrClaimNotValid event',
    );
    expect(cluster.store.get(PVCS, NS, 'no-modes')).toBeUndefined();
  });
});

describe('DataVolume clones', () => {
  const sameBytes = (a: string, b: string, namespace = NS) => {
    const left = readFileSync(claimFile(cluster.store, NS, a)!);
    const right = readFileSync(claimFile(cluster.store, namespace, b)!);
    return left.subarray(0, 2 * 2 ** 20).equals(right.subarray(0, 2 * 2 ** 20));
  };

  it('clones a PVC, recording the clone type', async () => {
    await phase('centos-registry', 'Succeeded');
    // The virtualization class clones by CSI clone (set here, whatever the seed says).
    const profiles = '/apis/cdi.kubevirt.io/v1beta1/storageprofiles';
    const virt = 'ocs-storagecluster-ceph-rbd-virtualization';
    const { body: profile } = await api(cluster, 'GET', `${profiles}/${virt}`);
    const spec = { ...(profile.spec as object), cloneStrategy: 'csi-clone' };
    expect((await api(cluster, 'PUT', `${profiles}/${virt}`, { ...profile, spec })).status).toBe(
      200,
    );
    await create(
      dataVolume(
        'clone-csi',
        NS,
        { source: { pvc: { namespace: NS, name: 'centos-registry' } } },
        { storage: {} },
      ),
    );
    await create(
      dataVolume(
        'clone-copy',
        NS,
        { source: { pvc: { namespace: NS, name: 'centos-registry' } } },
        {
          storage: {
            storageClassName: 'hostpath-csi',
            resources: { requests: { storage: '256Mi' } },
          },
        },
        { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
      ),
    );
    await Promise.all([phase('clone-csi', 'Succeeded'), phase('clone-copy', 'Succeeded')]);
    expect(sameBytes('centos-registry', 'clone-csi')).toBe(true);
    expect(sameBytes('centos-registry', 'clone-copy')).toBe(true);
    expect((await label('clone-copy'))?.os).toBe('centos-stream9');
    expect(cluster.store.get(PVCS, NS, 'clone-csi')?.metadata.annotations).toMatchObject({
      'cdi.kubevirt.io/cloneType': 'csi-clone',
      'cdi.kubevirt.io/clonePhase': 'Succeeded',
    });
    expect(cluster.store.get(PVCS, NS, 'clone-copy')?.metadata.annotations).toMatchObject({
      'cdi.kubevirt.io/cloneType': 'copy',
      'cdi.kubevirt.io/clonePhase': 'Succeeded',
      'cdi.kubevirt.io/cloneFallbackReason':
        'The volume modes of source and target are incompatible',
    });
    expect(eventsFor(cluster, NS, 'clone-copy').map((e) => e.reason)).toEqual(
      expect.arrayContaining(['IncompatibleVolumeModes', 'CloneScheduled', 'CloneSucceeded']),
    );
  }, 60_000);

  it('clones across namespaces only when the target namespace may', async () => {
    await create(
      dataVolume(
        'stolen',
        'developer-vms',
        { source: { pvc: { namespace: NS, name: 'centos-registry' } } },
        { storage: {} },
      ),
    );
    await waitFor(
      cluster,
      () => (dvStatus(cluster, 'developer-vms', 'stolen')?.phase === 'Pending' ? true : undefined),
      'clone refused',
    );
    expect(eventsFor(cluster, 'developer-vms', 'stolen')).toContainEqual({
      type: 'Warning',
      reason: 'CloneValidationFailed',
      message:
        'User system:serviceaccount:developer-vms:default has insufficient permissions in clone source namespace default',
    });
    expect(cluster.store.get(PVCS, 'developer-vms', 'stolen')).toBeUndefined();
  });

  it('clones from a DataSource (sourceRef)', async () => {
    const created = await api(
      cluster,
      'POST',
      `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datasources`,
      {
        apiVersion: 'cdi.kubevirt.io/v1beta1',
        kind: 'DataSource',
        metadata: { name: 'golden' },
        spec: { source: { pvc: { namespace: NS, name: 'own-registry' } } },
      },
    );
    expect(created.status).toBe(201);
    await create(
      dataVolume(
        'from-source',
        NS,
        {},
        { sourceRef: { kind: 'DataSource', name: 'golden' }, storage: {} },
      ),
    );
    await phase('from-source', 'Succeeded');
    expect(sameBytes('own-registry', 'from-source')).toBe(true);
    expect((await label('from-source'))?.os).toBe('debian12');
  }, 60_000);
});
