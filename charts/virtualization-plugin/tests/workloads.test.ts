// The pods the chart runs: the server (Deployment) and the console-plugin hooks (Jobs). Both run
// under OpenShift's restricted-v2 SCC, so every container must carry the restricted security
// context; the server must run exactly as its contract with the image says.
import { describe, expect, it } from 'vitest';
import { RENDER_CASES } from './cases';
import { findHelm, render } from './helm';
import type {
  Container,
  Deployment,
  Job,
  PodDisruptionBudget,
  PodTemplate,
  Service,
} from './kinds';
import { selects } from './kinds';
import { find, isHook, ofKind, parseManifests, type KubeObject } from './manifests';

const [defaults, custom] = RENDER_CASES as [(typeof RENDER_CASES)[0], (typeof RENDER_CASES)[0]];
const manifestsOf = (options: Parameters<typeof render>[0]) => parseManifests(render(options));

const expectRestricted = (pod: PodTemplate, container: Container) => {
  const podContext = pod.spec.securityContext ?? {};
  const context = container.securityContext ?? {};
  expect(podContext.runAsNonRoot, `${container.name}: pod runAsNonRoot`).toBe(true);
  expect(podContext.seccompProfile?.type).toBe('RuntimeDefault');
  expect(context).toMatchObject({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(context.capabilities?.drop).toEqual(['ALL']);
  expect(context.capabilities?.add ?? []).toEqual([]);
  expect(context.privileged ?? false).toBe(false);
  // restricted-v2 picks the UID from the namespace's range: a fixed one would be refused.
  expect(context.runAsUser ?? podContext.runAsUser).toBeUndefined();
  expect([pod.spec.hostNetwork, pod.spec.hostPID, pod.spec.hostIPC].some(Boolean)).toBe(false);
  // The root file system is read-only: /tmp is the one writable place, an emptyDir.
  const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
  expect(tmp, `${container.name} mounts /tmp`).toBeDefined();
  expect(pod.spec.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
};

const podsOf = (manifests: ReturnType<typeof manifestsOf>) => [
  ...ofKind<Deployment>(manifests, 'Deployment').map((d) => d.spec.template),
  ...ofKind<Job>(manifests, 'Job').map((j) => j.spec.template),
];

describe.skipIf(!findHelm().helm)('the pods', () => {
  it.each(RENDER_CASES)('run every container restricted ($name values)', (options) => {
    const pods = podsOf(manifestsOf(options));
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods)
      for (const container of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])])
        expectRestricted(pod, container);
  });

  it.each(RENDER_CASES)('probe the server over HTTPS on healthz and readyz ($name)', (options) => {
    const deployment = find<Deployment>(manifestsOf(options), 'Deployment');
    for (const container of deployment.spec.template.spec.containers) {
      const https = container.ports?.find((p) => p.name === 'https');
      expect(https).toBeDefined();
      expect(container.livenessProbe?.httpGet).toMatchObject({ scheme: 'HTTPS', path: '/healthz' });
      expect(container.readinessProbe?.httpGet).toMatchObject({ scheme: 'HTTPS', path: '/readyz' });
      for (const probe of [container.livenessProbe, container.readinessProbe])
        expect([https?.name, https?.containerPort]).toContain(probe?.httpGet?.port);
    }
  });

  it('start the server as the image contract says, with TLS from the service CA', () => {
    const manifests = manifestsOf(defaults);
    const deployment = find<Deployment>(manifests, 'Deployment');
    const [server] = deployment.spec.template.spec.containers;
    expect([...(server?.command ?? []), ...(server?.args ?? [])]).toEqual([
      'node',
      'dist/server/main.js',
      '--in-cluster',
      '--no-shell',
      '--host',
      '0.0.0.0',
      '--port',
      '9443',
      '--tls-cert-file',
      '/var/serving-cert/tls.crt',
      '--tls-key-file',
      '/var/serving-cert/tls.key',
      '--thanos-querier',
      'https://thanos-querier.openshift-monitoring.svc:9091',
      '--prometheus-ca-file',
      '/var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt',
      '--log-level',
      'info',
    ]);
    expect(server?.ports?.[0]?.containerPort).toBe(9443);
    expect(server?.image).toBe(
      'image-registry.openshift-image-registry.svc:5000/virtualization-plugin/virtualization-plugin:0.1.0',
    );
    // The certificate is the Secret the Service's annotation asks the service CA for.
    const service = find<Service>(manifests, 'Service');
    const secretName =
      service.metadata.annotations?.['service.beta.openshift.io/serving-cert-secret-name'];
    const volume = deployment.spec.template.spec.volumes?.find(
      (v) => v.secret?.secretName === secretName,
    );
    expect(volume).toBeDefined();
    expect(server?.volumeMounts).toContainEqual({
      name: volume?.name,
      mountPath: '/var/serving-cert',
      readOnly: true,
    });
    // Its own token: the VM index and CDIConfig are read with it.
    expect(deployment.spec.template.spec.automountServiceAccountToken).toBe(true);
  });

  it('pass the upload proxy and its CA, and drop metrics when the Thanos URL is empty', () => {
    const manifests = manifestsOf(custom);
    const deployment = find<Deployment>(manifests, 'Deployment');
    const [server] = deployment.spec.template.spec.containers;
    const args = server?.args ?? [];
    expect(args).not.toContain('--thanos-querier');
    expect(args).not.toContain('--prometheus-ca-file');
    expect(args.slice(args.indexOf('--upload-proxy'), args.indexOf('--upload-proxy') + 4)).toEqual([
      '--upload-proxy',
      'https://cdi-uploadproxy.openshift-cnv.svc',
      '--upload-proxy-ca-file',
      '/var/upload-proxy-ca/ca.crt',
    ]);
    expect(args.slice(args.indexOf('--port'), args.indexOf('--port') + 2)).toEqual([
      '--port',
      '8443',
    ]);
    const mount = server?.volumeMounts?.find((m) => m.mountPath === '/var/upload-proxy-ca');
    const volume = deployment.spec.template.spec.volumes?.find((v) => v.name === mount?.name);
    const configMap = find<KubeObject & { data: Record<string, string> }>(
      manifests,
      'ConfigMap',
      volume?.configMap?.name,
    );
    expect(configMap.data['ca.crt']).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n?$/,
    );
  });

  it('roll when the upload proxy CA changes, and only then', () => {
    const checksum = (set: string[]) =>
      find<Deployment>(manifestsOf({ ...custom, set }), 'Deployment').spec.template.metadata
        .annotations?.['checksum/upload-proxy-ca'];
    const pem = (body: string) =>
      `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
    const first = checksum([`uploadProxy.caBundle=${pem('AAAA')}`]);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum([`uploadProxy.caBundle=${pem('AAAA')}`, 'logLevel=warn'])).toBe(first);
    expect(checksum([`uploadProxy.caBundle=${pem('BBBB')}`])).not.toBe(first);
    expect(checksum(['uploadProxy.caBundle='])).toBeUndefined();
  });

  it('spread the server replicas across nodes: soft by default, hard or replaced on request', () => {
    const affinityOf = (set: string[] = []) =>
      find<Deployment>(manifestsOf({ ...defaults, set }), 'Deployment').spec.template.spec.affinity;
    const podLabels = find<Deployment>(manifestsOf(defaults), 'Deployment').spec.template.metadata
      .labels;
    const soft = affinityOf() as {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: {
          podAffinityTerm: {
            topologyKey: string;
            labelSelector: { matchLabels: Record<string, string> };
          };
        }[];
      };
    };
    const term = soft.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0];
    expect(term?.podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
    expect(
      selects(term?.podAffinityTerm.labelSelector.matchLabels ?? { none: 'x' }, podLabels),
    ).toBe(true);
    expect(affinityOf(['podAntiAffinity=hard'])).toHaveProperty(
      'podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution',
    );
    expect(affinityOf(['podAntiAffinity=none'])).toBeUndefined();
    expect(affinityOf(['affinity.nodeAffinity.x=y'])).toEqual({ nodeAffinity: { x: 'y' } });
  });

  it('keep one server up through disruptions when there is more than one', () => {
    const budgetOf = (set: string[]) =>
      ofKind<PodDisruptionBudget>(manifestsOf({ ...defaults, set }), 'PodDisruptionBudget');
    const [budget] = budgetOf([]);
    expect(budget?.spec.minAvailable).toBe(1);
    const deployment = find<Deployment>(manifestsOf(defaults), 'Deployment');
    expect(deployment.spec.replicas).toBe(2);
    expect(budget?.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(budgetOf(['replicas=3'])).toHaveLength(1);
    expect(budgetOf(['replicas=1'])).toEqual([]);
  });
});

describe.skipIf(!findHelm().helm)('the console-plugin hooks', () => {
  it('enable the plugin after install and upgrade, and disable it before uninstall', () => {
    const jobs = ofKind<Job>(manifestsOf(defaults), 'Job');
    const byEvent = Object.fromEntries(
      jobs.map((job) => [
        job.metadata.annotations?.['helm.sh/hook'],
        job.spec.template.spec.containers.map((c) => [...(c.command ?? []), ...(c.args ?? [])]),
      ]),
    );
    expect(byEvent).toEqual({
      'post-install,post-upgrade': [
        ['node', 'dist/server/console-plugins.js', 'enable', 'virtualization-plugin'],
      ],
      'pre-delete': [
        ['node', 'dist/server/console-plugins.js', 'disable', 'virtualization-plugin'],
      ],
    });
    for (const job of jobs) {
      expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
      expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(0);
      expect(job.metadata.annotations?.['helm.sh/hook-delete-policy']?.split(',')).toEqual(
        expect.arrayContaining(['before-hook-creation', 'hook-succeeded']),
      );
    }
  });

  it('create their identity before the Job, for every event the Jobs run on', () => {
    const manifests = manifestsOf(defaults);
    const hooks = manifests.map((m) => m.object).filter(isHook);
    const weight = (o: (typeof hooks)[0]) =>
      Number(o.metadata.annotations?.['helm.sh/hook-weight']);
    const jobs = hooks.filter((o) => o.kind === 'Job');
    const identity = hooks.filter((o) => o.kind !== 'Job');
    expect(identity.map((o) => o.kind).sort()).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'ServiceAccount',
    ]);
    const jobEvents = jobs.flatMap(
      (j) => j.metadata.annotations?.['helm.sh/hook']?.split(',') ?? [],
    );
    for (const object of identity) {
      expect(weight(object)).toBeLessThan(Math.min(...jobs.map(weight)));
      expect(object.metadata.annotations?.['helm.sh/hook']?.split(',').sort()).toEqual(
        [...jobEvents].sort(),
      );
    }
    const serviceAccount = identity.find((o) => o.kind === 'ServiceAccount');
    for (const job of jobs as Job[])
      expect(job.spec.template.spec.serviceAccountName).toBe(serviceAccount?.metadata.name);
  });

  it('never receive the server traffic: the Service does not select their pods', () => {
    const manifests = manifestsOf(defaults);
    const service = find<Service>(manifests, 'Service');
    for (const job of ofKind<Job>(manifests, 'Job'))
      expect(selects(service.spec.selector, job.spec.template.metadata.labels)).toBe(false);
  });

  it('are left out, with their identity, when the hook is off', () => {
    const hooks = manifestsOf(custom)
      .map((m) => m.object)
      .filter(isHook);
    expect(hooks).toEqual([]);
  });
});
