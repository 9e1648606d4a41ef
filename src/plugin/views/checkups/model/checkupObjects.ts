// The objects a checkup run consists of: the input ConfigMap (`spec.*` in, `status.*` written
// back by the checkup) and the Job that runs the checkup image against it (seed 002 §12.2).
import {
  CHECKUP_CONFIGMAP_LABEL,
  CHECKUP_TYPE_LABEL,
  LATENCY_CHECKUP,
  STORAGE_CHECKUP,
  type CheckupDefinition,
} from '../checkupKinds';
import type { ConfigMap, Job } from './types';

/** The ConfigMap keys the checkups read and write. */
export const KEYS = {
  timeout: 'spec.timeout',
  nadNamespace: 'spec.param.networkAttachmentDefinitionNamespace',
  nadName: 'spec.param.networkAttachmentDefinitionName',
  sampleDuration: 'spec.param.sampleDurationSeconds',
  maxLatency: 'spec.param.maxDesiredLatencyMilliseconds',
  sourceNode: 'spec.param.sourceNode',
  targetNode: 'spec.param.targetNode',
  succeeded: 'status.succeeded',
  failureReason: 'status.failureReason',
  startTimestamp: 'status.startTimestamp',
  completionTimestamp: 'status.completionTimestamp',
} as const;

export const STATUS_PREFIX = 'status.';
export const RESULT_PREFIX = 'status.result.';

/** The seed's latency timeout; a sample longer than it leaves room for gets a longer one. */
const LATENCY_TIMEOUT_MINUTES = 5;
/** Time the latency checkup needs besides the sample: two VMs to boot and to tear down. */
const LATENCY_SETUP_MINUTES = 4;

export interface LatencyParameters {
  namespace: string;
  name: string;
  nadName: string;
  sampleDurationSeconds?: number;
  maxDesiredLatencyMilliseconds?: number;
  sourceNode?: string;
  targetNode?: string;
}

export interface StorageParameters {
  namespace: string;
  name: string;
  timeoutMinutes: number;
}

/** `spec.timeout` of a latency checkup: `5m`, longer only when the sample needs it. */
export const latencyTimeout = (sampleDurationSeconds?: number): string =>
  `${Math.max(
    LATENCY_TIMEOUT_MINUTES,
    Math.ceil((sampleDurationSeconds ?? 0) / 60) + LATENCY_SETUP_MINUTES,
  )}m`;

const configMap = (
  checkup: CheckupDefinition,
  namespace: string,
  name: string,
  data: Record<string, string>,
): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, labels: { [CHECKUP_TYPE_LABEL]: checkup.type } },
  data,
});

/** The network latency checkup's input: the NAD in the same project, optional settings only when set. */
export const latencyConfigMap = (p: LatencyParameters): ConfigMap =>
  configMap(LATENCY_CHECKUP, p.namespace, p.name, {
    [KEYS.timeout]: latencyTimeout(p.sampleDurationSeconds),
    [KEYS.nadNamespace]: p.namespace,
    [KEYS.nadName]: p.nadName,
    ...(p.sampleDurationSeconds !== undefined
      ? { [KEYS.sampleDuration]: String(p.sampleDurationSeconds) }
      : {}),
    ...(p.maxDesiredLatencyMilliseconds !== undefined
      ? { [KEYS.maxLatency]: String(p.maxDesiredLatencyMilliseconds) }
      : {}),
    ...(p.sourceNode ? { [KEYS.sourceNode]: p.sourceNode } : {}),
    ...(p.targetNode ? { [KEYS.targetNode]: p.targetNode } : {}),
  });

export const storageConfigMap = (p: StorageParameters): ConfigMap =>
  configMap(STORAGE_CHECKUP, p.namespace, p.name, {
    [KEYS.timeout]: `${p.timeoutMinutes}m`,
  });

/** The `restricted` Pod Security profile, as the documentation's Jobs set it. */
const RESTRICTED = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * The Job that runs `checkup` against `input` (as created: its uid makes the ConfigMap the Job's
 * owner, so deleting the checkup collects its Jobs). A generated name, so reruns never collide.
 */
export const checkupJob = (checkup: CheckupDefinition, input: ConfigMap): Job => {
  const name = input.metadata?.name ?? '';
  const namespace = input.metadata?.namespace ?? '';
  const labels = { [CHECKUP_TYPE_LABEL]: checkup.type, [CHECKUP_CONFIGMAP_LABEL]: name };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      generateName: `${name}-`,
      namespace,
      labels,
      ...(input.metadata?.uid
        ? {
            ownerReferences: [
              { apiVersion: 'v1', kind: 'ConfigMap', name, uid: input.metadata.uid },
            ],
          }
        : {}),
    },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: checkup.serviceAccount,
          restartPolicy: 'Never',
          containers: [
            {
              name: checkup.containerName,
              image: checkup.image,
              securityContext: RESTRICTED,
              env: [
                { name: 'CONFIGMAP_NAMESPACE', value: namespace },
                { name: 'CONFIGMAP_NAME', value: name },
                { name: 'POD_UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
              ],
            },
          ],
        },
      },
    },
  };
};

const configMapNameOf = (job: Job) =>
  job.metadata?.labels?.[CHECKUP_CONFIGMAP_LABEL] ??
  job.spec?.template?.spec?.containers?.[0]?.env?.find((e) => e.name === 'CONFIGMAP_NAME')?.value;

const newestFirst = (a: Job, b: Job) =>
  (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '') ||
  (b.metadata?.name ?? '').localeCompare(a.metadata?.name ?? '');

/** The Jobs that ran (or run) this ConfigMap, newest first. */
export const jobsOf = (input: ConfigMap, jobs: readonly Job[]): Job[] =>
  jobs
    .filter(
      (job) =>
        job.metadata?.namespace === input.metadata?.namespace &&
        configMapNameOf(job) === input.metadata?.name,
    )
    .sort(newestFirst);

/** The ConfigMap's data without what a run wrote (`status.*`): the input of a rerun. */
export const withoutStatus = (data: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(data ?? {}).filter(([key]) => !key.startsWith(STATUS_PREFIX)));
