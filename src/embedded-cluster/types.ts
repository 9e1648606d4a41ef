// The vocabulary every part of the embedded cluster shares: objects, resource types, users,
// errors. Kept free of behaviour so store, API, admission and RBAC can grow independently.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/** Any Kubernetes object as stored: plain JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** An OpenAPI v3 schema, as CustomResourceDefinitions carry them (structural subset). */
export interface JSONSchemaProps {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, JSONSchemaProps>;
  additionalProperties?: boolean | JSONSchemaProps;
  items?: JSONSchemaProps;
  required?: string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  /** Strategic-merge-patch hints, as the built-in types' OpenAPI carries them. */
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
}

/** A column of `kubectl get` output (CRD additionalPrinterColumns). */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  jsonPath: string;
  description?: string;
  format?: string;
  priority?: number;
}

/** Everything the API server needs to serve one kind. Built-in kinds and CRDs alike. */
export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Kubernetes verbs offered in discovery. Create-only kinds (reviews) list just `create`. */
  verbs: string[];
  subresources?: {
    status?: boolean;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  printerColumns?: PrinterColumn[];
  /** Absent: anything is accepted (x-kubernetes-preserve-unknown-fields). */
  schema?: JSONSchemaProps;
  /** Fields that may not change after creation, as JSON pointers (e.g. `/spec/storageClassName`). */
  immutableFields?: string[];
}

/** Who is calling. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
}

/** What a request wants to do, in RBAC terms. */
export interface RequestAttributes {
  verb: string; // get list watch create update patch delete deletecollection, or a custom verb
  apiGroup: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Set for non-resource URLs such as /version or /healthz. */
  nonResourceURL?: string;
}

/** A cause in a 422 Status: which field failed, and why. */
export interface StatusCause {
  type: string; // FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueDuplicate, FieldValueForbidden, FieldValueTypeInvalid, FieldValueInvalid
  message: string;
  field?: string; // e.g. spec.template.spec.domain.devices.disks[0].name
}
