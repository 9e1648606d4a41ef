// The Job controller for checkup images: a Job whose container runs a known checkup image gets
// a Pod (named, labelled and owned as kube's job controller does it), and the checkup runs in
// this process as the Job's service account. The Job then reports `Complete` or `Failed`
// (backoffLimit 0: one pod, no retries), so `kubectl wait --for condition=complete` works.
import { randomUUID } from 'node:crypto';
import { recordEvent } from '../events';
import type { ClusterContext } from '../modules/clusterModule';
import { WorkQueue } from '../controllers/workQueue';
import type { KubeObject } from '../types';
import { PodLog, podLogPath } from './podLogs';
import { type Checkup, rfc3339, runCheckup } from './runner';
import { keyOf } from '../objectRefs';

export const JOBS = 'batch/jobs';
const PODS = 'core/pods';
const NODES = 'core/nodes';
const SERVICE_ACCOUNTS = 'core/serviceaccounts';

const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
const JOB_NAME = 'batch.kubernetes.io/job-name';

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const randomSuffix = () =>
  Array.from(
    { length: 5 },
    () => NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)],
  ).join('');

type Condition = { type: string; status: string; reason?: string; message?: string };
type JobStatus = {
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  conditions?: Condition[];
};
type Container = { name?: string; image?: string };
type PodTemplate = {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: {
    containers?: Container[];
    serviceAccountName?: string;
    serviceAccount?: string;
  } & Record<string, unknown>;
};
type JobSpec = {
  template?: PodTemplate;
  selector?: { matchLabels?: Record<string, string> };
  suspend?: boolean;
} & Record<string, unknown>;

/** The checkup an image runs: by repository, any tag or digest. */
export const checkupForImage = (
  checkups: Record<string, Checkup>,
  image: string | undefined,
): Checkup | undefined => {
  const repository = (image ?? '').replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return checkups[repository];
};

const finished = (status: JobStatus) =>
  status.conditions?.some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );

export class JobController {
  readonly queue: WorkQueue;
  private readonly unsubscribe: (() => void)[];
  /** Pod uid → the run in this process. */
  private readonly runs = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(
    private readonly context: ClusterContext,
    private readonly checkups: Record<string, Checkup>,
  ) {
    const { store } = context;
    this.queue = new WorkQueue(
      (key) => this.reconcile(key),
      (key, error) => console.error(`job ${key}:`, error),
    );
    this.unsubscribe = [
      store.subscribe(JOBS, (event) => this.queue.add(keyOf(event.object))),
      // A Job waiting for its service account starts once the account exists.
      store.subscribe(SERVICE_ACCOUNTS, (event) => {
        for (const job of store.list(JOBS, event.object.metadata.namespace))
          this.queue.add(keyOf(job));
      }),
      // A deleted pod (the Job's deletion collects it) stops its checkup.
      store.subscribe(PODS, (event) => {
        if (event.type === 'DELETED')
          this.runs.get(event.object.metadata.uid ?? '')?.abort.abort(new Error('pod deleted'));
      }),
    ];
    for (const job of store.list(JOBS)) this.queue.add(keyOf(job));
  }

  async stop() {
    for (const off of this.unsubscribe) off();
    this.queue.stop();
    for (const run of this.runs.values()) run.abort.abort(new Error('the cluster is stopping'));
    await Promise.all([...this.runs.values()].map((run) => run.done));
  }

  private podsOf(job: KubeObject) {
    return this.context.store
      .list(PODS, job.metadata.namespace)
      .filter((pod) => pod.metadata.ownerReferences?.some((ref) => ref.uid === job.metadata.uid));
  }

  private async reconcile(key: string) {
    const { store } = this.context;
    const [namespace = '', name = ''] = key.split('/');
    const job = store.get(JOBS, namespace, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const spec = (job.spec ?? {}) as JobSpec;
    const status = (job.status ?? {}) as JobStatus;
    if (!spec.selector) {
      await this.applyDefaults(job);
      return;
    }
    if (finished(status) || spec.suspend) return;
    const container = spec.template?.spec?.containers?.[0];
    const checkup = checkupForImage(this.checkups, container?.image);
    const pod = this.podsOf(job)[0];
    if (!pod) {
      if (status.startTime) {
        await this.finish(job, false);
        return;
      }
      if (!checkup || !container) {
        await this.unavailable(job, container?.image ?? '');
        return;
      }
      await this.start(job, spec, checkup, container);
      return;
    }
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded') await this.finish(job, true);
    else if (phase === 'Failed') await this.finish(job, false);
    else if (!this.runs.has(pod.metadata.uid ?? '')) {
      // Running in a process that is gone (the cluster restarted): the container died with it.
      await this.endPod(pod, 137, 'the embedded cluster restarted while the checkup ran');
      this.queue.add(key);
    }
  }

  /** What kube-apiserver defaults on a Job: the selector on its own uid, and the pod labels. */
  private async applyDefaults(job: KubeObject) {
    const uid = job.metadata.uid ?? '';
    const spec = (job.spec ?? {}) as JobSpec;
    const labels = {
      [CONTROLLER_UID]: uid,
      [JOB_NAME]: job.metadata.name ?? '',
      'controller-uid': uid,
      'job-name': job.metadata.name ?? '',
    };
    await this.context.store.put(JOBS, {
      ...job,
      spec: {
        parallelism: 1,
        completions: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        manualSelector: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        ...spec,
        selector: { matchLabels: { [CONTROLLER_UID]: uid } },
        template: {
          ...spec.template,
          metadata: {
            ...spec.template?.metadata,
            labels: { ...spec.template?.metadata?.labels, ...labels },
          },
        },
      },
    });
  }

  private async unavailable(job: KubeObject, image: string) {
    await recordEvent(this.context.store, {
      involvedObject: job,
      type: 'Warning',
      reason: 'FailedCreate',
      message: `image not available in the embedded cluster: ${image || '(none)'}; only the checkup images run here`,
      component: 'job-controller',
    });
    await this.finish(
      job,
      false,
      'ImageNotAvailable',
      `image ${JSON.stringify(image)} is not available in the embedded cluster`,
    );
  }

  private async start(job: KubeObject, spec: JobSpec, checkup: Checkup, container: Container) {
    const { store, dataDir } = this.context;
    const namespace = job.metadata.namespace ?? '';
    const template = spec.template ?? {};
    const account = template.spec?.serviceAccountName ?? template.spec?.serviceAccount ?? 'default';
    if (account !== 'default' && !store.get(SERVICE_ACCOUNTS, namespace, account)) {
      await recordEvent(store, {
        involvedObject: job,
        type: 'Warning',
        reason: 'FailedCreate',
        message: `Error creating: pods "${job.metadata.name}-" is forbidden: error looking up service account ${namespace}/${account}: serviceaccount "${account}" not found`,
        component: 'job-controller',
      });
      return;
    }
    const node = store
      .list(NODES)
      .map((n) => n.metadata.name ?? '')
      .sort()[0];
    const now = rfc3339();
    const podName = `${job.metadata.name}-${randomSuffix()}`;
    const pod = await store.put(PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace,
        uid: randomUUID(),
        creationTimestamp: now,
        labels: { ...template.metadata?.labels },
        annotations: { ...template.metadata?.annotations },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            name: job.metadata.name ?? '',
            uid: job.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        ...template.spec,
        serviceAccountName: account,
        serviceAccount: account,
        ...(node ? { nodeName: node } : {}),
      },
      status: {
        phase: 'Running',
        hostIP: '192.168.126.11',
        podIP: '10.128.2.20',
        startTime: now,
        conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({
          type,
          status: 'True',
          lastTransitionTime: now,
        })),
        containerStatuses: (template.spec?.containers ?? []).map((c) => ({
          name: c.name,
          image: c.image,
          imageID: c.image,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: now } },
        })),
      },
    });
    await store.put(JOBS, {
      ...job,
      status: {
        ...((job.status as object) ?? {}),
        startTime: now,
        active: 1,
        ready: 1,
        terminating: 0,
        uncountedTerminatedPods: {},
      },
    });
    await recordEvent(store, {
      involvedObject: job,
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: `Created pod: ${podName}`,
      component: 'job-controller',
    });
    for (const [reason, message] of [
      ['Scheduled', `Successfully assigned ${namespace}/${podName} to ${node ?? 'node'}`],
      ['Pulled', `Container image "${container.image ?? ''}" already present on machine`],
      ['Created', `Created container ${container.name ?? ''}`],
      ['Started', `Started container ${container.name ?? ''}`],
    ] as const)
      await recordEvent(store, {
        involvedObject: pod,
        type: 'Normal',
        reason,
        message,
        component: 'kubelet',
      });

    const abort = new AbortController();
    const log = new PodLog(podLogPath(dataDir, namespace, podName));
    const done = runCheckup(
      this.context,
      checkup,
      pod,
      container,
      (m) => log.print(m),
      abort.signal,
    )
      .catch((error: unknown) => {
        log.print(String((error as Error).message ?? error));
        return 1;
      })
      .then(async (exitCode) => {
        if (!abort.signal.aborted) await this.endPod(pod, exitCode);
      })
      .catch((error: unknown) => console.error(`checkup pod ${namespace}/${podName}:`, error))
      .finally(() => {
        this.runs.delete(pod.metadata.uid ?? '');
        this.queue.add(keyOf(job));
      });
    this.runs.set(pod.metadata.uid ?? '', { abort, done });
  }

  /** The container exited: the pod Succeeded on 0, Failed otherwise. */
  private async endPod(pod: KubeObject, exitCode: number, message?: string) {
    const { store } = this.context;
    const current = store.get(PODS, pod.metadata.namespace, pod.metadata.name ?? '');
    if (!current) return;
    const now = rfc3339();
    const status = (current.status ?? {}) as {
      conditions?: Condition[];
      containerStatuses?: { state?: { running?: { startedAt?: string } } }[];
    };
    await store.put(PODS, {
      ...current,
      status: {
        ...status,
        phase: exitCode === 0 ? 'Succeeded' : 'Failed',
        ...(message ? { message } : {}),
        conditions: (status.conditions ?? []).map((c) =>
          c.type === 'Ready' || c.type === 'ContainersReady'
            ? { ...c, status: 'False', reason: 'PodCompleted', lastTransitionTime: now }
            : c,
        ),
        containerStatuses: (status.containerStatuses ?? []).map((c) => ({
          ...c,
          ready: false,
          started: false,
          state: {
            terminated: {
              exitCode,
              reason: exitCode === 0 ? 'Completed' : 'Error',
              startedAt: c.state?.running?.startedAt ?? now,
              finishedAt: now,
            },
          },
        })),
      },
    });
  }

  private async finish(job: KubeObject, succeeded: boolean, reason?: string, message?: string) {
    const { store } = this.context;
    const current = store.get(JOBS, job.metadata.namespace, job.metadata.name ?? '') ?? job;
    const status = (current.status ?? {}) as JobStatus & Record<string, unknown>;
    if (finished(status)) return;
    const now = rfc3339();
    const condition = (type: string, why: string, text: string) => ({
      type,
      status: 'True',
      lastProbeTime: now,
      lastTransitionTime: now,
      reason: why,
      message: text,
    });
    const { active: _active, ...rest } = status;
    const next = succeeded
      ? {
          ...rest,
          succeeded: 1,
          ready: 0,
          completionTime: now,
          conditions: [
            condition(
              'SuccessCriteriaMet',
              'CompletionsReached',
              'Reached expected number of succeeded pods',
            ),
            condition(
              'Complete',
              'CompletionsReached',
              'Reached expected number of succeeded pods',
            ),
          ],
        }
      : {
          ...rest,
          failed: reason === 'ImageNotAvailable' ? 0 : 1,
          ready: 0,
          conditions: [
            condition(
              'FailureTarget',
              reason ?? 'BackoffLimitExceeded',
              message ?? 'Job has reached the specified backoff limit',
            ),
            condition(
              'Failed',
              reason ?? 'BackoffLimitExceeded',
              message ?? 'Job has reached the specified backoff limit',
            ),
          ],
        };
    const written = await store.put(JOBS, { ...current, status: next });
    await recordEvent(store, {
      involvedObject: written,
      type: succeeded ? 'Normal' : 'Warning',
      reason: succeeded ? 'Completed' : (reason ?? 'BackoffLimitExceeded'),
      message: succeeded
        ? 'Job completed'
        : (message ?? 'Job has reached the specified backoff limit'),
      component: 'job-controller',
    });
  }
}
