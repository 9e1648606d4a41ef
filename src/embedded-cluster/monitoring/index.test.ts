import { describe, expect, it } from 'vitest';
import type { ClusterContext } from '../modules/clusterModule';
import { ObjectStore } from '../store/objectStore';
import { kubevirtPrometheusRule, monitoringModule } from './index';

const memoryStore = () =>
  new ObjectStore({ append: async () => undefined }, { objects: new Map(), lastRV: 0 });
const RULES = 'monitoring.coreos.com/prometheusrules';

describe('the monitoring module', () => {
  it("seeds KubeVirt's PrometheusRule", () => {
    const store = memoryStore();
    const module = monitoringModule({ store } as unknown as ClusterContext);
    expect(module.seed?.()).toEqual([kubevirtPrometheusRule()]);
  });

  it('puts back the rules someone changed, as virt-operator does, and keeps added labels', async () => {
    const store = memoryStore();
    const wanted = kubevirtPrometheusRule();
    await store.put(RULES, {
      ...wanted,
      metadata: { ...wanted.metadata, generation: 3, labels: { mine: 'yes' } },
      spec: { groups: [] },
    });
    await monitoringModule({ store } as unknown as ClusterContext).start?.();
    const stored = store.get(RULES, 'openshift-cnv', 'prometheus-kubevirt-rules');
    expect(stored?.spec).toEqual(wanted.spec);
    expect(stored?.metadata).toMatchObject({
      generation: 4,
      labels: { mine: 'yes', 'prometheus.kubevirt.io': 'true', 'k8s-app': 'kubevirt' },
    });
    // Unchanged: nothing is written.
    const rv = stored?.metadata.resourceVersion;
    await monitoringModule({ store } as unknown as ClusterContext).start?.();
    expect(
      store.get(RULES, 'openshift-cnv', 'prometheus-kubevirt-rules')?.metadata.resourceVersion,
    ).toBe(rv);
  });
});
