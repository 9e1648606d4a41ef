// values.schema.json refuses what would deploy something broken, and helm's message names the
// field, so a typo fails `helm install` at once rather than in the cluster.
import { describe, expect, it } from 'vitest';
import { findHelm, template } from './helm';

const refusals: { what: string; set: string[]; field: string; says: RegExp }[] = [
  { what: 'replicas as a word', set: ['replicas=two'], field: '/replicas', says: /want integer/ },
  { what: 'no replicas', set: ['replicas=0'], field: '/replicas', says: /minimum/ },
  { what: 'an unknown key', set: ['replicaCount=3'], field: "'replicaCount'", says: /not allowed/ },
  {
    what: 'an unknown nested key',
    set: ['networkPolicy.enable=false'],
    field: "'enable'",
    says: /not allowed/,
  },
  {
    what: 'a Thanos URL without a scheme',
    set: ['thanosQuerierURL=thanos-querier.openshift-monitoring.svc:9091'],
    field: '/thanosQuerierURL',
    says: /does not match pattern/,
  },
  {
    what: 'a plain-HTTP Thanos URL',
    set: ['thanosQuerierURL=http://thanos-querier.openshift-monitoring.svc:9091'],
    field: '/thanosQuerierURL',
    says: /does not match pattern/,
  },
  {
    what: 'an unknown i18n load type',
    set: ['consolePlugin.i18nLoadType=Eager'],
    field: '/consolePlugin/i18nLoadType',
    says: /one of 'Preload', 'Lazy'/,
  },
  {
    what: 'a privileged port',
    set: ['port=443'],
    field: '/port',
    says: /minimum/,
  },
  {
    what: 'an unknown pull policy',
    set: ['image.pullPolicy=Sometimes'],
    field: '/image/pullPolicy',
    says: /one of/,
  },
  {
    what: 'a digest that is not sha256',
    set: ['image.digest=md5:abc'],
    field: '/image/digest',
    says: /does not match pattern/,
  },
  {
    what: 'a memory limit that is not a quantity',
    set: ['resources.limits.memory=lots'],
    field: '/resources/limits/memory',
    says: /does not match pattern/,
  },
  {
    what: 'an unknown anti-affinity mode',
    set: ['podAntiAffinity=always'],
    field: '/podAntiAffinity',
    says: /one of 'soft', 'hard', 'none'/,
  },
  {
    what: 'a console namespace that is not a name',
    set: ['networkPolicy.consoleNamespace=Openshift_Console'],
    field: '/networkPolicy/consoleNamespace',
    says: /does not match pattern/,
  },
  {
    what: 'a hook switch as a string',
    set: ['consolePlugin.enableHook.enabled=maybe'],
    field: '/consolePlugin/enableHook/enabled',
    says: /want boolean/,
  },
  {
    what: 'a label the chart owns',
    set: ['commonLabels.app\\.kubernetes\\.io/name=other'],
    field: "'app.kubernetes.io/name'",
    says: /invalid propertyName/,
  },
  {
    what: 'an upload proxy CA that is not PEM',
    set: ['uploadProxy.caBundle=not-a-certificate'],
    field: '/uploadProxy/caBundle',
    says: /does not match pattern/,
  },
];

describe.skipIf(!findHelm().helm)('values.schema.json', () => {
  it.each(refusals)('refuses $what, naming the field', ({ set, field, says }) => {
    const result = template({ release: 'schema', namespace: 'schema', set });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    expect(result.stderr).toContain(field);
    expect(result.stderr).toMatch(says);
  });

  it('accepts the values it documents: an empty Thanos URL, a custom affinity, no CPU limit', () => {
    const result = template({
      release: 'schema',
      namespace: 'schema',
      set: [
        'thanosQuerierURL=',
        'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key=zone',
        'resources.limits.cpu=null',
        'replicas=1',
      ],
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
