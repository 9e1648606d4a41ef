import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { failureStatus, type KubernetesStatus } from '../../common/cluster-info';
import { bffURL } from './bff';
import { apiPath, apiVersionOf, VirtualMachineInstanceModel, VirtualMachineModel } from './models';
import type { ResourceModel } from './models';
import type { JsonPatchOp, K8sObject } from './types';

/**
 * A failure told as a Kubernetes `Status` without an HTTP answer of its own (a watch that ended,
 * an object that is not there). Shaped as the SDK's HttpError: `code` and `json`, which
 * `errorMessage(error)` reads.
 */
export class StatusError extends Error {
  readonly code: number;
  constructor(readonly json: KubernetesStatus) {
    super(json.message);
    this.name = 'StatusError';
    this.code = json.code;
  }
}

/** The error a missing object gives, worded as the API server words it. */
export const notFoundError = (model: ResourceModel, name: string): StatusError =>
  new StatusError(
    failureStatus(
      404,
      'NotFound',
      `${model.plural}${model.group ? `.${model.group}` : ''} "${name}" not found`,
    ),
  );

/** The BFF's `k8s/` passthrough: the Kubernetes API as the user. */
const k8sURL = (path: string, query?: Record<string, string | undefined>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== '') params.set(key, value);
  const search = params.toString();
  return bffURL(`k8s${path}${search ? `?${search}` : ''}`);
};

const sendJSON = (url: string, method: string, body: unknown, contentType = 'application/json') =>
  consoleFetchJSON(url, method, {
    headers: { 'Content-Type': contentType },
    body: JSON.stringify(body),
  });

export interface ObjectRef {
  namespace?: string;
  name: string;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface K8sList<T> {
  items: T[];
  metadata: { resourceVersion?: string; continue?: string };
}

export const k8sGet = async <T = K8sObject>(model: ResourceModel, ref: ObjectRef): Promise<T> =>
  (await consoleFetchJSON(k8sURL(apiPath(model, ref)))) as T;

export const k8sList = async <T = K8sObject>(
  model: ResourceModel,
  opts: ListOptions = {},
): Promise<K8sList<T>> => {
  const list = (await consoleFetchJSON(
    k8sURL(apiPath(model, { namespace: opts.namespace }), {
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
    }),
  )) as Partial<K8sList<T>>;
  return { items: list.items ?? [], metadata: list.metadata ?? {} };
};

const objectRef = (object: K8sObject, namespace?: string): ObjectRef => ({
  namespace: namespace ?? object.metadata?.namespace,
  name: object.metadata?.name ?? '',
});

export const k8sCreate = async <T extends K8sObject>(
  model: ResourceModel,
  object: T,
  opts: { namespace?: string; dryRun?: boolean } = {},
): Promise<T> => {
  const namespace = opts.namespace ?? object.metadata?.namespace;
  const body = { apiVersion: apiVersionOf(model), kind: model.kind, ...object };
  return (await sendJSON(
    k8sURL(apiPath(model, { namespace }), { dryRun: opts.dryRun ? 'All' : undefined }),
    'POST',
    body,
  )) as T;
};

/** PUT the whole object; the API server answers 409 when its resourceVersion is stale. */
export const k8sUpdate = async <T extends K8sObject>(model: ResourceModel, object: T): Promise<T> =>
  (await sendJSON(k8sURL(apiPath(model, objectRef(object))), 'PUT', object)) as T;

/** A list of operations is sent as a JSON patch, an object as a merge patch. */
export const k8sPatch = async <T = K8sObject>(
  model: ResourceModel,
  ref: ObjectRef,
  patch: JsonPatchOp[] | Record<string, unknown>,
): Promise<T> =>
  (await sendJSON(
    k8sURL(apiPath(model, ref)),
    'PATCH',
    patch,
    Array.isArray(patch) ? 'application/json-patch+json' : 'application/merge-patch+json',
  )) as T;

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

export const k8sDelete = async (
  model: ResourceModel,
  ref: ObjectRef,
  opts: DeleteOptions = {},
): Promise<void> => {
  const url = k8sURL(apiPath(model, ref));
  if (opts.gracePeriodSeconds === undefined && opts.propagationPolicy === undefined)
    await consoleFetchJSON(url, 'DELETE');
  else await sendJSON(url, 'DELETE', { kind: 'DeleteOptions', apiVersion: 'v1', ...opts });
};

export type VmAction =
  | 'start'
  | 'stop'
  | 'restart'
  | 'migrate'
  | 'pause'
  | 'unpause'
  | 'softreboot'
  | 'addvolume'
  | 'removevolume'
  | 'expand-spec'
  | 'portforward';

/** Actions KubeVirt serves on the running instance rather than on the VM. */
const INSTANCE_ACTIONS: ReadonlySet<VmAction> = new Set(['pause', 'unpause', 'softreboot']);

/** `/apis/subresources.kubevirt.io/v1/namespaces/NS/virtualmachines/NAME/start` and so on. */
export const vmActionPath = (ref: { namespace: string; name: string }, action: VmAction): string =>
  apiPath(
    {
      ...(INSTANCE_ACTIONS.has(action) ? VirtualMachineInstanceModel : VirtualMachineModel),
      group: 'subresources.kubevirt.io',
    },
    { ...ref, subresource: action },
  );

/**
 * One KubeVirt action: a PUT on `subresources.kubevirt.io` (pause, unpause and softreboot on the
 * VirtualMachineInstance, the others on the VirtualMachine). `expand-spec` is a GET; use
 * `expandVmSpec` for its answer. `portforward` is a stream, not an action: it is refused here.
 */
export const vmAction = async (
  ref: { namespace: string; name: string },
  action: VmAction,
  body?: object,
): Promise<void> => {
  if (action === 'portforward')
    throw new Error('portforward is a stream: open it as a WebSocket, not as an action.');
  const url = k8sURL(vmActionPath(ref, action));
  if (action === 'expand-spec') await consoleFetchJSON(url);
  else await sendJSON(url, 'PUT', body ?? {});
};

/** KubeVirt's AddVolumeOptions: a claim or data volume attached to a running guest as a disk. */
export interface AddVolumeOptions {
  name: string;
  disk: { name?: string; disk?: { bus?: string }; serial?: string };
  volumeSource: {
    persistentVolumeClaim?: { claimName: string; hotpluggable?: boolean };
    dataVolume?: { name: string; hotpluggable?: boolean };
  };
}

/**
 * Hot-plug: `addvolume` / `removevolume` on the VM keeps the change in its template (it stays
 * after a restart); on the VirtualMachineInstance it lasts until the guest stops.
 */
export const hotplugVolume = async (
  ref: { namespace: string; name: string },
  action: 'addvolume' | 'removevolume',
  body: AddVolumeOptions | { name: string },
  { persist }: { persist: boolean },
): Promise<void> => {
  const model = persist ? VirtualMachineModel : VirtualMachineInstanceModel;
  const path = apiPath(
    { ...model, group: 'subresources.kubevirt.io' },
    { ...ref, subresource: action },
  );
  await sendJSON(k8sURL(path), 'PUT', body);
};

/** The VM as KubeVirt expands it: instancetype and preference applied to its template. */
export const expandVmSpec = async <T = K8sObject>(ref: {
  namespace: string;
  name: string;
}): Promise<T> => (await consoleFetchJSON(k8sURL(vmActionPath(ref, 'expand-spec')))) as T;
