import { useQueries } from '@tanstack/react-query';
import { checkAccess } from '../../../api/access';
import type { CheckupKind } from '../checkupKinds';
import {
  ACTION_NEEDS,
  CLUSTER_BINDING_NEEDS,
  attributesOf,
  needsClusterBinding,
  type AccessNeed,
  type CheckupAction,
} from './checkupAccess';

export interface ActionAccess {
  allowed: boolean;
  /** What the user lacks for it (empty when allowed). */
  missing: AccessNeed[];
}

export interface CheckupAccess {
  loading: boolean;
  actions: Record<CheckupAction, ActionAccess>;
  /** May the user create (install) or delete (remove) the cluster-wide binding? Storage only. */
  clusterBinding: { install: boolean; remove: boolean };
  /** May the user list nodes (the form's node dropdowns)? */
  listNodes: boolean;
}

const ACTIONS = Object.keys(ACTION_NEEDS) as CheckupAction[];
const LIST_NODES: AccessNeed = {
  verb: 'list',
  group: '',
  resource: 'nodes',
  kinds: 'Nodes',
  cluster: true,
};

const keyOf = (item: AccessNeed, namespace: string) => {
  const attrs = attributesOf(item, namespace);
  return [
    'checkups',
    'access',
    attrs.verb,
    attrs.group ?? '',
    attrs.resource,
    attrs.namespace ?? '',
  ];
};

/**
 * What the user may do with checkups of `kind` in `namespace`, one SelfSubjectAccessReview per
 * right (through the data layer's access cache). No namespace: nothing is allowed (a project
 * must be chosen first).
 */
export const useCheckupAccess = (
  kind: CheckupKind,
  namespace: string | undefined,
): CheckupAccess => {
  const ns = namespace ?? '';
  const wanted: AccessNeed[] = [
    ...ACTIONS.flatMap((action) => ACTION_NEEDS[action]),
    ...(needsClusterBinding(kind)
      ? [CLUSTER_BINDING_NEEDS.install, CLUSTER_BINDING_NEEDS.remove]
      : []),
    LIST_NODES,
  ];
  // One review per right, however many actions need it.
  const ids = [...new Set(wanted.map((item) => JSON.stringify(keyOf(item, ns))))];
  const answers = useQueries({
    queries: ids.map((id) => {
      const item = wanted.find((w) => JSON.stringify(keyOf(w, ns)) === id) as AccessNeed;
      return {
        queryKey: keyOf(item, ns),
        queryFn: () => checkAccess(attributesOf(item, ns)),
        enabled: namespace !== undefined,
        staleTime: 30_000,
      };
    }),
  });
  const allowed = (item: AccessNeed) =>
    answers[ids.indexOf(JSON.stringify(keyOf(item, ns)))]?.data === true;
  const loading = namespace !== undefined && answers.some((a) => a.isPending);
  const actions = Object.fromEntries(
    ACTIONS.map((action) => {
      const missing = ACTION_NEEDS[action].filter((item) => !allowed(item));
      return [action, { allowed: namespace !== undefined && missing.length === 0, missing }];
    }),
  ) as Record<CheckupAction, ActionAccess>;
  return {
    loading,
    actions,
    clusterBinding: {
      install: needsClusterBinding(kind) && allowed(CLUSTER_BINDING_NEEDS.install),
      remove: needsClusterBinding(kind) && allowed(CLUSTER_BINDING_NEEDS.remove),
    },
    listNodes: allowed(LIST_NODES),
  };
};
