// Small builders for the structural OpenAPI schemas the registry declares. They only return
// plain JSONSchemaProps objects, so every kind's schema stays data that the API server,
// admission, `kubectl explain` and the CRD converter read alike.
import type { JSONSchemaProps } from '../types';

type Extra = Omit<JSONSchemaProps, 'type' | 'properties' | 'items'>;

/** A Kubernetes resource quantity (`2Gi`, `500m`, `1`), which the API accepts as string or number. */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

export const str = (description?: string, extra: Extra = {}): JSONSchemaProps => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});

export const enumOf = (values: string[], description?: string): JSONSchemaProps =>
  str(description, { enum: values });

export const int = (description?: string, extra: Extra = {}): JSONSchemaProps => ({
  type: 'integer',
  ...(description ? { description } : {}),
  ...extra,
});

export const int32 = (description?: string, extra: Extra = {}): JSONSchemaProps =>
  int(description, { format: 'int32', ...extra });

export const int64 = (description?: string, extra: Extra = {}): JSONSchemaProps =>
  int(description, { format: 'int64', ...extra });

export const bool = (description?: string): JSONSchemaProps => ({
  type: 'boolean',
  ...(description ? { description } : {}),
});

/** RFC 3339 timestamps, nullable because Go clients serialise unset times as `null`. */
export const dateTime = (description?: string): JSONSchemaProps =>
  str(description, { format: 'date-time', nullable: true });

export const quantity = (description?: string): JSONSchemaProps => ({
  'x-kubernetes-int-or-string': true,
  pattern: QUANTITY_PATTERN,
  ...(description ? { description } : {}),
});

export const intOrString = (description?: string): JSONSchemaProps => ({
  'x-kubernetes-int-or-string': true,
  ...(description ? { description } : {}),
});

/** A closed object: fields outside `properties` are unknown (pruned, or refused under Strict). */
export const obj = (
  properties: Record<string, JSONSchemaProps>,
  description?: string,
  extra: Extra = {},
): JSONSchemaProps => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  ...extra,
});

/** An object whose listed fields are typed but which keeps anything else it is given. */
export const openObj = (
  properties: Record<string, JSONSchemaProps>,
  description?: string,
  extra: Extra = {},
): JSONSchemaProps =>
  obj(properties, description, { 'x-kubernetes-preserve-unknown-fields': true, ...extra });

/** An object taken as it is: for deep or rarely used branches the registry does not model. */
export const preserve = (description?: string, extra: Extra = {}): JSONSchemaProps => ({
  type: 'object',
  ...(description ? { description } : {}),
  'x-kubernetes-preserve-unknown-fields': true,
  ...extra,
});

/** An empty marker object such as `masquerade: {}` or `blank: {}`. */
export const emptyObj = (description?: string): JSONSchemaProps => obj({}, description);

export const arr = (
  items: JSONSchemaProps,
  description?: string,
  extra: Extra = {},
): JSONSchemaProps => ({
  type: 'array',
  ...(description ? { description } : {}),
  items,
  ...extra,
});

export const strArr = (description?: string): JSONSchemaProps => arr(str(), description);

export const stringMap = (description?: string): JSONSchemaProps => ({
  type: 'object',
  ...(description ? { description } : {}),
  additionalProperties: { type: 'string' },
});

export const quantityMap = (description?: string): JSONSchemaProps => ({
  type: 'object',
  ...(description ? { description } : {}),
  additionalProperties: quantity(),
});

/** A list merged element by element on a key in strategic-merge patches (built-in kinds only). */
export const mergeList = (
  items: JSONSchemaProps,
  mergeKey: string,
  description?: string,
  extra: Extra = {},
): JSONSchemaProps =>
  arr(items, description, {
    'x-kubernetes-patch-merge-key': mergeKey,
    'x-kubernetes-patch-strategy': 'merge',
    ...extra,
  });

/** `metadata` of an embedded template: kept whole; the owning controller validates it. */
export const templateMetadata = (): JSONSchemaProps =>
  preserve('Standard object metadata of the objects created from this template.', {
    nullable: true,
  });

export const localObjectReference = (description?: string): JSONSchemaProps =>
  obj({ name: str('Name of the referent.') }, description);

export const labelSelector = (description?: string): JSONSchemaProps =>
  obj(
    {
      matchLabels: stringMap('Labels the selected objects must carry.'),
      matchExpressions: arr(
        obj(
          {
            key: str(),
            operator: enumOf(['In', 'NotIn', 'Exists', 'DoesNotExist']),
            values: strArr(),
          },
          undefined,
          { required: ['key', 'operator'] },
        ),
      ),
    },
    description,
  );

/** The condition shape most kinds report (`type`, `status`, times, reason, message). */
export const conditions = (description = 'Current service state of the object.'): JSONSchemaProps =>
  arr(
    openObj(
      {
        type: str('Type of the condition, e.g. Ready.'),
        status: enumOf(['True', 'False', 'Unknown'], 'Status of the condition.'),
        reason: str('Machine-readable reason for the last transition.'),
        message: str('Human-readable details about the last transition.'),
        lastTransitionTime: dateTime(),
        lastProbeTime: dateTime(),
        lastHeartbeatTime: dateTime(),
        observedGeneration: int64(),
      },
      undefined,
      { required: ['type', 'status'] },
    ),
    description,
  );

/** Status blocks are written by controllers: typed where we know them, open for the rest. */
export const status = (
  properties: Record<string, JSONSchemaProps> = {},
  description = 'Most recently observed state, written by the controllers.',
): JSONSchemaProps => openObj(properties, description);

/** How root `metadata` appears in every ResourceType schema (see objectSchema). */
export const ROOT_METADATA: JSONSchemaProps = {
  type: 'object',
  'x-kubernetes-preserve-unknown-fields': true,
};

/**
 * The schema of a whole object. Root `metadata` is ObjectMeta, which API machinery validates
 * itself; it is declared open here so no schema walker prunes labels or annotations.
 */
export const objectSchema = (
  description: string,
  fields: Record<string, JSONSchemaProps>,
  required: string[] = [],
): JSONSchemaProps => ({
  type: 'object',
  description,
  properties: {
    apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
    kind: str('Kind is a string value representing the REST resource this object represents.'),
    metadata: ROOT_METADATA,
    ...fields,
  },
  ...(required.length ? { required } : {}),
});
