import { useMemo } from 'react';
import { useAccessReview } from '../../../../../api/access';
import { k8sCreate, k8sPatch } from '../../../../../api/k8s';
import { VirtualMachineModel, type ResourceModel } from '../../../../../api/models';
import type {
  JsonPatchOp,
  K8sObject,
  Pod,
  VirtualMachine,
  VirtualMachineInstance,
} from '../../../../../api/types';
import { usePluginTranslation } from '../../../../../i18n';

/**
 * What the configuration forms edit. On the details page it is the VM in the cluster (`live`,
 * changes are JSON patches sent as the user); the creation flow gives a draft instead, whose
 * `patch` applies in memory, so the same forms serve both.
 */
export interface VmEditor {
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
  pod?: Pod;
  /** The VM exists in the cluster: hot-plug and other subresources apply. */
  live: boolean;
  /** May the user change the VM? `reason` says why not, to show on disabled controls. */
  access: { allowed: boolean; loading: boolean; reason?: string };
  /** Applies a JSON patch to the VM; rejects with the server's `Status` (causes name fields). */
  patch(ops: JsonPatchOp[]): Promise<VirtualMachine>;
  /**
   * Creates an object the VM refers to (a new SSH key's Secret, sysprep answer files'
   * ConfigMap). A draft keeps it among its prerequisites, created just before the VM; giving the
   * same kind and name again replaces it (a dialog's second try). Absent (the VM in the
   * cluster): created at once, as the user. Call it through `createObjectFor`.
   */
  createObject?(model: ResourceModel, object: K8sObject): Promise<K8sObject>;
  /**
   * A draft's "Apply this key to all new VirtualMachines in this project": kept with the draft
   * and remembered once its VM exists, so an abandoned draft leaves no default behind.
   * Absent: the choice is remembered at once (`useProjectSshKey`).
   */
  projectSshKey?: { secretName?: string; set(secretName: string | undefined): void };
}

/** Creates an object the VM needs, as the editor says: kept by a draft, else created now. */
export const createObjectFor = <T extends K8sObject>(
  editor: VmEditor,
  model: ResourceModel,
  object: T,
): Promise<K8sObject> =>
  editor.createObject ? editor.createObject(model, object) : k8sCreate<T>(model, object);

/** The editor of a VM in the cluster, as the signed-in user may change it. */
export const useLiveVmEditor = ({
  vm,
  vmi,
  pod,
}: {
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
  pod?: Pod;
}): VmEditor => {
  const { t } = usePluginTranslation();
  const namespace = vm.metadata?.namespace ?? '';
  const name = vm.metadata?.name ?? '';
  const { allowed, loading } = useAccessReview({
    verb: 'patch',
    group: VirtualMachineModel.group,
    resource: VirtualMachineModel.plural,
    namespace,
    name,
  });
  return useMemo(
    () => ({
      vm,
      vmi,
      pod,
      live: true,
      access: {
        allowed,
        loading,
        reason:
          allowed || loading
            ? undefined
            : t('You do not have permission to change VirtualMachine {{name}} in {{namespace}}.', {
                name,
                namespace,
              }),
      },
      patch: (ops: JsonPatchOp[]) =>
        ops.length
          ? k8sPatch<VirtualMachine>(VirtualMachineModel, { namespace, name }, ops)
          : Promise.resolve(vm),
    }),
    [vm, vmi, pod, allowed, loading, t, namespace, name],
  );
};
