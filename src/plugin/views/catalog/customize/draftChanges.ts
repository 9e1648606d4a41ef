// What the configuration forms do to a draft, in memory: patch its VM as the API server would,
// and keep the objects it needs created first.
import { failureStatus } from '../../../../common/cluster-info';
import { applyJSONPatch, PatchError } from '../../../../common/patch/jsonPatch';
import { StatusError } from '../../../api/k8s';
import { ConfigMapModel, SecretModel, apiVersionOf, type ResourceModel } from '../../../api/models';
import type { JsonPatchOp, K8sObject, VirtualMachine } from '../../../api/types';
import type { VmDraft } from '../draft/vmDraft';

/** The reason kube-apiserver gives a patch it cannot apply, by HTTP status. */
const REASONS: Record<PatchError['code'], string> = {
  400: 'BadRequest',
  413: 'RequestEntityTooLarge',
  422: 'Invalid',
};

/**
 * The draft's VM with `ops` applied, as kube-apiserver applies a JSON patch: all or nothing, a
 * failed `test` refused with 422 (the forms then say "changed while this form was open"), and
 * the name and namespace fixed. Throws a `StatusError`, the shape the forms read causes from.
 */
export const patchDraftVm = (vm: VirtualMachine, ops: JsonPatchOp[]): VirtualMachine => {
  let next: VirtualMachine;
  try {
    next = applyJSONPatch(vm, ops) as VirtualMachine;
  } catch (error) {
    if (error instanceof PatchError)
      throw new StatusError(failureStatus(error.code, REASONS[error.code], error.message));
    throw error;
  }
  const name = vm.metadata?.name;
  if (next.metadata?.name !== name || next.metadata?.namespace !== vm.metadata?.namespace)
    throw new StatusError(
      failureStatus(
        400,
        'BadRequest',
        `the name of the object (${next.metadata?.name ?? ''}) does not match the name on the URL (${name ?? ''})`,
      ),
    );
  return next;
};

const sameObject = (a: K8sObject, b: K8sObject): boolean =>
  a.kind === b.kind &&
  a.metadata?.name === b.metadata?.name &&
  a.metadata?.namespace === b.metadata?.namespace;

/**
 * The draft with `object` among the objects created before its VM, in the VM's project unless
 * it names one. One of the same kind and name is replaced where it stands (a dialog's retry).
 */
export const withPrerequisite = (
  draft: VmDraft,
  model: ResourceModel,
  object: K8sObject,
): { draft: VmDraft; object: K8sObject } => {
  const complete: K8sObject = {
    ...object,
    apiVersion: apiVersionOf(model),
    kind: model.kind,
    metadata: {
      ...object.metadata,
      namespace: object.metadata?.namespace ?? draft.vm.metadata?.namespace,
    },
  };
  const at = draft.prerequisites.findIndex((existing) => sameObject(existing, complete));
  const prerequisites =
    at < 0
      ? [...draft.prerequisites, complete]
      : draft.prerequisites.map((existing, index) => (index === at ? complete : existing));
  return { draft: { ...draft, prerequisites }, object: complete };
};

/** Every string the VM holds: a Secret or ConfigMap it refers to is named by one of them. */
const stringsIn = (value: unknown, found = new Set<string>()): Set<string> => {
  if (typeof value === 'string') found.add(value);
  else if (Array.isArray(value)) value.forEach((item) => stringsIn(item, found));
  else if (value && typeof value === 'object')
    Object.values(value).forEach((item) => stringsIn(item, found));
  return found;
};

const DROPPABLE = [SecretModel.kind, ConfigMapModel.kind];

/**
 * The draft without the Secrets and ConfigMaps its VM no longer names (a key or answer files
 * replaced while customizing), so creating it makes nothing unused. The project's SSH key stays:
 * it is for the VMs created after this one too.
 */
export const withoutUnusedPrerequisites = (draft: VmDraft): VmDraft => {
  const named = stringsIn(draft.vm);
  const prerequisites = draft.prerequisites.filter((object) => {
    const name = object.metadata?.name ?? '';
    return (
      !DROPPABLE.includes(object.kind ?? '') ||
      named.has(name) ||
      (object.kind === SecretModel.kind && name === draft.projectSshKey)
    );
  });
  return prerequisites.length === draft.prerequisites.length ? draft : { ...draft, prerequisites };
};
