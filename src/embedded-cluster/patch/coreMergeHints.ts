// The strategic-merge hints of the built-in kinds, for an API server that does not carry their
// full OpenAPI. Only the hints matter to a strategic merge patch, so the fragment has nothing
// else. One schema serves every core kind because their paths do not collide: a Pod's spec is a
// PodSpec, while workloads keep one under spec.template.spec (CronJob one level deeper).
import type { JSONSchemaProps } from '../types';

const object = (properties: Record<string, JSONSchemaProps>): JSONSchemaProps => ({
  type: 'object',
  properties,
});

const mergedBy = (
  mergeKey: string,
  items: JSONSchemaProps = { type: 'object' },
  strategy = 'merge',
): JSONSchemaProps => ({
  type: 'array',
  items,
  'x-kubernetes-patch-strategy': strategy,
  'x-kubernetes-patch-merge-key': mergeKey,
});

const container = object({
  env: mergedBy('name'),
  ports: mergedBy('containerPort'),
  volumeMounts: mergedBy('mountPath'),
  volumeDevices: mergedBy('devicePath'),
});

const podSpec = object({
  containers: mergedBy('name', container),
  initContainers: mergedBy('name', container),
  ephemeralContainers: mergedBy('name', container),
  volumes: mergedBy('name', { type: 'object' }, 'merge,retainKeys'),
  imagePullSecrets: mergedBy('name'),
  hostAliases: mergedBy('ip'),
  topologySpreadConstraints: mergedBy('topologyKey'),
  // tolerations and readinessGates carry no hints upstream: a patch replaces them.
});

const objectMeta = object({
  finalizers: { type: 'array', items: { type: 'string' }, 'x-kubernetes-patch-strategy': 'merge' },
  ownerReferences: mergedBy('uid'),
});

const podTemplate = object({ metadata: objectMeta, spec: podSpec });

/**
 * Merge keys of Pod (spec is a PodSpec), the pod-template workloads (Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job: spec.template; CronJob: spec.jobTemplate.spec.template),
 * Service ports, status conditions (by type) and metadata (finalizers as a set, owner
 * references by uid). Meant for built-in kinds only: custom resources do not take strategic
 * merge patches in Kubernetes.
 */
export const coreMergeHints: JSONSchemaProps = object({
  metadata: objectMeta,
  spec: object({
    ...podSpec.properties,
    // Service: ports merge by port; a Pod's spec has no ports of its own, so no clash.
    ports: mergedBy('port'),
    template: podTemplate,
    jobTemplate: object({ metadata: objectMeta, spec: object({ template: podTemplate }) }),
  }),
  status: object({ conditions: mergedBy('type') }),
});
