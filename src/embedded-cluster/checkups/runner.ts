// The kiagnose framework every checkup image carries: read the ConfigMap the Job's environment
// names, refuse one already used, parse `spec.timeout` and `spec.param.*`, stamp the start,
// run the checkup within the timeout, and write `status.*` back into the same ConfigMap.
import { serviceAccountUser } from '../auth/serviceAccounts';
import type { ClusterContext } from '../modules/clusterModule';
import type { KubeObject } from '../types';
import { CheckupClient, errorMessage, withTimeout } from './client';
import { parseGoDuration } from '../goDuration';
import { timestampOf } from '../objectRefs';

export interface CheckupRun {
  context: ClusterContext;
  /** The API as the Job's service account. */
  client: CheckupClient;
  /** The checkup pod's namespace, where it creates what it needs. */
  namespace: string;
  pod: KubeObject;
  /** `spec.param.*` without the prefix. */
  params: Record<string, string>;
  log(message: string): void;
  /** Aborts at `spec.timeout` or when the pod goes away. */
  signal: AbortSignal;
  /** For cleaning up after the deadline: aborts only when the pod goes away. */
  teardownSignal: AbortSignal;
}

export interface CheckupOutcome {
  /** `status.result.*` without the prefix; empty when the checkup got nowhere. */
  results: Record<string, string>;
  failures: string[];
}

export interface Checkup {
  /** The `kiagnose/checkup-type` the checkup is known by. */
  type: string;
  /** How its log names it: "Kubevirt VM latency checkup failed: …". */
  title: string;
  /** `spec.timeout` when the ConfigMap has none; without it the field is required. */
  defaultTimeout?: string;
  /** Stamped on the ConfigMap as `kiagnose/checkup-type` when the checkup starts. */
  labelConfigMap?: boolean;
  run(run: CheckupRun): Promise<CheckupOutcome>;
}

const CHECKUP_TYPE = 'kiagnose/checkup-type';
const PARAM = 'spec.param.';

export const rfc3339 = (date = new Date()) => timestampOf(date);

type Container = {
  name?: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath?: string } } }[];
};

/** The container's environment as the kubelet gives it, `fieldRef`s resolved against the pod. */
export const containerEnvironment = (pod: KubeObject, container: Container) => {
  const spec = (pod.spec ?? {}) as { serviceAccountName?: string; nodeName?: string };
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.serviceAccountName': spec.serviceAccountName,
    'spec.nodeName': spec.nodeName,
  };
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    const path = variable.valueFrom?.fieldRef?.fieldPath;
    const value = path !== undefined ? fields[path] : variable.value;
    env[variable.name] = value ?? '';
  }
  return env;
};

/** Runs one checkup in its pod; resolves with the container's exit code. */
export const runCheckup = async (
  context: ClusterContext,
  checkup: Checkup,
  pod: KubeObject,
  container: Container,
  log: (message: string) => void,
  podSignal: AbortSignal,
): Promise<number> => {
  const env = containerEnvironment(pod, container);
  for (const required of ['CONFIGMAP_NAMESPACE', 'CONFIGMAP_NAME']) {
    if (!env[required]) {
      log(`missing required environment variable: ${JSON.stringify(required)}`);
      return 1;
    }
  }
  const namespace = pod.metadata.namespace ?? '';
  const account = (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName;
  const client = new CheckupClient(context, serviceAccountUser(namespace, account ?? 'default'));
  const configMapNamespace = env.CONFIGMAP_NAMESPACE ?? '';
  const configMapName = env.CONFIGMAP_NAME ?? '';

  const report = async (data: Record<string, string>, label = false) => {
    const current = client.get('', 'configmaps', configMapNamespace, configMapName);
    const labels = label
      ? { ...current.metadata.labels, [CHECKUP_TYPE]: checkup.type }
      : current.metadata.labels;
    await client.update('', 'configmaps', {
      ...current,
      metadata: { ...current.metadata, ...(labels ? { labels } : {}) },
      data: { ...((current.data as Record<string, string> | undefined) ?? {}), ...data },
    });
  };

  let data: Record<string, string>;
  try {
    const configMap = client.get('', 'configmaps', configMapNamespace, configMapName);
    data = (configMap.data as Record<string, string> | undefined) ?? {};
  } catch (error) {
    log(errorMessage(error));
    return 1;
  }
  if (data['status.startTimestamp']) {
    log('configMap is already in use');
    return 1;
  }
  const started = rfc3339();
  try {
    await report({ 'status.startTimestamp': started }, checkup.labelConfigMap);
  } catch (error) {
    log(errorMessage(error));
    return 1;
  }
  log(`Starting the ${checkup.type} checkup (ConfigMap ${configMapNamespace}/${configMapName})`);

  let outcome: CheckupOutcome;
  const rawTimeout = data['spec.timeout'] ?? checkup.defaultTimeout;
  let timeoutMs: number | undefined;
  try {
    if (rawTimeout === undefined) throw new Error('timeout field is missing');
    timeoutMs = parseGoDuration(rawTimeout) / 1e6;
    if (timeoutMs <= 0) throw new Error(`time: invalid duration ${JSON.stringify(rawTimeout)}`);
  } catch (error) {
    const message = errorMessage(error);
    timeoutMs = undefined;
    outcome = {
      results: {},
      failures: [
        message === 'timeout field is missing' ? message : `timeout field is illegal: ${message}`,
      ],
    };
  }
  if (timeoutMs !== undefined) {
    const params = Object.fromEntries(
      Object.entries(data)
        .filter(([key]) => key.startsWith(PARAM))
        .map(([key, value]) => [key.slice(PARAM.length), value]),
    );
    try {
      outcome = await checkup.run({
        context,
        client,
        namespace,
        pod,
        params,
        log,
        signal: withTimeout(podSignal, timeoutMs),
        teardownSignal: podSignal,
      });
    } catch (error) {
      outcome = { results: {}, failures: [errorMessage(error)] };
    }
  }
  outcome ??= { results: {}, failures: ['the checkup did not run'] };
  if (podSignal.aborted) return 137;

  const succeeded = outcome.failures.length === 0;
  const failureReason = outcome.failures.join(',');
  try {
    await report({
      'status.succeeded': String(succeeded),
      'status.failureReason': failureReason,
      'status.completionTimestamp': rfc3339(),
      ...Object.fromEntries(
        Object.entries(outcome.results).map(([key, value]) => [`status.result.${key}`, value]),
      ),
    });
  } catch (error) {
    log(`failed to report the results: ${errorMessage(error)}`);
    return 1;
  }
  if (succeeded) {
    log(`${checkup.title} checkup completed successfully`);
    return 0;
  }
  log(`${checkup.title} checkup failed: ${failureReason}`);
  return 1;
};
