// The chart grants the server's own service account only what the server does with it (every
// user request is made with the user's token), and the hooks only what patching the console's
// plugin list takes. The lists below are derived from the code:
// - src/bff/vms/sync.ts: list + watch VMs and VMIs in all namespaces (the VM index);
// - src/bff/upload/proxy.ts: get CDIConfig "config" (the upload proxy's URL);
// - the console-plugins program: get + patch/update consoles.operator.openshift.io "cluster".
import { describe, expect, it } from 'vitest';
import { RENDER_CASES } from './cases';
import { findHelm, render } from './helm';
import type { ClusterRole, ClusterRoleBinding, Deployment, Job, PolicyRule } from './kinds';
import { find, ofKind, parseManifests, type KubeObject } from './manifests';

const [defaults] = RENDER_CASES as [(typeof RENDER_CASES)[0]];

const SERVER_RULES: PolicyRule[] = [
  {
    apiGroups: ['kubevirt.io'],
    resources: ['virtualmachines', 'virtualmachineinstances'],
    verbs: ['list', 'watch'],
  },
  {
    apiGroups: ['cdi.kubevirt.io'],
    resources: ['cdiconfigs'],
    resourceNames: ['config'],
    verbs: ['get'],
  },
];

const HOOK_RULES: PolicyRule[] = [
  {
    apiGroups: ['operator.openshift.io'],
    resources: ['consoles'],
    resourceNames: ['cluster'],
    verbs: ['get', 'patch', 'update'],
  },
];

const manifests = () => parseManifests(render(defaults));

/** The ClusterRole bound to a service account, through the binding that names it. */
const roleOf = (all: KubeObject[], serviceAccount: string, namespace: string) => {
  const bindings = all.filter(
    (o): o is ClusterRoleBinding =>
      o.kind === 'ClusterRoleBinding' &&
      (o as ClusterRoleBinding).subjects.some(
        (s) =>
          s.kind === 'ServiceAccount' && s.name === serviceAccount && s.namespace === namespace,
      ),
  );
  expect(bindings, `bindings of ${serviceAccount}`).toHaveLength(1);
  const [binding] = bindings;
  expect(binding?.roleRef).toMatchObject({
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
  });
  return all.find(
    (o): o is ClusterRole => o.kind === 'ClusterRole' && o.metadata.name === binding?.roleRef.name,
  );
};

describe.skipIf(!findHelm().helm)('RBAC', () => {
  it.each(RENDER_CASES)(
    'grants nothing beyond the derived lists: no wildcard, no Role, no escalation ($name)',
    (options) => {
      const rendered = parseManifests(render(options)).map((m) => m.object);
      expect(rendered.filter((o) => ['Role', 'RoleBinding'].includes(o.kind))).toEqual([]);
      for (const role of rendered.filter((o): o is ClusterRole => o.kind === 'ClusterRole')) {
        expect(role.aggregationRule).toBeUndefined();
        // Nothing beyond the two lists derived from the code.
        expect([SERVER_RULES, HOOK_RULES]).toContainEqual(role.rules);
        for (const rule of role.rules) {
          for (const field of [rule.apiGroups, rule.resources, rule.verbs, rule.resourceNames])
            expect(field ?? []).not.toContain('*');
          expect(rule.nonResourceURLs).toBeUndefined();
          // Neither may write RBAC, act as others, or create or delete anything.
          for (const verb of [
            'escalate',
            'bind',
            'impersonate',
            'create',
            'delete',
            'deletecollection',
          ])
            expect(rule.verbs).not.toContain(verb);
        }
      }
    },
  );

  it("gives the server's service account exactly what the server reads with it", () => {
    const all = manifests().map((m) => m.object);
    const deployment = find<Deployment>(manifests(), 'Deployment');
    const role = roleOf(
      all,
      deployment.spec.template.spec.serviceAccountName ?? '',
      defaults.namespace,
    );
    expect(role?.rules).toEqual(SERVER_RULES);
  });

  it("gives the hooks' service account exactly the console config patch", () => {
    const all = manifests().map((m) => m.object);
    const accounts = new Set(
      ofKind<Job>(manifests(), 'Job').map((job) => job.spec.template.spec.serviceAccountName),
    );
    expect(accounts.size).toBe(1);
    const [account] = accounts;
    const role = roleOf(all, account ?? '', defaults.namespace);
    expect(role?.rules).toEqual(HOOK_RULES);
    // The same account is not the server's.
    expect(account).not.toBe(
      find<Deployment>(manifests(), 'Deployment').spec.template.spec.serviceAccountName,
    );
  });
});
