import type { Action } from '@openshift-console/dynamic-plugin-sdk';
import { useMemo } from 'react';
import { VirtualMachineInstanceModel } from '../../../api/models';
import type { VirtualMachine, VirtualMachineInstance } from '../../../api/types';
import { useK8sWatchObject } from '../../../api/watch';
import { useVmActions } from './useVmActions';

/**
 * `console.action/resource-provider` for `kubevirt.io~v1~VirtualMachine`: the same actions as the
 * plugin's own menus, in the console SDK's `Action` shape, wherever the console lists VMs.
 */
export const useVmActionsProvider = (
  vm: VirtualMachine | undefined,
): [actions: Action[], loaded: boolean, error: unknown] => {
  const namespace = vm?.metadata?.namespace;
  const name = vm?.metadata?.name;
  const vmi = useK8sWatchObject<VirtualMachineInstance>(
    VirtualMachineInstanceModel,
    namespace && name ? { namespace, name } : null,
  );
  const { actions, loaded } = useVmActions(vm, vmi.data);
  const sdkActions = useMemo(
    () =>
      actions.map((action): Action => ({
        id: `virtualization-vm-${action.id}`,
        label: action.label,
        description: action.description,
        cta: action.cta,
        disabled: !!action.disabledReason,
        disabledTooltip: action.disabledReason,
        // Our reviews use the SDK's verbs; its type spells them as a union.
        accessReview: action.accessReview as Action['accessReview'],
      })),
    [actions],
  );
  // A missing VMI is a stopped VM, not an error: the actions stand without it.
  return [sdkActions, loaded && vmi.loaded, undefined];
};

export default useVmActionsProvider;
