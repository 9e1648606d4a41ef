import type { KubeObject, ResourceType } from '../types';
import { badRequest } from './errors';

type ScaleSpec = NonNullable<NonNullable<ResourceType['subresources']>['scale']>;

const steps = (path: string) => path.replace(/^\./, '').split('.').filter(Boolean);

const read = (object: unknown, path: string): unknown =>
  steps(path).reduce<unknown>(
    (value, key) =>
      value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
    object,
  );

const write = (object: KubeObject, path: string, value: unknown): KubeObject => {
  const copy = structuredClone(object);
  const keys = steps(path);
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] ?? ''] = value;
  return copy;
};

/** The autoscaling/v1 Scale view of an object whose kind declares a scale subresource. */
export const toScale = (object: KubeObject, scale: ScaleSpec) => ({
  apiVersion: 'autoscaling/v1',
  kind: 'Scale',
  metadata: {
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    uid: object.metadata.uid,
    resourceVersion: object.metadata.resourceVersion,
    creationTimestamp: object.metadata.creationTimestamp,
  },
  spec: { replicas: Number(read(object, scale.specReplicasPath) ?? 0) },
  status: {
    replicas: Number(read(object, scale.statusReplicasPath) ?? 0),
    ...(scale.labelSelectorPath && read(object, scale.labelSelectorPath) !== undefined
      ? { selector: String(read(object, scale.labelSelectorPath)) }
      : {}),
  },
});

/** The object with `spec.replicas` of a posted Scale written to the kind's replicas path. */
export const applyScale = (object: KubeObject, scale: ScaleSpec, posted: unknown): KubeObject => {
  const replicas = (posted as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest('spec.replicas must be a non-negative integer');
  }
  return write(object, scale.specReplicasPath, replicas);
};
