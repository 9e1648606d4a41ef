import type { ClusterContext, ClusterModule } from '../modules/clusterModule';
import { isDeepStrictEqual } from 'node:util';
import { kubevirtPrometheusRule } from './prometheusRules';

export { kubevirtPrometheusRule, kubevirtRuleGroups } from './prometheusRules';
export { monitoringTypes } from './prometheusRuleType';

const RULES = 'monitoring.coreos.com/prometheusrules';

/**
 * Monitoring: KubeVirt's PrometheusRule, seeded and, like virt-operator does, put back to
 * KubeVirt's rules and labels at every start when someone changed it.
 */
export const monitoringModule = (context: ClusterContext): ClusterModule => ({
  name: 'monitoring',
  queues: [],
  seed: () => [kubevirtPrometheusRule()],
  async start() {
    const wanted = kubevirtPrometheusRule();
    const { namespace, name = '' } = wanted.metadata;
    const stored = context.store.get(RULES, namespace, name);
    if (!stored) return;
    const labels = { ...stored.metadata.labels, ...wanted.metadata.labels };
    if (
      isDeepStrictEqual(stored.spec, wanted.spec) &&
      isDeepStrictEqual(stored.metadata.labels, labels)
    )
      return;
    await context.store.put(RULES, {
      ...stored,
      metadata: {
        ...stored.metadata,
        labels,
        generation: (stored.metadata.generation ?? 1) + 1,
      },
      spec: wanted.spec,
    });
  },
  stop: () => undefined,
});
