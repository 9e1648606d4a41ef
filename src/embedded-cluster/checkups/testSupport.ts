// What the checkup tests share: the seed's manifests, applying them with kubectl, and waiting
// for a Job to finish by watching the store (no sleeps).
import type { EmbeddedCluster } from '../cluster';
import { kubectl } from '../conformance/testCluster';
import type { KubeObject } from '../types';
import { JOBS } from './jobController';

/**
 * `kubectl apply -n NS -f -` with these objects, as the documentation's procedures do. Without
 * client-side validation: the registry's published Pod schema lacks container `env[].value`,
 * `imagePullPolicy`, `securityContext` and the pod's `serviceAccount` (the server keeps them).
 */
export const apply = async (cluster: EmbeddedCluster, namespace: string, objects: KubeObject[]) => {
  const result = await kubectl(cluster, ['apply', '--validate=false', '-n', namespace, '-f', '-'], {
    input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }),
  });
  if (result.code !== 0) throw new Error(`kubectl apply failed: ${result.stderr}`);
  return result.stdout;
};

export const createNamespace = async (cluster: EmbeddedCluster, name: string) => {
  const result = await kubectl(cluster, ['create', 'namespace', name]);
  if (result.code !== 0) throw new Error(result.stderr);
};

/** The input ConfigMap of seed 002 §12.2.5 / §12.2.3. */
export const configMap = (
  name: string,
  data: Record<string, string>,
  labels?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

/** The storage checkup Job of seed 002 §12.2.5 (note `serviceAccount`, the old field). */
export const storageJob = (
  namespace: string,
  configMapName = 'storage-checkup-config',
  name = 'storage-checkup',
): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: {
    backoffLimit: 0,
    template: {
      spec: {
        serviceAccount: 'storage-checkup-sa',
        restartPolicy: 'Never',
        containers: [
          {
            name: 'storage-checkup',
            image: 'quay.io/kiagnose/kubevirt-storage-checkup:main',
            imagePullPolicy: 'Always',
            env: [
              { name: 'CONFIGMAP_NAMESPACE', value: namespace },
              { name: 'CONFIGMAP_NAME', value: configMapName },
            ],
          },
        ],
      },
    },
  },
});

/** The latency checkup Job of seed 002 §12.2.3. */
export const latencyJob = (
  namespace: string,
  name = 'kubevirt-vm-latency-checkup',
  configMapName = 'kubevirt-vm-latency-checkup-config',
): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, labels: { 'kiagnose/checkup-type': 'kubevirt-vm-latency' } },
  spec: {
    backoffLimit: 0,
    template: {
      spec: {
        serviceAccountName: 'vm-latency-checkup-sa',
        restartPolicy: 'Never',
        containers: [
          {
            name: 'vm-latency-checkup',
            image:
              'registry.redhat.io/container-native-virtualization/vm-network-latency-checkup-rhel9:v4.16.0',
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              runAsNonRoot: true,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            env: [
              { name: 'CONFIGMAP_NAMESPACE', value: namespace },
              { name: 'CONFIGMAP_NAME', value: configMapName },
              { name: 'POD_UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
            ],
          },
        ],
      },
    },
  },
});

type JobCondition = { type: string; status: string };

const finishedAs = (job: KubeObject | undefined) =>
  ((job?.status as { conditions?: JobCondition[] } | undefined)?.conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  )?.type;

/** Resolves with `Complete` or `Failed` once the Job has finished. */
export const jobFinished = (cluster: EmbeddedCluster, namespace: string, name: string) =>
  new Promise<string>((resolve) => {
    const check = () => {
      const done = finishedAs(cluster.store.get(JOBS, namespace, name));
      if (!done) return false;
      unsubscribe();
      resolve(done);
      return true;
    };
    const unsubscribe = cluster.store.subscribe(JOBS, () => void check());
    check();
  });

export const configMapData = (cluster: EmbeddedCluster, namespace: string, name: string) =>
  (cluster.store.get('core/configmaps', namespace, name)?.data ?? {}) as Record<string, string>;

export const jobPods = (cluster: EmbeddedCluster, namespace: string, job: string) =>
  cluster.store
    .list('core/pods', namespace)
    .filter((pod) => pod.metadata.labels?.['job-name'] === job);

export const adminToken = (cluster: EmbeddedCluster) =>
  cluster.users.find((user) => user.username === 'admin')?.token ?? '';

export const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
