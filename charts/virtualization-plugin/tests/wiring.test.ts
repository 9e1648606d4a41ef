// How the rendered objects point at each other: the Service finds the server pods, the
// ConsolePlugin sends the console (assets and the `bff` proxy) to that Service and port, the
// NetworkPolicy lets the console in, and every object carries the chart's labels.
import { describe, expect, it } from 'vitest';
import { RENDER_CASES } from './cases';
import { findHelm, render } from './helm';
import type { ConsolePlugin, Deployment, NetworkPolicy, Service } from './kinds';
import { selects } from './kinds';
import { find, ofKind, parseManifests, QUICK_STARTS_TEMPLATE } from './manifests';

const [defaults, custom] = RENDER_CASES as [(typeof RENDER_CASES)[0], (typeof RENDER_CASES)[0]];
const manifestsOf = (options: Parameters<typeof render>[0]) => parseManifests(render(options));

describe.skipIf(!findHelm().helm)('the wiring', () => {
  it.each(RENDER_CASES)(
    'the Service selects the server pods on their https port ($name)',
    (options) => {
      const manifests = manifestsOf(options);
      const service = find<Service>(manifests, 'Service');
      const deployment = find<Deployment>(manifests, 'Deployment');
      const pod = deployment.spec.template;
      expect(selects(service.spec.selector, pod.metadata.labels)).toBe(true);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(service.spec.ports).toHaveLength(1);
      const [port] = service.spec.ports;
      expect(port?.name).toBe('https');
      const containerPort = pod.spec.containers[0]?.ports?.find((p) => p.name === port?.targetPort);
      expect(containerPort?.containerPort).toBe(port?.port);
      expect(service.metadata.annotations).toHaveProperty([
        'service.beta.openshift.io/serving-cert-secret-name',
      ]);
    },
  );

  it.each(RENDER_CASES)(
    'the ConsolePlugin names the rendered Service and port ($name)',
    (options) => {
      const manifests = manifestsOf(options);
      const service = find<Service>(manifests, 'Service');
      const plugin = find<ConsolePlugin>(manifests, 'ConsolePlugin');
      const target = {
        name: service.metadata.name,
        namespace: options.namespace,
        port: service.spec.ports[0]?.port,
      };
      // The plugin's manifest and its BFF path (/api/proxy/plugin/virtualization-plugin/bff/) use this name.
      expect(plugin.metadata.name).toBe('virtualization-plugin');
      expect(plugin.apiVersion).toBe('console.openshift.io/v1');
      expect(plugin.spec.backend).toEqual({
        type: 'Service',
        service: { ...target, basePath: '/' },
      });
      expect(plugin.spec.proxy).toEqual([
        {
          alias: 'bff',
          authorization: 'UserToken',
          endpoint: { type: 'Service', service: target },
        },
      ]);
    },
  );

  it('the ConsolePlugin takes its display name and i18n load type from the values', () => {
    const spec = (options: typeof defaults) =>
      find<ConsolePlugin>(manifestsOf(options), 'ConsolePlugin').spec;
    expect(spec(defaults)).toMatchObject({
      displayName: 'Virtualization',
      i18n: { loadType: 'Preload' },
    });
    expect(spec(custom)).toMatchObject({
      displayName: 'Virtualization (staging)',
      i18n: { loadType: 'Lazy' },
    });
  });

  it('the NetworkPolicy admits only the console and monitoring namespaces, to the https port', () => {
    const manifests = manifestsOf(defaults);
    const policy = find<NetworkPolicy>(manifests, 'NetworkPolicy');
    const deployment = find<Deployment>(manifests, 'Deployment');
    expect(
      selects(policy.spec.podSelector.matchLabels ?? {}, deployment.spec.template.metadata.labels),
    ).toBe(true);
    expect(policy.spec.podSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    expect(policy.spec.ingress).toHaveLength(1);
    const [rule] = policy.spec.ingress ?? [];
    const namespaces = (rule?.from ?? []).map((peer) => {
      expect(Object.keys(peer)).toEqual(['namespaceSelector']);
      return peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
    });
    expect(namespaces).toEqual([
      'openshift-console',
      'openshift-monitoring',
      'openshift-user-workload-monitoring',
    ]);
    expect(rule?.ports).toEqual([{ port: 'https', protocol: 'TCP' }]);
  });

  it('the NetworkPolicy follows its values: other namespaces, or none at all', () => {
    const policies = (set: string[]) =>
      ofKind<NetworkPolicy>(manifestsOf({ ...defaults, set }), 'NetworkPolicy');
    const [moved] = policies([
      'networkPolicy.consoleNamespace=console',
      'networkPolicy.monitoringNamespaces={metrics}',
    ]);
    expect(
      moved?.spec.ingress?.[0]?.from?.map(
        (p) => p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'],
      ),
    ).toEqual(['console', 'metrics']);
    expect(policies(['networkPolicy.enabled=false'])).toEqual([]);
  });

  it.each(RENDER_CASES)(
    'every object carries the chart labels and its namespace ($name)',
    (options) => {
      const manifests = manifestsOf(options).filter((m) => m.source !== QUICK_STARTS_TEMPLATE);
      const clusterScoped = ['ClusterRole', 'ClusterRoleBinding', 'ConsolePlugin'];
      for (const { object } of manifests) {
        const what = `${object.kind} ${object.metadata.name}`;
        expect(object.metadata.labels, what).toMatchObject({
          'helm.sh/chart': 'virtualization-plugin-0.1.0',
          'app.kubernetes.io/name': 'virtualization-plugin',
          'app.kubernetes.io/instance': options.release,
          'app.kubernetes.io/version': '0.1.0',
          'app.kubernetes.io/managed-by': 'Helm',
        });
        expect(object.metadata.namespace, what).toBe(
          clusterScoped.includes(object.kind) ? undefined : options.namespace,
        );
      }
    },
  );

  it('adds the common labels and annotations to every object, and the pod ones to the pods', () => {
    const manifests = manifestsOf(custom).filter((m) => m.source !== QUICK_STARTS_TEMPLATE);
    expect(manifests.length).toBeGreaterThan(5);
    for (const { object } of manifests) {
      expect(object.metadata.labels).toHaveProperty(['team.example.com/owner'], 'virtualization');
      expect(object.metadata.annotations).toHaveProperty(
        ['example.com/contact'],
        'virt-team@example.com',
      );
    }
    const pod = find<Deployment>(manifests, 'Deployment').spec.template;
    expect(pod.metadata.labels).toMatchObject({
      'team.example.com/owner': 'virtualization',
      'example.com/tier': 'console',
    });
    expect(pod.metadata.annotations).toHaveProperty(['example.com/scrape'], 'false');
  });

  it('names the objects after the release unless told otherwise', () => {
    const names = (release: string, set: string[] = []) =>
      find<Deployment>(manifestsOf({ release, namespace: 'ns', set }), 'Deployment').metadata.name;
    expect(names('virtualization-plugin')).toBe('virtualization-plugin');
    expect(names('prod')).toBe('prod-virtualization-plugin');
    expect(names('prod', ['fullnameOverride=virt'])).toBe('virt');
    // Helm's longest release name still gives names Kubernetes takes (Service and Job names
    // are label values: 63 characters at most).
    const longest = manifestsOf({ release: 'x'.repeat(53), namespace: 'ns' }).map((m) => m.object);
    for (const object of longest.filter((o) => ['Service', 'Job', 'Deployment'].includes(o.kind)))
      expect(object.metadata.name.length, object.metadata.name).toBeLessThanOrEqual(63);
  });
});
