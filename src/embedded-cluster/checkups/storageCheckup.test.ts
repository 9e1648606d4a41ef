import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, startTestCluster } from '../conformance/testCluster';
import type { KubeObject } from '../types';
import { storageCheckupPermissions } from '../../common/checkupPermissions';
import { podLogPath } from './podLogs';
import {
  adminToken,
  apply,
  configMap,
  configMapData,
  createNamespace,
  jobFinished,
  jobPods,
  RFC3339,
  storageJob,
} from './testSupport';

const NS = 'storage-checkups';
const OS_IMAGES = 'openshift-virtualization-os-images';

let cluster: Awaited<ReturnType<typeof startTestCluster>>;

type Condition = { type: string; status: string; message?: string };
const conditionTrue = (object: KubeObject | undefined, type: string) =>
  ((object?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).some(
    (c) => c.type === type && c.status === 'True',
  );

/** Like an administrator after installing: wait until the boot sources have imported. */
const bootSourcesReady = () =>
  new Promise<void>((resolve) => {
    const ready = () => {
      const crons = cluster.store.list('cdi.kubevirt.io/dataimportcrons');
      const sources = cluster.store.list('cdi.kubevirt.io/datasources', OS_IMAGES);
      return (
        crons.length > 0 &&
        crons.every((cron) => conditionTrue(cron, 'UpToDate')) &&
        sources.some((source) => conditionTrue(source, 'Ready'))
      );
    };
    const check = () => {
      if (!ready()) return;
      unsubscribe();
      resolve();
    };
    const unsubscribe = cluster.store.subscribe('*', check);
    check();
  });

beforeAll(async () => {
  cluster = await startTestCluster();
  await bootSourcesReady();
}, 60_000);

afterAll(async () => {
  await cluster?.cleanup();
});

describe('the storage checkup', () => {
  it('inspects the cluster, boots, migrates and hot-plugs a VM, and writes every result key', async () => {
    await createNamespace(cluster, NS);
    await apply(cluster, NS, storageCheckupPermissions(NS));
    // What the checkup's VM goes through, seen from outside, to check the values it reports.
    const seen = { cloneType: undefined as string | undefined, migrated: false, vm: '' };
    const unsubscribe = cluster.store.subscribe('*', ({ object, resource }) => {
      const name = object.metadata.name ?? '';
      if (object.metadata.namespace !== NS || !name.startsWith('vmi-under-test-')) return;
      if (resource === 'core/persistentvolumeclaims' && name.endsWith('-dv'))
        seen.cloneType =
          object.metadata.annotations?.['cdi.kubevirt.io/cloneType'] ?? seen.cloneType;
      if (resource === 'kubevirt.io/virtualmachineinstances') {
        seen.vm = name;
        const state = (object.status as { migrationState?: { completed?: boolean } } | undefined)
          ?.migrationState;
        if (state?.completed) seen.migrated = true;
      }
    });
    await apply(cluster, NS, [
      configMap('storage-checkup-config', { 'spec.timeout': '10m' }),
      storageJob(NS),
    ]);

    expect(await jobFinished(cluster, NS, 'storage-checkup')).toBe('Complete');
    unsubscribe();
    const waited = await kubectl(cluster, [
      'wait',
      'job',
      'storage-checkup',
      '-n',
      NS,
      '--for',
      'condition=complete',
      '--timeout',
      '10s',
    ]);
    expect(waited.stdout).toContain('job.batch/storage-checkup condition met');

    const data = configMapData(cluster, NS, 'storage-checkup-config');
    expect(data['status.succeeded']).toBe('true');
    expect(data['status.failureReason']).toBe('');
    expect(data['status.startTimestamp']).toMatch(RFC3339);
    expect(data['status.completionTimestamp']).toMatch(RFC3339);
    expect(
      cluster.store.get('core/configmaps', NS, 'storage-checkup-config')?.metadata.labels,
    ).toEqual({
      'kiagnose/checkup-type': 'kubevirt-storage',
    });
    for (const key of [
      'cnvVersion',
      'ocpVersion',
      'defaultStorageClass',
      'goldenImagesNoDataSource',
      'goldenImagesNotUpToDate',
      'storageMissingVolumeSnapshotClass',
      'storageProfilesWithEmptyClaimPropertySets',
      'storageProfilesWithSpecClaimPropertySets',
      'storageWithRWX',
      'vmBootFromGoldenImage',
      'vmHotplugVolume',
      'vmLiveMigration',
      'vmVolumeClone',
      'vmsWithNonVirtRbdStorageClass',
      'vmsWithUnsetEfsStorageClass',
    ])
      expect(data, key).toHaveProperty(`status.result.${key}`);

    // The values are the cluster's own.
    const hco = cluster.store.list('hco.kubevirt.io/hyperconvergeds')[0];
    const operator = (
      hco?.status as { versions?: { name: string; version: string }[] }
    ).versions?.find((v) => v.name === 'operator');
    expect(data['status.result.cnvVersion']).toBe(operator?.version);
    expect(data['status.result.ocpVersion']).toBe('4.16.0');
    const defaults = cluster.store
      .list('storage.k8s.io/storageclasses')
      .filter(
        (sc) => sc.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true',
      );
    expect(defaults).toHaveLength(1);
    expect(data['status.result.defaultStorageClass']).toBe(defaults[0]?.metadata.name);
    const rwx = cluster.store
      .list('cdi.kubevirt.io/storageprofiles')
      .filter((sp) =>
        (
          (sp.status as { claimPropertySets?: { accessModes?: string[] }[] }).claimPropertySets ??
          []
        ).some((set) => set.accessModes?.includes('ReadWriteMany')),
      )
      .map((sp) => sp.metadata.name);
    expect(rwx.length).toBeGreaterThan(0);
    expect(data['status.result.storageWithRWX']?.split('\n').sort()).toEqual(rwx.sort());
    expect(data['status.result.goldenImagesNotUpToDate']).toBe('');
    expect(data['status.result.goldenImagesNoDataSource']).toBe('');

    const vm = seen.vm;
    expect(vm).toMatch(/^vmi-under-test-[a-z0-9]{5}$/);
    expect(data['status.result.vmBootFromGoldenImage']).toBe(`VMI "${vm}" successfully booted`);
    expect(seen.cloneType).toBeTruthy();
    expect(data['status.result.vmVolumeClone']).toBe(`DV cloneType: "${seen.cloneType}"`);
    expect(seen.migrated).toBe(true);
    expect(data['status.result.vmLiveMigration']).toBe(`VMI "${vm}" migration completed`);
    expect(data['status.result.vmHotplugVolume']).toBe(
      `VMI "${vm}" hotplug volume ready\nVMI "${vm}" hotplug volume removed`,
    );

    // What it created is gone; the Job and its pod report success.
    expect(cluster.store.get('kubevirt.io/virtualmachines', NS, vm)).toBeUndefined();
    expect(cluster.store.get('cdi.kubevirt.io/datavolumes', NS, 'hotplug-volume')).toBeUndefined();
    const job = cluster.store.get('batch/jobs', NS, 'storage-checkup');
    expect(job?.status).toMatchObject({
      succeeded: 1,
      completionTime: expect.stringMatching(RFC3339),
    });
    const [pod] = jobPods(cluster, NS, 'storage-checkup');
    expect(pod?.metadata.name).toMatch(/^storage-checkup-[a-z0-9]{5}$/);
    expect(pod?.metadata.labels).toMatchObject({
      'batch.kubernetes.io/job-name': 'storage-checkup',
      'batch.kubernetes.io/controller-uid': job?.metadata.uid,
      'controller-uid': job?.metadata.uid,
    });
    expect(pod?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Job',
      uid: job?.metadata.uid,
      controller: true,
    });
    expect((pod?.status as { phase?: string }).phase).toBe('Succeeded');

    // Its log, kept on disk, through the API and through `kubectl logs job/…`.
    const file = podLogPath(cluster.dataDir, NS, pod?.metadata.name ?? '');
    expect(existsSync(file)).toBe(true);
    const kept = readFileSync(file, 'utf8');
    expect(kept).toContain('checkVersions');
    expect(kept).toContain(`Creating VM "${vm}"`);
    expect(kept).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /m);
    const response = await fetch(
      `${cluster.httpURL}/api/v1/namespaces/${NS}/pods/${pod?.metadata.name}/log`,
      { headers: { Authorization: `Bearer ${adminToken(cluster)}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe(kept);
    const logs = await kubectl(cluster, ['logs', 'job/storage-checkup', '-n', NS]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toBe(kept);
    const tail = await kubectl(cluster, ['logs', 'job/storage-checkup', '-n', NS, '--tail', '1']);
    expect(tail.stdout).toContain('checkup completed successfully');
    expect(tail.stdout.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('fails with the Forbidden error when cluster-reader is not bound, and still reports', async () => {
    const ns = 'storage-no-reader';
    await createNamespace(cluster, ns);
    await apply(
      cluster,
      ns,
      storageCheckupPermissions(ns).filter((object) => object.kind !== 'ClusterRoleBinding'),
    );
    await apply(cluster, ns, [
      configMap('storage-checkup-config', { 'spec.timeout': '10m' }),
      storageJob(ns),
    ]);
    expect(await jobFinished(cluster, ns, 'storage-checkup')).toBe('Failed');
    const data = configMapData(cluster, ns, 'storage-checkup-config');
    expect(data['status.succeeded']).toBe('false');
    expect(data['status.failureReason']).toMatch(
      new RegExp(
        `is forbidden: User "system:serviceaccount:${ns}:storage-checkup-sa" cannot list resource "[a-z]+" in API group "[a-z.]*" at the cluster scope`,
      ),
    );
    expect(data['status.completionTimestamp']).toMatch(RFC3339);
    const job = cluster.store.get('batch/jobs', ns, 'storage-checkup');
    expect(job?.status).toMatchObject({
      failed: 1,
      conditions: expect.arrayContaining([
        expect.objectContaining({ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }),
      ]),
    });
  }, 30_000);

  it('without any permission cannot even read its ConfigMap: the pod log says why', async () => {
    const ns = 'storage-no-rights';
    await createNamespace(cluster, ns);
    await apply(
      cluster,
      ns,
      storageCheckupPermissions(ns).filter((o) => o.kind === 'ServiceAccount'),
    );
    await apply(cluster, ns, [
      configMap('storage-checkup-config', { 'spec.timeout': '10m' }),
      storageJob(ns),
    ]);
    expect(await jobFinished(cluster, ns, 'storage-checkup')).toBe('Failed');
    expect(Object.keys(configMapData(cluster, ns, 'storage-checkup-config'))).toEqual([
      'spec.timeout',
    ]);
    const logs = await kubectl(cluster, ['logs', 'job/storage-checkup', '-n', ns]);
    expect(logs.stdout).toContain(
      `configmaps "storage-checkup-config" is forbidden: User "system:serviceaccount:${ns}:storage-checkup-sa" cannot get resource "configmaps" in API group "" in the namespace "${ns}"`,
    );
  }, 30_000);

  it('fails on a timeout that is not a Go duration, and refuses a ConfigMap already used', async () => {
    const ns = 'storage-bad-timeout';
    await createNamespace(cluster, ns);
    await apply(
      cluster,
      ns,
      storageCheckupPermissions(ns).filter((o) => o.kind !== 'ClusterRoleBinding'),
    );
    await apply(cluster, ns, [
      configMap('storage-checkup-config', { 'spec.timeout': '10 minutes' }),
      storageJob(ns),
    ]);
    expect(await jobFinished(cluster, ns, 'storage-checkup')).toBe('Failed');
    const data = configMapData(cluster, ns, 'storage-checkup-config');
    expect(data['status.failureReason']).toBe(
      'timeout field is illegal: time: unknown unit " minutes" in duration "10 minutes"',
    );

    await apply(cluster, ns, [storageJob(ns, 'storage-checkup-config', 'storage-checkup-again')]);
    expect(await jobFinished(cluster, ns, 'storage-checkup-again')).toBe('Failed');
    const logs = await kubectl(cluster, ['logs', 'job/storage-checkup-again', '-n', ns]);
    expect(logs.stdout).toContain('configMap is already in use');
  }, 30_000);

  it('fails a Job whose image the embedded cluster cannot run, with an event', async () => {
    const ns = 'other-jobs';
    await createNamespace(cluster, ns);
    const job = storageJob(ns, 'x', 'busybox-job');
    const template = (job.spec as { template: { spec: { containers: { image: string }[] } } })
      .template;
    template.spec.containers[0]!.image = 'docker.io/library/busybox:1.36';
    await apply(cluster, ns, [job]);
    expect(await jobFinished(cluster, ns, 'busybox-job')).toBe('Failed');
    expect(jobPods(cluster, ns, 'busybox-job')).toHaveLength(0);
    const events = cluster.store
      .list('core/events', ns)
      .filter((e) => (e.involvedObject as { name?: string }).name === 'busybox-job');
    expect(events.map((e) => e.message)).toContainEqual(
      expect.stringContaining('image not available in the embedded cluster'),
    );
  }, 30_000);
});
