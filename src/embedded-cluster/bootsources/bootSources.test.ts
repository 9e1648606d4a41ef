import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../conformance/testCluster';
import { readGuestDiskLabel } from '../guestDisk';
import type { KubeObject } from '../types';
import { claimFile, snapshotFile } from '../volumes';
import { ANN_LAST_CRON_TIME } from './dataImportCronController';
import {
  DATA_IMPORT_CRONS,
  DATA_SOURCES,
  DATA_VOLUMES,
  GOLDEN_IMAGES_NAMESPACE as NS,
  HYPERCONVERGEDS,
  PVCS,
  SNAPSHOTS,
} from './objects';

// Boot sources end to end on a simulated cluster: HCO → DataImportCrons → CDI imports from the
// embedded mirror → DataSources Ready, and the HyperConverged switches that change them.
process.env.EMBEDDED_IMAGE_RATE = '1Gi';
let cluster: Awaited<ReturnType<typeof startTestCluster>>;
let token = '';

beforeAll(async () => {
  cluster = await startTestCluster();
  token = cluster.users.find((u) => u.username === 'admin')?.token ?? '';
}, 60_000);
afterAll(async () => {
  await cluster?.cleanup();
});

const HCO_PATH =
  '/apis/hco.kubevirt.io/v1beta1/namespaces/openshift-cnv/hyperconvergeds/kubevirt-hyperconverged';
const COMMON = ['centos-stream9', 'fedora', 'rhel8', 'rhel9'];
const OS_OF: Record<string, string> = {
  'centos-stream9': 'centos-stream9',
  fedora: 'fedora',
  rhel8: 'rhel8',
  rhel9: 'rhel9',
  'user-defined-fedora': 'fedora',
};

const api = async (method: string, path: string, body?: unknown, contentType?: string) => {
  const response = await fetch(`${cluster.httpURL}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': contentType ?? 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as KubeObject & { message?: string };
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${json.message}`);
  return json;
};
const jsonPatch = (path: string, ops: object[]) =>
  api('PATCH', path, ops, 'application/json-patch+json');
const mergePatch = (path: string, merge: object) =>
  api('PATCH', path, merge, 'application/merge-patch+json');

/** Resolves once `check` returns something, re-checking on every store change. */
const until = <T>(what: string, check: () => T | undefined, timeoutMs = 45_000) =>
  new Promise<T>((resolve, reject) => {
    const first = check();
    if (first !== undefined) return resolve(first);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const off = cluster.store.subscribe('*', () => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      off();
      resolve(value);
    });
  });

type Condition = { type: string; status: string; reason?: string; message?: string };
const conditionOf = (o: KubeObject | undefined, type: string) =>
  ((o?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find(
    (c) => c.type === type,
  );
const dataSource = (name: string) => cluster.store.get(DATA_SOURCES, NS, name);
const cron = (name: string) => cluster.store.get(DATA_IMPORT_CRONS, NS, name);
const isReady = (name: string) => conditionOf(dataSource(name), 'Ready')?.status === 'True';
const sourceOf = (o: KubeObject | undefined) =>
  (o?.spec as { source?: { pvc?: { name: string }; snapshot?: { name: string } } } | undefined)
    ?.source ?? {};
const hcoStatus = () =>
  (cluster.store.get(HYPERCONVERGEDS, 'openshift-cnv', 'kubevirt-hyperconverged')?.status ??
    {}) as {
    dataImportSchedule?: string;
    dataImportCronTemplates?: {
      metadata: { name: string; annotations?: Record<string, string> };
      status: Record<string, unknown>;
    }[];
  };
const listedTemplates = () =>
  (hcoStatus().dataImportCronTemplates ?? []).map((t) => t.metadata.name);

/** The file behind a Ready DataSource: its claim's, or its snapshot's. */
const fileOf = (name: string) => {
  const source = sourceOf(dataSource(name));
  if (source.snapshot) return snapshotFile(cluster.store, NS, source.snapshot.name);
  if (source.pvc) return claimFile(cluster.store, NS, source.pvc.name);
  return undefined;
};
const eventsAbout = (name: string) =>
  cluster.store
    .list('core/events', NS)
    .filter((e) => (e.involvedObject as { name?: string }).name === name);

describe('boot sources', () => {
  it('imports every common OS image and makes its DataSource Ready', async () => {
    await until('all common DataSources Ready', () => (COMMON.every(isReady) ? true : undefined));
    await cluster.controllersIdle();
    for (const name of COMMON) {
      const ds = dataSource(name);
      const source = sourceOf(ds);
      const importName = source.snapshot?.name ?? source.pvc?.name ?? '';
      expect(importName).toMatch(new RegExp(`^${name}-[0-9a-f]{12}$`));
      expect(conditionOf(ds, 'Ready')).toMatchObject({
        reason: 'Ready',
        message: 'DataSource is ready to be consumed',
      });
      expect((ds?.status as { source?: unknown }).source).toEqual(source);
      expect(ds?.metadata.labels).toMatchObject({
        'cdi.kubevirt.io/dataImportCron': `${name}-image-cron`,
        'instancetype.kubevirt.io/default-instancetype': 'u1.medium',
      });
      expect(ds?.metadata.labels?.['instancetype.kubevirt.io/default-preference']).toBeTruthy();
      // The imported disk is the OS's: its first sector says so.
      const file = fileOf(name);
      expect(file, `file of ${name}`).toBeTruthy();
      expect((await readGuestDiskLabel(file ?? ''))?.os).toBe(OS_OF[name]);

      const dic = cron(`${name}-image-cron`);
      const status = dic?.status as {
        currentImports: { DataVolumeName: string; Digest: string }[];
        lastImportedPVC: { name: string; namespace: string };
        lastImportTimestamp?: string;
        lastExecutionTimestamp?: string;
        sourceFormat?: string;
      };
      expect(status.currentImports).toEqual([
        { DataVolumeName: importName, Digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) },
      ]);
      expect(importName.slice(-12)).toBe(status.currentImports[0]?.Digest.slice(7, 19));
      expect(status.lastImportedPVC).toEqual({ namespace: NS, name: importName });
      expect(status.lastImportTimestamp).toBeTruthy();
      expect(status.lastExecutionTimestamp).toBeTruthy();
      expect(status.sourceFormat).toBe(source.snapshot ? 'snapshot' : 'pvc');
      expect(conditionOf(dic, 'UpToDate')).toMatchObject({
        status: 'True',
        message: 'Latest import is up to date',
      });
      expect(conditionOf(dic, 'Progressing')).toMatchObject({
        status: 'False',
        message: 'No current import',
      });
      expect(dic?.metadata.labels).toMatchObject({
        'app.kubernetes.io/part-of': 'hyperconverged-cluster',
        'app.kubernetes.io/managed-by': 'ssp-operator',
      });
      expect(dic?.metadata.annotations).toMatchObject({
        'cdi.kubevirt.io/storage.bind.immediate.requested': 'true',
      });
    }
    // The import pulled the image pinned to its digest, as CDI does.
    const rhel9 = cron('rhel9-image-cron')?.status as { currentImports: { Digest: string }[] };
    const dvs = cluster.store
      .list(DATA_VOLUMES, NS)
      .filter(
        (dv) => dv.metadata.labels?.['cdi.kubevirt.io/dataImportCron'] === 'rhel9-image-cron',
      );
    for (const dv of dvs) {
      expect((dv.spec as { source: { registry: { url: string } } }).source.registry.url).toBe(
        `docker://registry.redhat.io/rhel9/rhel-guest-image@${rhel9.currentImports[0]?.Digest}`,
      );
    }
  }, 60_000);

  it('lists the system templates in the HyperConverged status, on one random schedule', async () => {
    await cluster.controllersIdle();
    const status = hcoStatus();
    expect(status.dataImportSchedule).toMatch(/^\d{1,2} \d{1,2}\/12 \* \* \*$/);
    expect(listedTemplates()).toEqual(COMMON.map((n) => `${n}-image-cron`));
    for (const entry of status.dataImportCronTemplates ?? []) {
      expect(entry.status).toEqual({ commonTemplate: true });
      expect((entry as { spec?: { schedule?: string } }).spec?.schedule).toBe(
        status.dataImportSchedule,
      );
    }
  });

  it('leaves the OSes it does not import without a source', async () => {
    await cluster.controllersIdle();
    for (const name of ['win2k22', 'win10', 'win11']) {
      const ds = dataSource(name);
      expect(sourceOf(ds)).toEqual({ pvc: { name, namespace: NS } });
      expect(conditionOf(ds, 'Ready')).toMatchObject({
        status: 'False',
        reason: 'NotFound',
        message: 'PVC not found',
      });
    }
  });

  it('does not import again when the digest has not changed', async () => {
    const before = cluster.store.list(DATA_VOLUMES, NS).length;
    const name = 'fedora-image-cron';
    const executed = (cron(name)?.status as { lastExecutionTimestamp?: string })
      .lastExecutionTimestamp;
    // Pretend the last poll was long ago: the schedule is due, the poller runs again.
    await mergePatch(`/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/dataimportcrons/${name}`, {
      metadata: { annotations: { [ANN_LAST_CRON_TIME]: '2020-01-01T00:00:00Z' } },
    });
    await until('a new poll', () => {
      const last = cron(name)?.metadata.annotations?.[ANN_LAST_CRON_TIME];
      return last && last !== '2020-01-01T00:00:00Z' ? last : undefined;
    });
    await cluster.controllersIdle();
    const status = cron(name)?.status as { lastExecutionTimestamp?: string };
    expect(status.lastExecutionTimestamp).not.toBe('2020-01-01T00:00:00Z');
    expect(
      status.lastExecutionTimestamp && executed && status.lastExecutionTimestamp >= executed,
    ).toBe(true);
    expect(cluster.store.list(DATA_VOLUMES, NS).length).toBe(before);
    expect(conditionOf(cron(name), 'UpToDate')?.status).toBe('True');
  });

  it('turning enableCommonBootImageImport off deletes the system crons and resets the DataSources; on restores them', async () => {
    const imported = COMMON.map((name) => sourceOf(dataSource(name)));
    await jsonPatch(HCO_PATH, [
      { op: 'replace', path: '/spec/featureGates/enableCommonBootImageImport', value: false },
    ]);
    await until('system crons gone', () =>
      COMMON.some((n) => cron(`${n}-image-cron`)) ? undefined : true,
    );
    await cluster.controllersIdle();
    expect(listedTemplates()).toEqual([]);
    for (const [i, name] of COMMON.entries()) {
      const ds = dataSource(name);
      expect(sourceOf(ds)).toEqual({ pvc: { name, namespace: NS } });
      expect(ds?.metadata.labels?.['cdi.kubevirt.io/dataImportCron']).toBeUndefined();
      expect(conditionOf(ds, 'Ready')).toMatchObject({ status: 'False', reason: 'NotFound' });
      // What was imported stays.
      const kept = imported[i];
      if (kept?.snapshot) expect(cluster.store.get(SNAPSHOTS, NS, kept.snapshot.name)).toBeTruthy();
      if (kept?.pvc) expect(cluster.store.get(PVCS, NS, kept.pvc.name)).toBeTruthy();
    }

    await jsonPatch(HCO_PATH, [
      { op: 'replace', path: '/spec/featureGates/enableCommonBootImageImport', value: true },
    ]);
    await until('all common DataSources Ready again', () =>
      COMMON.every(isReady) ? true : undefined,
    );
    expect(COMMON.map((name) => sourceOf(dataSource(name)))).toEqual(imported);
    for (const name of COMMON) expect(cron(`${name}-image-cron`)).toBeTruthy();
    await cluster.controllersIdle();
    expect(listedTemplates()).toEqual(COMMON.map((n) => `${n}-image-cron`));
  }, 60_000);

  it('creates a custom boot source, listed with status {}, and deletes it with its imports', async () => {
    const custom = {
      metadata: { name: 'user-defined-dic' },
      spec: {
        schedule: '0 */12 * * *',
        managedDataSource: 'user-defined-fedora',
        retentionPolicy: 'None',
        template: {
          spec: {
            source: { registry: { url: 'docker://quay.io/containerdisks/fedora:latest' } },
            storage: {
              storageClassName: 'hostpath-csi',
              resources: { requests: { storage: '10Gi' } },
            },
          },
        },
      },
    };
    await mergePatch(HCO_PATH, { spec: { dataImportCronTemplates: [custom] } });
    await until('custom DataSource Ready', () =>
      isReady('user-defined-fedora') ? true : undefined,
    );
    await cluster.controllersIdle();
    const entry = hcoStatus().dataImportCronTemplates?.find(
      (t) => t.metadata.name === 'user-defined-dic',
    );
    expect(entry?.status).toEqual({});
    expect(listedTemplates()).toContain('rhel9-image-cron');
    const dic = cron('user-defined-dic');
    expect(dic?.spec).toMatchObject({ managedDataSource: 'user-defined-fedora' });
    // hostpath-csi keeps boot sources as PVCs; WaitForFirstConsumer bound at once on request.
    const source = sourceOf(dataSource('user-defined-fedora'));
    expect(source.pvc?.name).toMatch(/^user-defined-fedora-[0-9a-f]{12}$/);
    expect((await readGuestDiskLabel(fileOf('user-defined-fedora') ?? ''))?.os).toBe('fedora');
    const claim = source.pvc?.name ?? '';
    expect(cluster.store.get(PVCS, NS, claim)?.metadata.labels).toMatchObject({
      'cdi.kubevirt.io/dataImportCron': 'user-defined-dic',
      'cdi.kubevirt.io/dataImportCronCleanup': 'true',
    });

    // retentionPolicy None: removing the template deletes the cron, its DataSource and import.
    await mergePatch(HCO_PATH, { spec: { dataImportCronTemplates: [] } });
    await until('custom boot source gone', () =>
      cron('user-defined-dic') ||
      dataSource('user-defined-fedora') ||
      cluster.store.get(DATA_VOLUMES, NS, claim)
        ? undefined
        : true,
    );
    expect(listedTemplates()).not.toContain('user-defined-dic');
  }, 60_000);

  it('keeps serving the last import while a new digest imports, and recovers from a bad one', async () => {
    const name = 'fedora-image-cron';
    const path = `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/dataimportcrons/${name}`;
    const served = sourceOf(dataSource('fedora'));
    const fake = `sha256:${'ab'.repeat(32)}`;
    // As CDI's own tests do: a new desired digest, here one the mirror does not have.
    await mergePatch(path, {
      metadata: { annotations: { 'cdi.kubevirt.io/storage.import.sourceDesiredDigest': fake } },
    });
    const failed = await until('the new import fails', () => {
      const c = conditionOf(cron(name), 'UpToDate');
      return c?.reason === 'ImportFailed' ? c : undefined;
    });
    expect(failed.message).toContain('manifest unknown');
    expect(cluster.store.get(DATA_VOLUMES, NS, 'fedora-abababababab')).toBeTruthy();
    expect((cron(name)?.status as { currentImports: unknown[] }).currentImports).toEqual([
      { DataVolumeName: 'fedora-abababababab', Digest: fake },
    ]);
    expect(sourceOf(dataSource('fedora'))).toEqual(served);
    expect(isReady('fedora')).toBe(true);

    // The next poll finds the real digest again: the failed import goes, the old one is current.
    await mergePatch(path, {
      metadata: { annotations: { [ANN_LAST_CRON_TIME]: '2020-01-01T00:00:00Z' } },
    });
    await until('up to date again', () =>
      conditionOf(cron(name), 'UpToDate')?.status === 'True' ? true : undefined,
    );
    await until('failed import deleted', () =>
      cluster.store.get(DATA_VOLUMES, NS, 'fedora-abababababab') ? undefined : true,
    );
    expect(sourceOf(dataSource('fedora'))).toEqual(served);
  }, 60_000);

  it('keeps boot sources as VolumeSnapshots when the storage profile says so', async () => {
    await mergePatch('/apis/cdi.kubevirt.io/v1beta1/storageprofiles/ocs-storagecluster-ceph-rbd', {
      spec: { dataImportCronSourceFormat: 'snapshot' },
    });
    await mergePatch(HCO_PATH, {
      spec: {
        dataImportCronTemplates: [
          {
            metadata: { name: 'snapshot-dic' },
            spec: {
              schedule: '0 */12 * * *',
              managedDataSource: 'snapshot-centos',
              template: {
                spec: {
                  source: { registry: { url: 'docker://quay.io/containerdisks/centos-stream:9' } },
                  storage: {
                    storageClassName: 'ocs-storagecluster-ceph-rbd',
                    resources: { requests: { storage: '10Gi' } },
                  },
                },
              },
            },
          },
        ],
      },
    });
    await until('snapshot DataSource Ready', () => {
      const source = sourceOf(dataSource('snapshot-centos'));
      return source.snapshot && isReady('snapshot-centos') ? true : undefined;
    });
    const snapshot = sourceOf(dataSource('snapshot-centos')).snapshot?.name ?? '';
    expect(snapshot).toMatch(/^snapshot-centos-[0-9a-f]{12}$/);
    expect((await readGuestDiskLabel(fileOf('snapshot-centos') ?? ''))?.os).toBe('centos-stream9');
    const dic = cron('snapshot-dic');
    expect((dic?.status as { sourceFormat?: string }).sourceFormat).toBe('snapshot');
    // Once the snapshot is ready the import's DataVolume and PVC are not needed.
    await until('import volume cleaned up', () =>
      cluster.store.get(DATA_VOLUMES, NS, snapshot) || cluster.store.get(PVCS, NS, snapshot)
        ? undefined
        : true,
    );
    await until('up to date', () =>
      conditionOf(cron('snapshot-dic'), 'UpToDate')?.status === 'True' ? true : undefined,
    );
    await mergePatch(HCO_PATH, { spec: { dataImportCronTemplates: [] } });
  }, 60_000);

  it('disables one system boot source with the enable annotation', async () => {
    await mergePatch(HCO_PATH, {
      spec: {
        dataImportCronTemplates: [
          {
            metadata: {
              name: 'rhel8-image-cron',
              annotations: { 'dataimportcrontemplate.kubevirt.io/enable': 'false' },
            },
          },
        ],
      },
    });
    await until('rhel8 cron gone', () => (cron('rhel8-image-cron') ? undefined : true));
    await cluster.controllersIdle();
    expect(listedTemplates()).toEqual([
      'centos-stream9-image-cron',
      'fedora-image-cron',
      'rhel9-image-cron',
    ]);
    expect(sourceOf(dataSource('rhel8'))).toEqual({ pvc: { name: 'rhel8', namespace: NS } });
    expect(conditionOf(dataSource('rhel8'), 'Ready')?.status).toBe('False');
    expect(cron('rhel9-image-cron')).toBeTruthy();

    await mergePatch(HCO_PATH, { spec: { dataImportCronTemplates: [] } });
    await until('rhel8 Ready again', () => (isReady('rhel8') ? true : undefined));
  }, 60_000);

  it('reports an invalid schedule and imports nothing', async () => {
    await api('POST', `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/dataimportcrons`, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataImportCron',
      metadata: { name: 'bad-schedule' },
      spec: {
        schedule: '0 */12 * 13 *',
        managedDataSource: 'bad-schedule-source',
        template: {
          spec: {
            source: { registry: { url: 'docker://quay.io/containerdisks/fedora:latest' } },
            storage: { resources: { requests: { storage: '1Gi' } } },
          },
        },
      },
    });
    const upToDate = await until('InvalidSchedule', () => {
      const c = conditionOf(cron('bad-schedule'), 'UpToDate');
      return c?.reason === 'InvalidSchedule' ? c : undefined;
    });
    expect(upToDate).toMatchObject({
      status: 'False',
      message:
        'Illegal cron schedule "0 */12 * 13 *": invalid month field "13": 13 is out of range 1-12',
    });
    await cluster.controllersIdle();
    expect(eventsAbout('bad-schedule')).toContainEqual(
      expect.objectContaining({
        type: 'Warning',
        reason: 'InvalidSchedule',
        message: upToDate.message,
      }),
    );
    const dvs = cluster.store
      .list(DATA_VOLUMES, NS)
      .filter((dv) => dv.metadata.labels?.['cdi.kubevirt.io/dataImportCron'] === 'bad-schedule');
    expect(dvs).toEqual([]);
  });

  it('reports an import the mirror cannot serve', async () => {
    await api('POST', `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/dataimportcrons`, {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataImportCron',
      metadata: { name: 'unreachable' },
      spec: {
        schedule: '0 0 * * *',
        managedDataSource: 'unreachable-source',
        template: {
          spec: {
            source: { registry: { url: 'docker://registry.example.com/nothing/here:1' } },
            storage: { resources: { requests: { storage: '1Gi' } } },
          },
        },
      },
    });
    const upToDate = await until('ImportFailed', () => {
      const c = conditionOf(cron('unreachable'), 'UpToDate');
      return c?.reason === 'ImportFailed' ? c : undefined;
    });
    expect(upToDate.status).toBe('False');
    expect(upToDate.message).toContain('registry.example.com');
    await cluster.controllersIdle();
    expect(eventsAbout('unreachable')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'ImportFailed' }),
    );
    expect(conditionOf(dataSource('unreachable-source'), 'Ready')?.status).toBe('False');
  });
});
