import { isKubernetesStatus } from '../../common/cluster-info';
import { askJSON, refused } from '../kube/accessReview';
import { kubeRequest, type KubeConnection } from '../kube/connection';
import { notWaiting, uploadError, UploadError } from './errors';

/** What an upload goes into: a DataVolume (its claim has the same name) or a bare PVC. */
export interface UploadTarget {
  kind: 'DataVolume' | 'PersistentVolumeClaim';
  namespace: string;
  name: string;
}

interface KubeObject {
  metadata?: { resourceVersion?: string; annotations?: Record<string, string> };
  spec?: { source?: Record<string, unknown> };
  status?: { phase?: string; conditions?: { type: string; status: string; message?: string }[] };
}

/** Whether a target takes an upload now, will soon, or never will (with what to do instead). */
type Readiness =
  { state: 'ready' } | { state: 'waiting'; phase: string } | { refusal: UploadError };

const POD_PHASE = 'cdi.kubevirt.io/storage.pod.phase';
const POD_READY = 'cdi.kubevirt.io/storage.pod.ready';
const UPLOAD_TARGET = 'cdi.kubevirt.io/storage.upload.target';
const BIND_IMMEDIATE = 'cdi.kubevirt.io/storage.bind.immediate.requested';

/** DataVolume phases on the way to UploadReady (CDI schedules the upload server meanwhile). */
const ON_THE_WAY = new Set(['', 'Pending', 'PVCBound', 'UploadScheduled', 'Unknown']);

export const describeTarget = (target: UploadTarget) =>
  `${target.kind === 'DataVolume' ? 'DataVolume' : 'PVC'} ${target.namespace}/${target.name}`;

const recreate = (target: UploadTarget) =>
  target.kind === 'DataVolume'
    ? 'delete the DataVolume and create it again with source upload, then upload the file'
    : 'delete the PVC and create it again as an upload target, then upload the file';

const dataVolumeReadiness = (target: UploadTarget, dv: KubeObject): Readiness => {
  const what = describeTarget(target);
  if (!dv.spec?.source || !('upload' in dv.spec.source)) {
    const source = Object.keys(dv.spec?.source ?? {})[0];
    return {
      refusal: notWaiting(
        `${what} ${source ? `imports from its ${source} source` : 'has no upload source'}, so it takes no upload: create a DataVolume with spec.source.upload to upload a file.`,
      ),
    };
  }
  const phase = dv.status?.phase ?? '';
  if (phase === 'UploadReady') return { state: 'ready' };
  if (ON_THE_WAY.has(phase)) return { state: 'waiting', phase: phase || 'without a phase yet' };
  // PendingPopulation: the same wait, with CDI's volume populators.
  if (phase === 'WaitForFirstConsumer' || phase === 'PendingPopulation')
    return {
      refusal: notWaiting(
        `${what} waits for its first consumer (its storage class binds volumes only when a pod uses them), so no upload server can start: create it again with the annotation ${BIND_IMMEDIATE}: "true" to upload into it.`,
      ),
    };
  if (phase === 'Succeeded')
    return {
      refusal: notWaiting(
        `${what} already holds an uploaded image (phase Succeeded); to upload another file, ${recreate(target)}.`,
      ),
    };
  const failure = dv.status?.conditions?.find((c) => c.status === 'False' && c.message)?.message;
  return {
    refusal: notWaiting(
      `${what} is ${phase}${failure ? ` (${failure})` : ''} and takes no upload: ${recreate(target)}.`,
    ),
  };
};

const claimReadiness = (target: UploadTarget, pvc: KubeObject): Readiness => {
  const what = describeTarget(target);
  const annotations = pvc.metadata?.annotations ?? {};
  if (!(UPLOAD_TARGET in annotations))
    return {
      refusal: notWaiting(
        `${what} is not an upload target (no ${UPLOAD_TARGET} annotation): create a DataVolume with spec.source.upload, or a PVC with that annotation, to upload a file.`,
      ),
    };
  const phase = annotations[POD_PHASE] ?? '';
  if (phase === 'Running' && annotations[POD_READY] !== 'false') return { state: 'ready' };
  if (phase === 'Succeeded')
    return {
      refusal: notWaiting(
        `${what} already holds an uploaded image; to upload another file, ${recreate(target)}.`,
      ),
    };
  if (phase === 'Failed')
    return {
      refusal: notWaiting(`${what}: its upload server failed; ${recreate(target)}.`),
    };
  return { state: 'waiting', phase: `with upload server ${phase || 'not started'}` };
};

const readiness = (target: UploadTarget, object: KubeObject) =>
  target.kind === 'DataVolume'
    ? dataVolumeReadiness(target, object)
    : claimReadiness(target, object);

const collectionPath = (target: Pick<UploadTarget, 'kind' | 'namespace'>) =>
  target.kind === 'DataVolume'
    ? `/apis/cdi.kubevirt.io/v1beta1/namespaces/${target.namespace}/datavolumes`
    : `/api/v1/namespaces/${target.namespace}/persistentvolumeclaims`;

/** GET as the caller; undefined for 404, the cluster's Status (403, 401 …) thrown otherwise. */
const getObject = async (
  connection: KubeConnection,
  authorization: string,
  target: UploadTarget,
): Promise<KubeObject | undefined> => {
  const { status, body } = await askJSON(
    connection,
    `${collectionPath(target)}/${target.name}`,
    authorization,
  );
  if (status === 404) return undefined;
  if (status !== 200) throw refused(status, body, `Reading ${describeTarget(target)}`);
  return body as KubeObject;
};

/** The DataVolume `name`, else the PVC, as the caller sees it; 404 when neither exists. */
const findTarget = async (
  connection: KubeConnection,
  authorization: string,
  namespace: string,
  name: string,
): Promise<{ target: UploadTarget; object: KubeObject }> => {
  for (const kind of ['DataVolume', 'PersistentVolumeClaim'] as const) {
    const target = { kind, namespace, name };
    const object = await getObject(connection, authorization, target);
    if (object) return { target, object };
  }
  throw uploadError(
    404,
    'NotFound',
    `There is no DataVolume or PVC named ${name} in ${namespace}: create a DataVolume with spec.source.upload first, then upload the file into it.`,
  );
};

/**
 * Watches the target (as the caller) until it is ready, refuses, or `until` passes; resolves
 * with the last readiness seen.
 */
const watchReadiness = async (
  connection: KubeConnection,
  authorization: string,
  target: UploadTarget,
  resourceVersion: string,
  until: number,
  signal: AbortSignal,
): Promise<Readiness | undefined> => {
  const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  const query = new URLSearchParams({
    watch: 'true',
    fieldSelector: `metadata.name=${target.name}`,
    resourceVersion,
    timeoutSeconds: String(seconds),
  });
  const local = new AbortController();
  const stop = () => local.abort();
  signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(stop, Math.max(0, until - Date.now()));
  try {
    const response = await kubeRequest(connection, `${collectionPath(target)}?${query}`, {
      authorization,
      headers: { accept: 'application/json' },
      signal: local.signal,
      timeoutMs: 10_000,
    });
    if (response.statusCode !== 200) {
      let text = '';
      for await (const chunk of response) text += String(chunk);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      throw refused(response.statusCode ?? 502, body, `Watching ${describeTarget(target)}`);
    }
    let buffered = '';
    let last: Readiness | undefined;
    for await (const chunk of response) {
      buffered += String(chunk);
      let newline: number;
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (!line) continue;
        const event = JSON.parse(line) as { type: string; object: unknown };
        if (event.type === 'DELETED')
          throw uploadError(
            404,
            'NotFound',
            `${describeTarget(target)} was deleted while the upload waited for it.`,
          );
        if (event.type !== 'ADDED' && event.type !== 'MODIFIED') {
          if (event.type === 'ERROR' && isKubernetesStatus(event.object)) return last;
          continue;
        }
        last = readiness(target, event.object as KubeObject);
        if (!('state' in last) || last.state === 'ready') {
          response.destroy();
          return last;
        }
      }
    }
    return last;
  } catch (error) {
    // The local deadline or the caller leaving ends the watch; anything else is a failure.
    if (local.signal.aborted && !(error instanceof UploadError)) return undefined;
    throw error;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
};

/**
 * Finds the DataVolume (else PVC) `name` as the caller and waits up to `waitMs` while it is on
 * its way to UploadReady (UploadScheduled, Pending …). Throws UploadError: 404 when neither
 * exists, 409 when it takes no upload (with what to do), the cluster's Status (403 …).
 */
export const awaitUploadTarget = async (
  connection: KubeConnection,
  authorization: string,
  namespace: string,
  name: string,
  options: { waitMs: number; signal: AbortSignal },
): Promise<UploadTarget> => {
  const until = Date.now() + options.waitMs;
  const found = await findTarget(connection, authorization, namespace, name);
  const { target } = found;
  let object: KubeObject | undefined = found.object;
  for (;;) {
    if (!object) throw uploadError(404, 'NotFound', `${describeTarget(target)} no longer exists.`);
    let state = readiness(target, object);
    if (!('state' in state)) throw state.refusal;
    if (state.state === 'ready') return target;
    if (Date.now() < until && !options.signal.aborted) {
      const seen = await watchReadiness(
        connection,
        authorization,
        target,
        object.metadata?.resourceVersion ?? '0',
        until,
        options.signal,
      );
      if (seen && !('state' in seen)) throw seen.refusal;
      if (seen?.state === 'ready') return target;
      if (seen) state = seen;
    }
    if (options.signal.aborted)
      throw uploadError(499, 'ClientClosedRequest', 'The caller closed the request.');
    if (Date.now() >= until)
      throw notWaiting(
        `${describeTarget(target)} is still ${state.phase} after ${Math.round(options.waitMs / 1000)} s, not ready for an upload: wait until it shows UploadReady, then upload the file again.`,
      );
    // The watch ended early (a timeout upstream, an expired version): look again and go on.
    object = await getObject(connection, authorization, target);
  }
};

/**
 * After a failed upload: whether the target still takes one (the upload can simply be started
 * again) or not (it must be recreated), as the caller sees it; undefined when that is unknown.
 */
export const stillWaiting = async (
  connection: KubeConnection,
  authorization: string,
  target: UploadTarget,
): Promise<{ waiting: true } | { waiting: false; advice: string } | undefined> => {
  try {
    const object = await getObject(connection, authorization, target);
    if (!object) return { waiting: false, advice: `${describeTarget(target)} no longer exists` };
    const state = readiness(target, object);
    if ('state' in state) return { waiting: true };
    return { waiting: false, advice: state.refusal.message };
  } catch {
    return undefined;
  }
};
