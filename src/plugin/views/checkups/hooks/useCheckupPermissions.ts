import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { readPermissions, type PermissionState } from '../actions/permissionMutations';
import type { CheckupKind } from '../checkupKinds';
import {
  checkupPermissions,
  isClusterScoped,
  type PermissionObject,
} from '../model/permissionObjects';

/**
 * Whether the checkup's permissions are in the project, read from the objects themselves:
 * `installed` (every namespaced object there as wanted), `partial`, `missing`, or `unknown`
 * when the user may not read them.
 */
export type InstallState = 'installed' | 'partial' | 'missing' | 'unknown';

export interface CheckupPermissions {
  entries: PermissionObject[];
  states?: PermissionState[];
  install?: InstallState;
  /** The storage checkup's cluster-reader binding, read apart (a project admin cannot). */
  clusterBinding?: PermissionState;
  /** The service account the Job runs as exists. */
  serviceAccountExists?: boolean;
  loading: boolean;
  error?: unknown;
}

export const permissionsQueryKey = (kind: CheckupKind, namespace: string) => [
  'checkups',
  'permissions',
  kind,
  namespace,
];

export const installStateOf = (
  entries: readonly PermissionObject[],
  states: readonly PermissionState[],
): InstallState => {
  const own = states.filter((_, i) => !isClusterScoped(entries[i] as PermissionObject));
  if (own.every((s) => s === 'present')) return 'installed';
  if (own.some((s) => s === 'unknown')) return 'unknown';
  return own.some((s) => s !== 'missing') ? 'partial' : 'missing';
};

export const useCheckupPermissions = (
  kind: CheckupKind,
  namespace: string | undefined,
): CheckupPermissions => {
  const entries = useMemo(() => checkupPermissions(kind, namespace ?? ''), [kind, namespace]);
  const query = useQuery({
    queryKey: permissionsQueryKey(kind, namespace ?? ''),
    queryFn: () => readPermissions(entries),
    enabled: namespace !== undefined,
    staleTime: 15_000,
  });
  const states = query.data;
  const clusterIndex = entries.findIndex(isClusterScoped);
  return {
    entries,
    states,
    install: states ? installStateOf(entries, states) : undefined,
    clusterBinding: states && clusterIndex >= 0 ? states[clusterIndex] : undefined,
    serviceAccountExists: states ? states[0] !== 'missing' : undefined,
    loading: namespace !== undefined && query.isPending,
    error: query.error ?? undefined,
  };
};
