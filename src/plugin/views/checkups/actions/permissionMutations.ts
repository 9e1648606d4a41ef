// Install and remove a checkup's permissions, one object at a time, each with its own outcome:
// what exists already is fine (rules brought up to date, our account added to a binding), and
// what one object's failure says (RBAC escalation, forbidden) does not stop the others.
import { errorMessage } from '../../../api/bff';
import { k8sCreate, k8sDelete, k8sGet, k8sUpdate } from '../../../api/k8s';
import type { K8sObject } from '../../../api/types';
import { isClusterScoped, type PermissionObject } from '../model/permissionObjects';
import type { PolicyRule } from '../model/types';
import { errorCode, ignoreNotFound } from './errorCode';

export type PermissionOutcome =
  | 'created'
  | 'updated'
  | 'unchanged'
  /** Not attempted: the user may not (the cluster-wide binding). */
  | 'skipped'
  | 'failed'
  | 'deleted'
  /** Already gone. */
  | 'absent'
  /** A binding still names other accounts, or a Role such a binding uses: left in place. */
  | 'kept';

export interface PermissionResult {
  entry: PermissionObject;
  outcome: PermissionOutcome;
  /** The server's message of a failure. */
  message?: string;
}

/** What reading an object found. */
export type PermissionState = 'present' | 'differs' | 'missing' | 'unknown';

type Subject = { kind: string; name: string; namespace?: string };
type Binding = K8sObject & {
  subjects?: Subject[];
  roleRef: { apiGroup: string; kind: string; name: string };
};
type RoleLike = K8sObject & { rules?: PolicyRule[] };

const refOf = (object: K8sObject) => ({
  namespace: object.metadata?.namespace,
  name: object.metadata?.name ?? '',
});

const sorted = (values?: string[]) => [...(values ?? [])].sort();
const normalRules = (rules?: PolicyRule[]) =>
  JSON.stringify(
    (rules ?? []).map((r) => ({
      apiGroups: sorted(r.apiGroups),
      resources: sorted(r.resources),
      verbs: sorted(r.verbs),
      resourceNames: sorted(r.resourceNames),
      nonResourceURLs: sorted(r.nonResourceURLs),
    })),
  );

const sameSubject = (a: Subject, b: Subject) =>
  a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

const sameRoleRef = (a: Binding, b: Binding) =>
  a.roleRef?.kind === b.roleRef.kind &&
  a.roleRef?.name === b.roleRef.name &&
  a.roleRef?.apiGroup === b.roleRef.apiGroup;

const isBinding = (entry: PermissionObject) =>
  entry.model.kind === 'RoleBinding' || entry.model.kind === 'ClusterRoleBinding';

const ourSubjects = (entry: PermissionObject) => (entry.object as Binding).subjects ?? [];

/** Whether `existing` already grants what `entry` asks for. */
export const matches = (entry: PermissionObject, existing: K8sObject): boolean => {
  if (entry.model.kind === 'Role')
    return (
      normalRules((existing as RoleLike).rules) === normalRules((entry.object as RoleLike).rules)
    );
  if (isBinding(entry)) {
    const found = existing as Binding;
    const wanted = entry.object as Binding;
    return (
      sameRoleRef(found, wanted) &&
      ourSubjects(entry).every((s) => (found.subjects ?? []).some((f) => sameSubject(f, s)))
    );
  }
  return true;
};

/** Reads each object: there and as wanted, there but different, missing, or not readable. */
export const readPermissions = (entries: readonly PermissionObject[]): Promise<PermissionState[]> =>
  Promise.all(
    entries.map(async (entry) => {
      try {
        const existing = await k8sGet(entry.model, refOf(entry.object));
        return matches(entry, existing) ? 'present' : 'differs';
      } catch (error) {
        return errorCode(error) === 404 ? 'missing' : 'unknown';
      }
    }),
  );

/** Brings an existing object up to what `entry` asks for; false when it already was. */
const reconcile = async (entry: PermissionObject): Promise<boolean> => {
  const existing = await k8sGet(entry.model, refOf(entry.object));
  if (matches(entry, existing)) return false;
  if (entry.model.kind === 'Role') {
    await k8sUpdate(entry.model, { ...existing, rules: (entry.object as RoleLike).rules });
    return true;
  }
  const found = existing as Binding;
  if (!sameRoleRef(found, entry.object as Binding)) {
    // roleRef cannot change: the binding is made again.
    await k8sDelete(entry.model, refOf(entry.object));
    await k8sCreate(entry.model, entry.object);
    return true;
  }
  const missing = ourSubjects(entry).filter(
    (s) => !(found.subjects ?? []).some((f) => sameSubject(f, s)),
  );
  await k8sUpdate(entry.model, { ...found, subjects: [...(found.subjects ?? []), ...missing] });
  return true;
};

const installOne = async (entry: PermissionObject): Promise<PermissionResult> => {
  try {
    await k8sCreate(entry.model, entry.object);
    return { entry, outcome: 'created' };
  } catch (error) {
    if (errorCode(error) !== 409) return { entry, outcome: 'failed', message: errorMessage(error) };
  }
  try {
    return { entry, outcome: (await reconcile(entry)) ? 'updated' : 'unchanged' };
  } catch (error) {
    return { entry, outcome: 'failed', message: errorMessage(error) };
  }
};

export interface PermissionOptions {
  /** Leave cluster-scoped objects alone (the user is not a cluster admin). */
  skipClusterScoped: boolean;
  /** Each object's result as it comes. */
  onResult?: (result: PermissionResult, index: number) => void;
}

/** Creates (or brings up to date) each object in order; never throws. */
export const installPermissions = async (
  entries: readonly PermissionObject[],
  { skipClusterScoped, onResult }: PermissionOptions,
): Promise<PermissionResult[]> => {
  const results: PermissionResult[] = [];
  for (const [index, entry] of entries.entries()) {
    const result =
      skipClusterScoped && isClusterScoped(entry)
        ? { entry, outcome: 'skipped' as const }
        : await installOne(entry);
    results.push(result);
    onResult?.(result, index);
  }
  return results;
};

/** A binding loses our account; it is deleted only when nobody else is left in it. */
const removeBinding = async (entry: PermissionObject): Promise<PermissionOutcome> => {
  let found: Binding;
  try {
    found = await k8sGet<Binding>(entry.model, refOf(entry.object));
  } catch (error) {
    if (errorCode(error) === 404) return 'absent';
    throw error;
  }
  const others = (found.subjects ?? []).filter(
    (f) => !ourSubjects(entry).some((s) => sameSubject(f, s)),
  );
  if (others.length > 0) {
    if (others.length !== (found.subjects ?? []).length)
      await k8sUpdate(entry.model, { ...found, subjects: others });
    return 'kept';
  }
  return (await ignoreNotFound(() => k8sDelete(entry.model, refOf(entry.object))))
    ? 'deleted'
    : 'absent';
};

/**
 * Removes the objects, bindings before what they bind, each with its outcome; never throws.
 * A Role stays while a binding of the same name still serves other accounts.
 */
export const removePermissions = async (
  entries: readonly PermissionObject[],
  { skipClusterScoped, onResult }: PermissionOptions,
): Promise<PermissionResult[]> => {
  const results: PermissionResult[] = [];
  const keptBindings = new Set<string>();
  const order = [...entries.keys()].reverse();
  for (const index of order) {
    const entry = entries[index] as PermissionObject;
    const name = entry.object.metadata?.name ?? '';
    let result: PermissionResult;
    try {
      if (skipClusterScoped && isClusterScoped(entry)) result = { entry, outcome: 'skipped' };
      else if (isBinding(entry)) {
        const outcome = await removeBinding(entry);
        if (outcome === 'kept') keptBindings.add(name);
        result = { entry, outcome };
      } else if (entry.model.kind === 'Role' && keptBindings.has(name))
        result = { entry, outcome: 'kept' };
      else
        result = {
          entry,
          outcome: (await ignoreNotFound(() => k8sDelete(entry.model, refOf(entry.object))))
            ? 'deleted'
            : 'absent',
        };
    } catch (error) {
      result = { entry, outcome: 'failed', message: errorMessage(error) };
    }
    results[index] = result;
    onResult?.(result, index);
  }
  return results;
};
