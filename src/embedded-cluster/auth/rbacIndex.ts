// Bindings indexed by subject, with their roles' rules resolved, so that a request looks at
// the few bindings naming its user and groups instead of walking every binding. Built once per
// change of the RBAC objects; every request reads it.
import { type UserInfo } from '../types';
import { aggregateClusterRoles } from './aggregation';
import { quote } from './authStatus';
import {
  type PolicyRule,
  type RbacObjects,
  type RoleRef,
  type Subject,
  roleRefOf,
  rulesOf,
  subjectsOf,
} from './rbacTypes';
import { serviceAccountUsername } from './serviceAccounts';

/** One binding as seen by one of its subjects. */
export interface Grant {
  /** Kubernetes' visiting order: ClusterRoleBindings first, then RoleBindings, each as listed. */
  order: number;
  /** Which of the binding's subjects this is; Kubernetes describes the first that applies. */
  subjectIndex: number;
  /** `ClusterRoleBinding "x" of ClusterRole "y" to User "z"`, as kube-apiserver words it. */
  source: string;
  rules: PolicyRule[];
  /** Set when the referenced role does not exist: the binding grants nothing, and says why. */
  error?: string;
}

export interface RbacIndex {
  cluster: Map<string, Grant[]>;
  byNamespace: Map<string, Map<string, Grant[]>>;
  /** The rules a roleRef stands for, from a binding in `namespace` ('' for cluster bindings). */
  resolve(ref: RoleRef, namespace: string): { rules: PolicyRule[]; error?: string };
}

// Users and service accounts share a key space: a ServiceAccount subject is a username.
const userKey = (name: string) => `u:${name}`;
const groupKey = (name: string) => `g:${name}`;

function subjectKey(subject: Subject, bindingNamespace: string): string | undefined {
  switch (subject.kind) {
    case 'User':
      return userKey(subject.name);
    case 'Group':
      return groupKey(subject.name);
    case 'ServiceAccount': {
      // A RoleBinding may leave the namespace out: it means the binding's own namespace.
      const namespace = subject.namespace || bindingNamespace;
      return namespace ? userKey(serviceAccountUsername(namespace, subject.name)) : undefined;
    }
    default:
      return undefined;
  }
}

function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    return `ServiceAccount ${quote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  }
  return `${subject.kind} ${quote(subject.name)}`;
}

/** A service account needs no key of its own: its username is `system:serviceaccount:NS:NAME`. */
function userKeys(user: UserInfo): string[] {
  return [userKey(user.username), ...user.groups.map(groupKey)];
}

function add(map: Map<string, Grant[]>, key: string, grant: Grant): void {
  const list = map.get(key);
  if (list) list.push(grant);
  else map.set(key, [grant]);
}

export function buildRbacIndex(rbac: RbacObjects): RbacIndex {
  const clusterRoleRules = new Map<string, PolicyRule[]>();
  for (const role of aggregateClusterRoles(rbac.clusterRoles)) {
    clusterRoleRules.set(role.metadata.name ?? '', rulesOf(role));
  }
  const roleRules = new Map<string, PolicyRule[]>();
  for (const role of rbac.roles) {
    roleRules.set(`${role.metadata.namespace ?? ''}/${role.metadata.name ?? ''}`, rulesOf(role));
  }

  const resolve = (ref: RoleRef, namespace: string): { rules: PolicyRule[]; error?: string } => {
    if (ref.kind === 'ClusterRole') {
      const rules = clusterRoleRules.get(ref.name);
      return rules
        ? { rules }
        : {
            rules: [],
            error: `clusterrole.rbac.authorization.k8s.io ${quote(ref.name)} not found`,
          };
    }
    if (ref.kind === 'Role') {
      // A ClusterRoleBinding has no namespace, so a Role it names is never found (as in kube).
      const rules = roleRules.get(`${namespace}/${ref.name}`);
      return rules
        ? { rules }
        : { rules: [], error: `role.rbac.authorization.k8s.io ${quote(ref.name)} not found` };
    }
    return { rules: [], error: `unsupported role reference kind: ${quote(ref.kind)}` };
  };

  const index: RbacIndex = { cluster: new Map(), byNamespace: new Map(), resolve };
  const bindings = [
    ...rbac.clusterRoleBindings.map((b) => ({ b, kind: 'ClusterRoleBinding', namespace: '' })),
    ...rbac.roleBindings.map((b) => ({
      b,
      kind: 'RoleBinding',
      namespace: b.metadata.namespace ?? '',
    })),
  ];
  bindings.forEach(({ b, kind, namespace }, order) => {
    const ref = roleRefOf(b);
    if (!ref) return;
    if (kind === 'RoleBinding' && !namespace) return;
    const { rules, error } = resolve(ref, namespace);
    const name =
      kind === 'RoleBinding' ? `${b.metadata.name ?? ''}/${namespace}` : (b.metadata.name ?? '');
    let target = index.cluster;
    if (kind === 'RoleBinding') {
      target = index.byNamespace.get(namespace) ?? new Map<string, Grant[]>();
      index.byNamespace.set(namespace, target);
    }
    subjectsOf(b).forEach((subject, subjectIndex) => {
      const key = subjectKey(subject, namespace);
      if (!key) return;
      const role = `${ref.kind} ${quote(ref.name)}`;
      const source = `${kind} ${quote(name)} of ${role} to ${describeSubject(subject, namespace)}`;
      add(target, key, { order, subjectIndex, source, rules, ...(error ? { error } : {}) });
    });
  });
  return index;
}

/**
 * The bindings that apply to `user` for a request in `namespace` ('' for cluster scope), in
 * Kubernetes' visiting order, each binding once, described by its first applying subject.
 */
export function grantsFor(index: RbacIndex, user: UserInfo, namespace: string): Grant[] {
  const keys = userKeys(user);
  const found: Grant[] = [];
  const collect = (map: Map<string, Grant[]> | undefined) => {
    if (!map) return;
    for (const key of keys) found.push(...(map.get(key) ?? []));
  };
  collect(index.cluster);
  if (namespace) collect(index.byNamespace.get(namespace));
  found.sort((a, b) => a.order - b.order || a.subjectIndex - b.subjectIndex);
  return found.filter((grant, i) => i === 0 || found[i - 1]?.order !== grant.order);
}
