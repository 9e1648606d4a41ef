// The RBAC objects a fresh embedded cluster starts with: Kubernetes' bootstrap roles, the
// OpenShift, KubeVirt and CDI roles, and the default bindings. Aggregated ClusterRoles carry
// their settled rules already, as they would after the aggregation controller's first pass.
import { type KubeObject } from '../types';
import { aggregateClusterRoles } from './aggregation';
import { defaultBindings } from './defaultBindings';
import { kubernetesClusterRoles } from './kubernetesRoles';
import { kubevirtClusterRoles } from './kubevirtRoles';
import { openshiftClusterRoles, openshiftRoles } from './openshiftRoles';
import { platformRoles } from './platformRoles';

export { DEVELOPER_NAMESPACE, OS_IMAGES_NAMESPACE } from './defaultBindings';

/** Namespaces the default bindings point into; the cluster creates them at first start. */
export { SHARED_TEMPLATES_NAMESPACE } from './openshiftRoles';

export function defaultRbacObjects(): KubeObject[] {
  const platform = platformRoles();
  const clusterRoles = aggregateClusterRoles([
    ...kubernetesClusterRoles(),
    ...openshiftClusterRoles(),
    ...kubevirtClusterRoles(),
    ...platform.filter((object) => object.kind === 'ClusterRole'),
  ]);
  // Aggregation shares rule objects between roles; a JSON round trip (unlike structuredClone,
  // which keeps shared references shared) gives every object its own, as the store will.
  const objects = [
    ...clusterRoles,
    ...openshiftRoles(),
    ...platform.filter((object) => object.kind !== 'ClusterRole'),
    ...defaultBindings(),
  ];
  return JSON.parse(JSON.stringify(objects)) as KubeObject[];
}
