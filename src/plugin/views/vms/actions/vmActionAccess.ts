import { useMemo } from 'react';
import { useAccessReview, type AccessAttributes } from '../../../api/access';

export type { AccessAttributes };

/** Everything the VM actions need to know about the user's rights in one namespace. */
export interface VmActionAccess {
  start: boolean;
  stop: boolean;
  restart: boolean;
  pause: boolean;
  unpause: boolean;
  /** Create VirtualMachineInstanceMigrations (cluster admins by default). */
  migrate: boolean;
  /** Delete VirtualMachineInstanceMigrations. */
  cancelMigration: boolean;
  /** List nodes: the migrate dialog then offers a target node. */
  listNodes: boolean;
  clone: boolean;
  snapshot: boolean;
  /** Patch the VM (labels, annotations). */
  update: boolean;
  delete: boolean;
  /** Patch a standalone VMI. */
  updateVmi: boolean;
  deleteVmi: boolean;
}

export type VmAccessKey = keyof VmActionAccess;

const SUBRESOURCES = 'subresources.kubevirt.io';
const KUBEVIRT = 'kubevirt.io';

/** The review behind each right, as data (one list serves the hook and the SDK's `accessReview`). */
export const VM_ACCESS_REVIEWS: Record<VmAccessKey, (namespace?: string) => AccessAttributes> = {
  start: (namespace) => ({
    verb: 'update',
    group: SUBRESOURCES,
    resource: 'virtualmachines',
    subresource: 'start',
    namespace,
  }),
  stop: (namespace) => ({
    verb: 'update',
    group: SUBRESOURCES,
    resource: 'virtualmachines',
    subresource: 'stop',
    namespace,
  }),
  restart: (namespace) => ({
    verb: 'update',
    group: SUBRESOURCES,
    resource: 'virtualmachines',
    subresource: 'restart',
    namespace,
  }),
  pause: (namespace) => ({
    verb: 'update',
    group: SUBRESOURCES,
    resource: 'virtualmachineinstances',
    subresource: 'pause',
    namespace,
  }),
  unpause: (namespace) => ({
    verb: 'update',
    group: SUBRESOURCES,
    resource: 'virtualmachineinstances',
    subresource: 'unpause',
    namespace,
  }),
  migrate: (namespace) => ({
    verb: 'create',
    group: KUBEVIRT,
    resource: 'virtualmachineinstancemigrations',
    namespace,
  }),
  cancelMigration: (namespace) => ({
    verb: 'delete',
    group: KUBEVIRT,
    resource: 'virtualmachineinstancemigrations',
    namespace,
  }),
  listNodes: () => ({ verb: 'list', resource: 'nodes' }),
  clone: (namespace) => ({
    verb: 'create',
    group: 'clone.kubevirt.io',
    resource: 'virtualmachineclones',
    namespace,
  }),
  snapshot: (namespace) => ({
    verb: 'create',
    group: 'snapshot.kubevirt.io',
    resource: 'virtualmachinesnapshots',
    namespace,
  }),
  update: (namespace) => ({
    verb: 'patch',
    group: KUBEVIRT,
    resource: 'virtualmachines',
    namespace,
  }),
  delete: (namespace) => ({
    verb: 'delete',
    group: KUBEVIRT,
    resource: 'virtualmachines',
    namespace,
  }),
  updateVmi: (namespace) => ({
    verb: 'patch',
    group: KUBEVIRT,
    resource: 'virtualmachineinstances',
    namespace,
  }),
  deleteVmi: (namespace) => ({
    verb: 'delete',
    group: KUBEVIRT,
    resource: 'virtualmachineinstances',
    namespace,
  }),
};

export const VM_ACCESS_KEYS = Object.keys(VM_ACCESS_REVIEWS) as VmAccessKey[];

export const NO_ACCESS: VmActionAccess = Object.fromEntries(
  VM_ACCESS_KEYS.map((key) => [key, false]),
) as unknown as VmActionAccess;

/**
 * The user's rights for VM actions in a namespace. Reviews are asked per namespace, not per VM,
 * so every row of a list shares them (the data layer caches each review).
 * `null` asks nothing (a closed menu).
 */
export const useVmActionAccess = (
  namespace: string | null | undefined,
): { access: VmActionAccess; loading: boolean } => {
  const ask = (key: VmAccessKey) =>
    namespace === null ? null : VM_ACCESS_REVIEWS[key](namespace ?? undefined);
  // One review per right, always in this order.
  const results: Record<VmAccessKey, { allowed: boolean; loading: boolean }> = {
    start: useAccessReview(ask('start')),
    stop: useAccessReview(ask('stop')),
    restart: useAccessReview(ask('restart')),
    pause: useAccessReview(ask('pause')),
    unpause: useAccessReview(ask('unpause')),
    migrate: useAccessReview(ask('migrate')),
    cancelMigration: useAccessReview(ask('cancelMigration')),
    listNodes: useAccessReview(ask('listNodes')),
    clone: useAccessReview(ask('clone')),
    snapshot: useAccessReview(ask('snapshot')),
    update: useAccessReview(ask('update')),
    delete: useAccessReview(ask('delete')),
    updateVmi: useAccessReview(ask('updateVmi')),
    deleteVmi: useAccessReview(ask('deleteVmi')),
  };
  // One object per set of answers, so memos downstream hold across renders.
  const answers = VM_ACCESS_KEYS.map((key) => (results[key].allowed ? '1' : '0')).join('');
  const access = useMemo(
    () =>
      Object.fromEntries(
        VM_ACCESS_KEYS.map((key, at) => [key, answers[at] === '1']),
      ) as unknown as VmActionAccess,
    [answers],
  );
  return { access, loading: VM_ACCESS_KEYS.some((key) => results[key].loading) };
};
