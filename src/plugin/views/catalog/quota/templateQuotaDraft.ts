import type { Template, VirtualMachine } from '../../../api/types';
import type { VmDraft } from '../draft/vmDraft';

/**
 * The VM a template would make, before it is processed, for the quota hints: its CPU, memory
 * and disks as the template writes them (values that are still `${PARAMETERS}` count as
 * nothing), in `namespace`, started or not as the drawer says.
 */
export const templateQuotaDraft = (
  template: Template,
  namespace: string,
  start: boolean,
): VmDraft | undefined => {
  const vm = (template.objects ?? []).find(
    (object) => (object as { kind?: string }).kind === 'VirtualMachine',
  ) as VirtualMachine | undefined;
  if (!vm || !namespace) return undefined;
  const { running: _running, ...spec } = vm.spec ?? {};
  return {
    vm: {
      ...vm,
      metadata: { ...vm.metadata, namespace },
      spec: { ...spec, runStrategy: start ? 'Always' : 'Halted' } as VirtualMachine['spec'],
    },
    prerequisites: [],
  };
};
