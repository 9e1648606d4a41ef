import { ApiError, notFound } from '../api/errors';
import { forbiddenStatus } from '../auth/authStatus';
import type { ClusterContext } from '../modules/clusterModule';
import type { KubeObject, RequestAttributes, ResourceType, UserInfo } from '../types';

/** The message Kubernetes' wait helpers fail with (the checkups report it verbatim). */
export const WAIT_TIMEOUT = 'timed out waiting for the condition';

export class WaitTimeoutError extends Error {
  constructor() {
    super(WAIT_TIMEOUT);
  }
}

/**
 * The Kubernetes client a checkup holds: every call is authorized for the Job's service account
 * first, as the API server would authorize the real checkup's requests, and a denial is the
 * API's Forbidden error. Reads come from the store; writes go through the resource service
 * (admission, defaults, garbage collection), as a request would.
 */
export class CheckupClient {
  constructor(
    private readonly context: ClusterContext,
    readonly user: UserInfo,
  ) {}

  private type(group: string, plural: string): ResourceType {
    const rt = this.context.registry.all().find((t) => t.group === group && t.plural === plural);
    if (!rt)
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    return rt;
  }

  /** Does the registry serve this kind (ClusterVersion exists only on OpenShift)? */
  serves(group: string, plural: string): boolean {
    return this.context.registry.all().some((t) => t.group === group && t.plural === plural);
  }

  authorize(attributes: RequestAttributes) {
    const decision = this.context.authorizer.authorize(this.user, attributes);
    if (!decision.allowed) {
      const status = forbiddenStatus(attributes, decision.reason);
      throw new ApiError(403, 'Forbidden', status.message, status.details);
    }
  }

  get(group: string, plural: string, namespace: string | undefined, name: string): KubeObject {
    const rt = this.type(group, plural);
    this.authorize({ verb: 'get', apiGroup: group, resource: plural, namespace, name });
    return this.context.resources.get(rt, rt.namespaced ? namespace : undefined, name);
  }

  /** A get whose NotFound is an answer, not an error (forbidden still throws). */
  find(
    group: string,
    plural: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    try {
      return this.get(group, plural, namespace, name);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  /** Lists one namespace, or every namespace (a cluster-scoped list) when it is undefined. */
  list(group: string, plural: string, namespace?: string): KubeObject[] {
    const rt = this.type(group, plural);
    this.authorize({ verb: 'list', apiGroup: group, resource: plural, namespace });
    return this.context.resources.list(rt, namespace, {}).items;
  }

  async create(group: string, plural: string, namespace: string, object: KubeObject) {
    const rt = this.type(group, plural);
    this.authorize({ verb: 'create', apiGroup: group, resource: plural, namespace });
    const created = await this.context.resources.create(rt, namespace, object, {
      dryRun: false,
      fieldValidation: 'Strict',
    });
    return created.object;
  }

  async update(group: string, plural: string, object: KubeObject) {
    const rt = this.type(group, plural);
    const { namespace, name = '' } = object.metadata;
    this.authorize({ verb: 'update', apiGroup: group, resource: plural, namespace, name });
    const updated = await this.context.resources.update(rt, namespace, name, object, undefined, {
      dryRun: false,
      fieldValidation: 'Ignore',
    });
    return updated.object;
  }

  /** Deletes in the background, as client-go's default; a missing object is fine when `ignoreMissing`. */
  async delete(
    group: string,
    plural: string,
    namespace: string,
    name: string,
    ignoreMissing = true,
  ) {
    const rt = this.type(group, plural);
    this.authorize({ verb: 'delete', apiGroup: group, resource: plural, namespace, name });
    try {
      await this.context.resources.delete(rt, namespace, name, {
        dryRun: false,
        fieldValidation: 'Ignore',
        propagationPolicy: 'Background',
      });
    } catch (error) {
      if (!(ignoreMissing && error instanceof ApiError && error.code === 404)) throw error;
    }
  }

  /** A `subresources.kubevirt.io` action on a VMI (`addvolume`, `removevolume`), authorized as `update`. */
  async vmiAction(namespace: string, name: string, subresource: string, run: () => Promise<void>) {
    this.authorize({
      verb: 'update',
      apiGroup: 'subresources.kubevirt.io',
      resource: 'virtualmachineinstances',
      subresource,
      namespace,
      name,
    });
    if (!this.context.store.get('kubevirt.io/virtualmachineinstances', namespace, name))
      throw notFound(this.type('kubevirt.io', 'virtualmachineinstances'), name);
    await run();
  }
}

/**
 * Resolves with `check()`'s first defined answer, re-checking whenever the store changes (and
 * each second, for answers that depend on time); rejects when `signal` aborts, with
 * WaitTimeoutError when it aborted because of a timeout.
 */
export const waitFor = <T>(
  context: ClusterContext,
  signal: AbortSignal,
  check: () => T | undefined,
): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearInterval(timer);
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const attempt = () => {
      if (done) return;
      try {
        const value = check();
        if (value !== undefined) finish(() => resolve(value));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const onAbort = () => finish(() => reject(abortError(signal)));
    const unsubscribe = context.store.subscribe('*', () => queueMicrotask(attempt));
    const timer = setInterval(attempt, 1_000);
    timer.unref();
    signal.addEventListener('abort', onAbort);
    if (signal.aborted) onAbort();
    else attempt();
  });

/** The error an aborted signal stands for: a timeout reads as Kubernetes' wait timeout. */
export const abortError = (signal: AbortSignal): Error => {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return new WaitTimeoutError();
  if (reason instanceof Error) return reason;
  return new Error(String(reason ?? 'aborted'));
};

/** A signal that aborts with the parent or after `ms`, whichever comes first. */
export const withTimeout = (signal: AbortSignal, ms: number): AbortSignal =>
  AbortSignal.any([signal, AbortSignal.timeout(Math.max(0, ms))]);

export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : String(error);
