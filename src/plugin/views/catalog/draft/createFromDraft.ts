import { failureStatus } from '../../../../common/cluster-info';
import {
  k8sCreate,
  k8sDelete,
  k8sGet,
  k8sPatch,
  StatusError,
  type ObjectRef,
} from '../../../api/k8s';
import {
  ConfigMapModel,
  DataVolumeModel,
  PersistentVolumeClaimModel,
  SecretModel,
  VirtualMachineModel,
  apiVersionOf,
  type ResourceModel,
} from '../../../api/models';
import type { K8sObject, VirtualMachine } from '../../../api/types';
import { storeProjectSshKey } from '../../vms/details/configuration/ssh/projectSshKey';
import type { VmDraft } from './vmDraft';

/** What `createFromDraft` is doing, for a progress line. */
export type CreationStep =
  | { step: 'check-name'; name: string }
  | { step: 'create'; kind: string; name: string }
  | { step: 'link'; name: string };

export interface CreateOptions {
  onStep?(step: CreationStep): void;
}

/** The kinds a draft may ask for before its VM. */
const PREREQUISITE_MODELS: ResourceModel[] = [
  SecretModel,
  ConfigMapModel,
  DataVolumeModel,
  PersistentVolumeClaimModel,
];

const modelOf = (object: K8sObject): ResourceModel => {
  const model = PREREQUISITE_MODELS.find((m) => m.kind === object.kind);
  if (!model)
    throw new Error(`A VirtualMachine draft cannot create a ${object.kind ?? '(no kind)'}.`);
  return model;
};

const codeOf = (error: unknown): number | undefined => (error as { code?: number } | null)?.code;

/**
 * The error a taken name gives, shaped as the API server's 409 with a cause at `metadata.name`,
 * so forms show it at their name field (`fieldErrorOf(error, 'metadata.name')`).
 */
export const nameTakenError = (name: string): StatusError => {
  const message = `VirtualMachine "${name}" already exists`;
  return new StatusError({
    ...failureStatus(409, 'AlreadyExists', message),
    details: {
      name,
      kind: VirtualMachineModel.plural,
      causes: [{ type: 'FieldValueDuplicate', field: 'metadata.name', message }],
    },
  });
};

/** A VM of that name is refused before anything is created. */
const checkNameFree = async (ref: ObjectRef): Promise<void> => {
  try {
    await k8sGet(VirtualMachineModel, ref);
  } catch (error) {
    // Not there: the name is free. Not allowed to look: the create answers for itself.
    if (codeOf(error) === 404 || codeOf(error) === 403) return;
    throw error;
  }
  throw nameTakenError(ref.name);
};

interface Created {
  model: ResourceModel;
  ref: ObjectRef;
}

/** Best effort: what this attempt created is deleted again, newest first. */
const rollBack = async (created: Created[]): Promise<void> => {
  for (const { model, ref } of [...created].reverse()) {
    try {
      await k8sDelete(model, ref);
    } catch {
      // Already gone, or not ours to delete: the original failure is what the user needs.
    }
  }
};

/** Makes the VM own what was created for it, so deleting the VM deletes them too. */
const linkToVm = async (vm: VirtualMachine, created: Created[]): Promise<void> => {
  const uid = vm.metadata?.uid;
  const name = vm.metadata?.name;
  if (!uid || !name) return;
  const owner = {
    apiVersion: apiVersionOf(VirtualMachineModel),
    kind: VirtualMachineModel.kind,
    name,
    uid,
  };
  // The VM exists: a refused link leaves an object behind, not a failed creation.
  await Promise.allSettled(
    created.map(({ model, ref }) =>
      k8sPatch(model, ref, [{ op: 'add', path: '/metadata/ownerReferences', value: [owner] }]),
    ),
  );
};

/**
 * Creates a draft's VM, or nothing: the name is checked first (a VM of that name is refused
 * with a 409 at `metadata.name`), the prerequisites are created in order, then the VM. When any
 * of them is refused, what was created is deleted again and the server's `Status` is rethrown.
 * Afterwards the VM owns its prerequisites (except a key applied to the whole project), and the
 * project's key is remembered.
 */
export const createFromDraft = async (
  draft: VmDraft,
  options: CreateOptions = {},
): Promise<VirtualMachine> => {
  const { onStep } = options;
  const namespace = draft.vm.metadata?.namespace ?? '';
  const name = draft.vm.metadata?.name ?? '';
  const planned = draft.prerequisites.map((object) => ({ object, model: modelOf(object) }));

  onStep?.({ step: 'check-name', name });
  await checkNameFree({ namespace, name });

  const created: Created[] = [];
  let vm: VirtualMachine;
  try {
    for (const { object, model } of planned) {
      const objectName = object.metadata?.name ?? '';
      onStep?.({ step: 'create', kind: model.kind, name: objectName });
      const result = await k8sCreate(model, object, {
        namespace: object.metadata?.namespace ?? namespace,
      });
      created.push({
        model,
        ref: {
          namespace: result.metadata?.namespace ?? object.metadata?.namespace ?? namespace,
          name: result.metadata?.name ?? objectName,
        },
      });
    }
    onStep?.({ step: 'create', kind: VirtualMachineModel.kind, name });
    vm = await k8sCreate(VirtualMachineModel, draft.vm);
  } catch (error) {
    await rollBack(created);
    throw error;
  }

  const owned = created.filter(
    ({ model, ref }) => !(model === SecretModel && ref.name === draft.projectSshKey),
  );
  if (owned.length) {
    onStep?.({ step: 'link', name });
    await linkToVm(vm, owned);
  }
  if (draft.projectSshKey) storeProjectSshKey(namespace, draft.projectSshKey);
  return vm;
};
