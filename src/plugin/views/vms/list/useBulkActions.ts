import { useQueries } from '@tanstack/react-query';
import { checkAccess } from '../../../api/access';
import type { VmSummary } from '../../../api/vmIndex';
import { useVmActionAccess, VM_ACCESS_REVIEWS, type VmAccessKey } from '../actions/vmActionAccess';
import { BULK_ACTIONS, type BulkAction } from './bulkActions';

/** The distinct namespaces of the selected rows, sorted. */
export const namespacesOf = (rows: Iterable<VmSummary>): string[] =>
  [...new Set([...rows].map((row) => row.namespace))].sort();

/**
 * The bulk actions to offer: in one project, what the user may do there. Across projects a
 * cluster-wide right is enough, and otherwise an action is offered when the user may run it in
 * every project of the selection (a developer acting on their own VMs has no cluster-wide
 * rights). `available` says whether the menu should be shown at all.
 */
export const useBulkActions = (
  namespace: string | undefined,
  selected: Iterable<VmSummary>,
): { actions: BulkAction[]; available: boolean } => {
  const { access } = useVmActionAccess(namespace);
  const keys = [...new Set(BULK_ACTIONS.map((action) => action.access))];
  const namespaces = namespace ? [] : namespacesOf(selected);
  const pairs = namespaces.flatMap((ns) => keys.map((key) => ({ ns, key })));
  const answers = useQueries({
    queries: pairs.map(({ ns, key }) => ({
      queryKey: ['vm-bulk-access', ns, key],
      queryFn: () => checkAccess(VM_ACCESS_REVIEWS[key](ns)),
      staleTime: 30_000,
    })),
  });
  const allowedEverywhere = (key: VmAccessKey) =>
    access[key] ||
    (namespaces.length > 0 &&
      namespaces.every(
        (ns) => answers[pairs.findIndex((p) => p.ns === ns && p.key === key)]?.data,
      ));
  const actions = BULK_ACTIONS.filter((action) => allowedEverywhere(action.access));
  // Across projects the rights depend on the selection: the menu is there, its items follow.
  return { actions, available: actions.length > 0 || !namespace };
};
