// OpenAPI documents for kubectl and client libraries, built from the registry's ResourceTypes.
//
// What kubectl reads (found by running kubectl 1.32 against a stub server):
// - `kubectl explain` (default output) reads GET /openapi/v3, then the serverRelativeURL of
//   `apis/<group>/<version>` (or `api/v1`). Its template looks for a path
//   `/apis/<g>/<v>[/namespaces/{namespace}]/<plural>[/{name}]` with a get/post/put/patch/delete
//   operation carrying `x-kubernetes-group-version-kind` as an OBJECT, then for a
//   components.schemas entry whose `x-kubernetes-group-version-kind` LIST contains exactly that
//   object (group included, "" for core). Fields are followed through properties, items,
//   additionalProperties, allOf and $ref.
// - `kubectl create/apply/replace` check that the PATCH operation of the kind (matched by the
//   same extension) lists a `fieldValidation` query parameter; if so they leave validation to
//   the server, otherwise they fall back to client-side validation from /openapi/v2.
// - /openapi/v2 is only ever fetched as protobuf (Accept: application/com.github.proto-openapi
//   .spec.v2@v1.0+protobuf; gnostic's openapi_v2.Document): `explain --output=plaintext-openapiv2`,
//   `explain` when /openapi/v3 fails, that validation fallback, and the strategic-merge hints
//   of client-side apply for built-in kinds (CRD kinds get JSON merge patches). JSON is for
//   humans.
//
// All builders are pure: the API server caches their output.
import { createHash } from 'node:crypto';
import type { JSONSchemaProps, ResourceType } from '../types';

type JsonObject = Record<string, unknown>;
type Flavor = 'v2' | 'v3';

export const OPENAPI_V2_PROTOBUF_ACCEPT =
  'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** The Content-Type kube-apiserver answers protobuf OpenAPI v2 with. */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE =
  'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const INFO = { title: 'Kubernetes', version: 'unversioned' };
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const OBJECT_META = `${META}.ObjectMeta`;
const LIST_META = `${META}.ListMeta`;
const OWNER_REFERENCE = `${META}.OwnerReference`;
const MANAGED_FIELDS_ENTRY = `${META}.ManagedFieldsEntry`;
const STATUS = `${META}.Status`;
const DELETE_OPTIONS = `${META}.DeleteOptions`;
const PATCH = `${META}.Patch`;

/** Groups served by kube-apiserver itself: their models live under io.k8s.api.<name>. */
const BUILT_IN_GROUPS = new Set([
  'admissionregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
]);

/** Built-in kinds take strategic merge patches; CRDs (KubeVirt, CDI …) do not. */
export function isBuiltInGroup(group: string): boolean {
  return group === '' || BUILT_IN_GROUPS.has(group);
}

/** `io.kubevirt.v1.VirtualMachine`, `io.k8s.api.core.v1.Pod`, `io.k8s.api.apps.v1.Deployment`. */
export function openAPIDefinitionName(group: string, version: string, kind: string): string {
  let pkg: string;
  if (group === '') pkg = 'io.k8s.api.core';
  else if (group === 'apiextensions.k8s.io')
    pkg = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions';
  else if (group === 'apiregistration.k8s.io')
    pkg = 'io.k8s.kube-aggregator.pkg.apis.apiregistration';
  else if (BUILT_IN_GROUPS.has(group)) pkg = `io.k8s.api.${group.split('.')[0] ?? group}`;
  else pkg = group.split('.').reverse().join('.');
  return `${pkg}.${version}.${kind}`;
}

/** The key of a group-version in the /openapi/v3 index: `apis/kubevirt.io/v1` or `api/v1`. */
export function openAPIV3GroupVersionPath(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `apis/${type.group}/${type.version}` : `api/${type.version}`;
}

function gvk(type: ResourceType, kind = type.kind): JsonObject {
  return { group: type.group, version: type.version, kind };
}

function ref(flavor: Flavor, name: string): string {
  return flavor === 'v2' ? `#/definitions/${name}` : `#/components/schemas/${name}`;
}

/** v3 puts the $ref under allOf so a description can sit beside it, as kube-apiserver does. */
function refProperty(flavor: Flavor, name: string, description?: string): JsonObject {
  const target =
    flavor === 'v2' ? { $ref: ref(flavor, name) } : { allOf: [{ $ref: ref(flavor, name) }] };
  return description ? { ...target, description } : target;
}

// ---------------------------------------------------------------------------------------------
// Schemas

/** Swagger 2.0 has no `nullable`; v3 spells int-or-string as anyOf, like kube-apiserver. */
function convertSchema(schema: JSONSchemaProps, flavor: Flavor): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema) as [keyof JSONSchemaProps, unknown][]) {
    if (value === undefined || (key === 'nullable' && flavor === 'v2')) continue;
    out[key] = structuredClone(value);
  }
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, prop]) => [name, convertSchema(prop, flavor)]),
    );
  }
  if (schema.items) out.items = convertSchema(schema.items, flavor);
  if (typeof schema.additionalProperties === 'object') {
    out.additionalProperties = convertSchema(schema.additionalProperties, flavor);
  }
  if (schema['x-kubernetes-int-or-string'] && flavor === 'v3') {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  return out;
}

const TYPE_META_DESCRIPTIONS = {
  apiVersion:
    'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.',
  kind: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.',
};

function typeMetaProperties(): JsonObject {
  return {
    apiVersion: { description: TYPE_META_DESCRIPTIONS.apiVersion, type: 'string' },
    kind: { description: TYPE_META_DESCRIPTIONS.kind, type: 'string' },
  };
}

function kindDefinition(type: ResourceType, flavor: Flavor): JsonObject {
  // No schema means anything goes, as for a CRD with x-kubernetes-preserve-unknown-fields.
  const schema = type.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const converted = convertSchema(schema, flavor);
  const own = { ...((converted.properties as JsonObject | undefined) ?? {}) };
  delete own.apiVersion;
  delete own.kind;
  delete own.metadata;
  return {
    ...converted,
    type: 'object',
    properties: {
      ...typeMetaProperties(),
      metadata: refProperty(flavor, OBJECT_META, "Standard object's metadata."),
      ...own,
    },
    'x-kubernetes-group-version-kind': [gvk(type)],
  };
}

function listDefinition(type: ResourceType, flavor: Flavor): JsonObject {
  return {
    description: `${type.listKind} is a list of ${type.kind}.`,
    type: 'object',
    required: ['items'],
    properties: {
      ...typeMetaProperties(),
      items: {
        description: `List of ${type.plural}.`,
        type: 'array',
        items: refProperty(flavor, openAPIDefinitionName(type.group, type.version, type.kind)),
      },
      metadata: refProperty(flavor, LIST_META, "Standard list's metadata."),
    },
    'x-kubernetes-group-version-kind': [gvk(type, type.listKind)],
  };
}

const str = (description: string): JsonObject => ({ description, type: 'string' });
const int64 = (description: string): JsonObject => ({
  description,
  type: 'integer',
  format: 'int64',
});
const bool = (description: string): JsonObject => ({ description, type: 'boolean' });
const time = (description: string): JsonObject => ({ ...str(description), format: 'date-time' });
const stringMap = (description: string): JsonObject => ({
  description,
  type: 'object',
  additionalProperties: { type: 'string' },
});
const object = (
  description: string,
  properties: JsonObject,
  extra: JsonObject = {},
): JsonObject => ({
  description,
  type: 'object',
  properties,
  ...extra,
});

/** The meta.v1 models every kind refers to: small, but enough for explain and merge hints. */
function metaDefinitions(flavor: Flavor): Record<string, JsonObject> {
  const arrayOf = (name: string, description: string, extra: JsonObject = {}) => ({
    description,
    type: 'array',
    items: refProperty(flavor, name),
    ...extra,
  });
  return {
    [OBJECT_META]: object('ObjectMeta is metadata that all persisted resources must have.', {
      annotations: stringMap('Unstructured key value map stored with a resource.'),
      creationTimestamp: time('When this object was created (RFC 3339).'),
      deletionGracePeriodSeconds: int64('Seconds allowed for graceful termination.'),
      deletionTimestamp: time('When this object will be deleted (RFC 3339).'),
      finalizers: {
        description: 'Must be empty before the object is deleted from the registry.',
        type: 'array',
        items: { type: 'string' },
        'x-kubernetes-list-type': 'set',
        'x-kubernetes-patch-strategy': 'merge',
      },
      generateName: str('Prefix for a server-generated unique name, used if name is not given.'),
      generation: int64('A sequence number representing a generation of the desired state.'),
      labels: stringMap('Map of string keys and values to organize and categorize objects.'),
      managedFields: arrayOf(MANAGED_FIELDS_ENTRY, 'Which managers own which fields.'),
      name: str('Name must be unique within a namespace.'),
      namespace: str('Namespace defines the space within which each name must be unique.'),
      ownerReferences: arrayOf(OWNER_REFERENCE, 'Objects depended on by this object.', {
        'x-kubernetes-list-map-keys': ['uid'],
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-patch-merge-key': 'uid',
        'x-kubernetes-patch-strategy': 'merge',
      }),
      resourceVersion: str('Opaque version of this object, for concurrency control and watches.'),
      selfLink: str('Deprecated; not set by the server.'),
      uid: str('Unique in time and space value for this object, set by the server.'),
    }),
    [LIST_META]: object('ListMeta describes metadata that synthetic resources must have.', {
      continue: str('Token to retrieve the next page of a limited list.'),
      remainingItemCount: int64('Items left after this page.'),
      resourceVersion: str('Version of the list, for watches.'),
      selfLink: str('Deprecated; not set by the server.'),
    }),
    [OWNER_REFERENCE]: object(
      'Enough information to identify an owning object in the same namespace.',
      {
        apiVersion: str('API version of the referent.'),
        blockOwnerDeletion: bool('Whether the owner waits for this object on foreground deletion.'),
        controller: bool('Whether this reference points to the managing controller.'),
        kind: str('Kind of the referent.'),
        name: str('Name of the referent.'),
        uid: str('UID of the referent.'),
      },
      { required: ['apiVersion', 'kind', 'name', 'uid'], 'x-kubernetes-map-type': 'atomic' },
    ),
    [MANAGED_FIELDS_ENTRY]: object('A field manager, the fields it owns and how it wrote them.', {
      apiVersion: str('Version of the resource the fieldset applies to.'),
      fieldsType: str('Format of the fields field; only FieldsV1.'),
      fieldsV1: { description: 'The set of fields managed.', type: 'object' },
      manager: str('The manager managing the fields.'),
      operation: str('Apply or Update.'),
      subresource: str('Subresource the fields were written through, if any.'),
      time: time('When the fields were last changed.'),
    }),
    [STATUS]: object(
      'Status is a return value for calls that do not return other objects.',
      {
        ...typeMetaProperties(),
        code: { description: 'Suggested HTTP return code.', type: 'integer', format: 'int32' },
        details: {
          description: 'Extended data.',
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
        },
        message: str('Human-readable description of the status.'),
        metadata: refProperty(flavor, LIST_META),
        reason: str('Machine-readable description of why the operation failed.'),
        status: str('Success or Failure.'),
      },
      { 'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Status' }] },
    ),
    [DELETE_OPTIONS]: object('DeleteOptions may be provided when deleting an API object.', {
      ...typeMetaProperties(),
      dryRun: { description: 'All: do not persist.', type: 'array', items: { type: 'string' } },
      gracePeriodSeconds: int64('Seconds before the object should be deleted.'),
      propagationPolicy: str('Orphan, Background or Foreground.'),
    }),
    [PATCH]: { description: 'The body of a PATCH request.', type: 'object' },
  };
}

function definitionsFor(types: ResourceType[], flavor: Flavor): Record<string, JsonObject> {
  const definitions = metaDefinitions(flavor);
  for (const type of types) {
    const { group, version } = type;
    definitions[openAPIDefinitionName(group, version, type.kind)] = kindDefinition(type, flavor);
    if (type.verbs.includes('list')) {
      definitions[openAPIDefinitionName(group, version, type.listKind)] = listDefinition(
        type,
        flavor,
      );
    }
  }
  return definitions;
}

// ---------------------------------------------------------------------------------------------
// Paths

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type ParamType = 'string' | 'boolean' | 'integer';

const QUERY_PARAMETERS: Record<string, [ParamType, string]> = {
  continue: ['string', 'Token from a previous list call, to get the next page.'],
  dryRun: ['string', 'All: process the request without persisting it.'],
  fieldManager: ['string', 'Name of the actor making the change.'],
  fieldSelector: ['string', 'Restrict the list by fields.'],
  fieldValidation: [
    'string',
    'Ignore, Warn or Strict: what to do with unknown or duplicate fields.',
  ],
  force: ['boolean', 'Force apply requests to take conflicting fields.'],
  gracePeriodSeconds: ['integer', 'Seconds before the object should be deleted.'],
  labelSelector: ['string', 'Restrict the list by labels.'],
  limit: ['integer', 'Maximum number of items to return.'],
  propagationPolicy: ['string', 'Orphan, Background or Foreground.'],
  resourceVersion: ['string', 'Which version of the resource to serve.'],
  timeoutSeconds: ['integer', 'Timeout for list and watch calls.'],
  watch: ['boolean', 'Watch for changes instead of listing.'],
};

const WRITE = ['dryRun', 'fieldManager', 'fieldValidation'];
const DELETE = ['dryRun', 'gracePeriodSeconds', 'propagationPolicy'];
const LIST = ['labelSelector', 'fieldSelector', 'limit', 'continue', 'resourceVersion'];

type Model = 'kind' | 'list' | 'status' | 'patch' | 'delete';

/** What each x-kubernetes-action looks like, whatever the kind. */
interface ActionSpec {
  /** The discovery verb that offers it. */
  verb: string;
  method: Method;
  /** operationId prefix, as kube-apiserver names them (readCoreV1Namespace …). */
  id: string;
  describe: string;
  query: string[];
  body?: Model;
  response: Model;
  codes: string[];
}

type Action = 'list' | 'post' | 'deletecollection' | 'get' | 'put' | 'patch' | 'delete';

const ACTIONS: Record<Action, ActionSpec> = {
  list: {
    verb: 'list',
    method: 'get',
    id: 'list',
    describe: 'list or watch objects of kind',
    query: [...LIST, 'timeoutSeconds', 'watch'],
    response: 'list',
    codes: ['200'],
  },
  post: {
    verb: 'create',
    method: 'post',
    id: 'create',
    describe: 'create a',
    query: WRITE,
    body: 'kind',
    response: 'kind',
    codes: ['200', '201', '202'],
  },
  deletecollection: {
    verb: 'deletecollection',
    method: 'delete',
    id: 'deleteCollection',
    describe: 'delete collection of',
    query: [...DELETE, ...LIST],
    body: 'delete',
    response: 'status',
    codes: ['200'],
  },
  get: {
    verb: 'get',
    method: 'get',
    id: 'read',
    describe: 'read the specified',
    query: [],
    response: 'kind',
    codes: ['200'],
  },
  put: {
    verb: 'update',
    method: 'put',
    id: 'replace',
    describe: 'replace the specified',
    query: WRITE,
    body: 'kind',
    response: 'kind',
    codes: ['200', '201'],
  },
  patch: {
    verb: 'patch',
    method: 'patch',
    id: 'patch',
    describe: 'partially update the specified',
    query: [...WRITE, 'force'],
    body: 'patch',
    response: 'kind',
    codes: ['200', '201'],
  },
  delete: {
    verb: 'delete',
    method: 'delete',
    id: 'delete',
    describe: 'delete a',
    query: DELETE,
    body: 'delete',
    response: 'status',
    codes: ['200', '202'],
  },
};

interface OperationSpec {
  action: Action;
  template: ActionSpec;
  operationId: string;
  body?: string;
  response: string;
}

interface PathSpec {
  path: string;
  pathParameters: ('name' | 'namespace')[];
  operations: OperationSpec[];
}

function camel(text: string): string {
  return text
    .split(/[.-]/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}

function tagFor(type: ResourceType): string {
  const group = type.group ? camel(type.group) : 'Core';
  return `${group[0]?.toLowerCase()}${group.slice(1)}_${type.version}`;
}

function pathSpecs(type: ResourceType): PathSpec[] {
  const { group, version, kind, plural } = type;
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const collection = type.namespaced
    ? `${prefix}/namespaces/{namespace}/${plural}`
    : `${prefix}/${plural}`;
  const scope: PathSpec['pathParameters'] = type.namespaced ? ['namespace'] : [];
  const gv = `${group ? camel(group) : 'Core'}${camel(version)}`;
  const models = {
    kind: openAPIDefinitionName(group, version, kind),
    list: openAPIDefinitionName(group, version, type.listKind),
    status: STATUS,
    patch: PATCH,
    delete: DELETE_OPTIONS,
  };
  const operations = (actions: Action[], idSuffix = '', allNamespaces = false) =>
    actions
      .filter((action) => type.verbs.includes(ACTIONS[action].verb))
      .map((action): OperationSpec => {
        const template = ACTIONS[action];
        const namespaced = !allNamespaces && type.namespaced ? 'Namespaced' : '';
        const suffix = allNamespaces ? 'ForAllNamespaces' : idSuffix;
        return {
          action,
          template,
          operationId: `${template.id}${gv}${namespaced}${kind}${suffix}`,
          body: template.body && models[template.body],
          response: models[template.response],
        };
      });
  const specs: PathSpec[] = [
    {
      path: collection,
      pathParameters: scope,
      operations: operations(['list', 'post', 'deletecollection']),
    },
    {
      path: `${collection}/{name}`,
      pathParameters: [...scope, 'name'],
      operations: operations(['get', 'put', 'patch', 'delete']),
    },
  ];
  if (type.namespaced) {
    specs.push({
      path: `${prefix}/${plural}`,
      pathParameters: [],
      operations: operations(['list'], '', true),
    });
  }
  if (type.subresources?.status) {
    specs.push({
      path: `${collection}/{name}/status`,
      pathParameters: [...scope, 'name'],
      operations: operations(['get', 'put', 'patch'], 'Status'),
    });
  }
  return specs.filter((spec) => spec.operations.length > 0);
}

function patchContentTypes(type: ResourceType): string[] {
  const types = [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
  ];
  return isBuiltInGroup(type.group) ? [...types, 'application/strategic-merge-patch+json'] : types;
}

const PATH_PARAMETER_DESCRIPTIONS = {
  name: 'name of the object',
  namespace: 'object name and auth scope, such as for teams and projects',
};

const RESPONSE_TEXT: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };

/** The parts of an operation both OpenAPI versions share. */
function operationBase(type: ResourceType, spec: OperationSpec): JsonObject {
  const { template } = spec;
  return {
    tags: [tagFor(type)],
    description: `${template.describe} ${type.kind}`,
    operationId: spec.operationId,
    'x-kubernetes-action': spec.action,
    'x-kubernetes-group-version-kind': gvk(type),
  };
}

function renderV2Operation(type: ResourceType, spec: OperationSpec): JsonObject {
  const parameters: JsonObject[] = [];
  if (spec.body) {
    parameters.push({
      name: 'body',
      in: 'body',
      required: true,
      schema: { $ref: ref('v2', spec.body) },
    });
  }
  for (const name of spec.template.query) {
    const [type_, description] = QUERY_PARAMETERS[name] ?? ['string', ''];
    parameters.push({ uniqueItems: true, type: type_, description, name, in: 'query' });
  }
  const responses: JsonObject = {};
  for (const code of spec.template.codes) {
    responses[code] = {
      description: RESPONSE_TEXT[code],
      schema: { $ref: ref('v2', spec.response) },
    };
  }
  responses['401'] = { description: 'Unauthorized' };
  return {
    ...operationBase(type, spec),
    consumes: spec.template.method === 'patch' ? patchContentTypes(type) : ['*/*'],
    produces: ['application/json', 'application/yaml'],
    schemes: ['https'],
    parameters,
    responses,
  };
}

function renderV3Operation(type: ResourceType, spec: OperationSpec): JsonObject {
  const parameters = spec.template.query.map((name) => {
    const [type_, description] = QUERY_PARAMETERS[name] ?? ['string', ''];
    return { name, in: 'query', description, schema: { type: type_, uniqueItems: true } };
  });
  const schema = (name: string) => ({ schema: { $ref: ref('v3', name) } });
  const responses: JsonObject = {};
  for (const code of spec.template.codes) {
    const content = {
      'application/json': schema(spec.response),
      'application/yaml': schema(spec.response),
    };
    responses[code] = { description: RESPONSE_TEXT[code], content };
  }
  responses['401'] = { description: 'Unauthorized' };
  const body = spec.body;
  const contentTypes = spec.template.method === 'patch' ? patchContentTypes(type) : ['*/*'];
  const requestBody = body && {
    content: Object.fromEntries(contentTypes.map((contentType) => [contentType, schema(body)])),
    required: true,
  };
  return {
    ...operationBase(type, spec),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

function pathParameter(flavor: Flavor, name: 'name' | 'namespace'): JsonObject {
  const description = PATH_PARAMETER_DESCRIPTIONS[name];
  return flavor === 'v2'
    ? { uniqueItems: true, type: 'string', description, name, in: 'path', required: true }
    : {
        name,
        in: 'path',
        description,
        required: true,
        schema: { type: 'string', uniqueItems: true },
      };
}

function pathsFor(types: ResourceType[], flavor: Flavor): Record<string, JsonObject> {
  const paths: Record<string, JsonObject> = {};
  for (const type of types) {
    for (const spec of pathSpecs(type)) {
      const item: JsonObject = {};
      for (const operation of spec.operations) {
        item[operation.template.method] =
          flavor === 'v2' ? renderV2Operation(type, operation) : renderV3Operation(type, operation);
      }
      if (spec.pathParameters.length > 0) {
        item.parameters = spec.pathParameters.map((name) => pathParameter(flavor, name));
      }
      paths[spec.path] = item;
    }
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------
// Documents

/** GET /openapi/v2 (swagger 2.0). kubectl wants it as protobuf: see encodeOpenAPIV2Protobuf. */
export function buildOpenAPIV2(types: ResourceType[]): JsonObject {
  return {
    swagger: '2.0',
    info: { ...INFO },
    paths: pathsFor(types, 'v2'),
    definitions: definitionsFor(types, 'v2'),
  };
}

/** Accepts `apis/kubevirt.io/v1`, `/openapi/v3/apis/kubevirt.io/v1?hash=…` and the like. */
function normalizeGroupVersionPath(path: string): string {
  return (path.split('?')[0] ?? '')
    .replace(/^\/+/, '')
    .replace(/^openapi\/v3\//, '')
    .replace(/\/+$/, '');
}

/** GET /openapi/v3/<groupVersionPath>; undefined when no kind is served there (404). */
export function buildOpenAPIV3GroupVersion(
  types: ResourceType[],
  groupVersionPath: string,
): JsonObject | undefined {
  const wanted = normalizeGroupVersionPath(groupVersionPath);
  const served = types.filter((type) => openAPIV3GroupVersionPath(type) === wanted);
  if (served.length === 0) return undefined;
  return {
    openapi: '3.0.0',
    info: { ...INFO },
    paths: pathsFor(served, 'v3'),
    components: { schemas: definitionsFor(served, 'v3') },
  };
}

export interface OpenAPIV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

/**
 * GET /openapi/v3. The hash is the SHA-512 of the group-version document, so clients may cache
 * a serverRelativeURL for good (kube-apiserver answers those with Cache-Control immutable).
 */
export function buildOpenAPIV3Index(types: ResourceType[]): OpenAPIV3Index {
  const groupVersions = [...new Set(types.map(openAPIV3GroupVersionPath))].sort();
  const paths: OpenAPIV3Index['paths'] = {};
  for (const gvPath of groupVersions) {
    const doc = buildOpenAPIV3GroupVersion(types, gvPath);
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
    paths[gvPath] = { serverRelativeURL: `/openapi/v3/${gvPath}?hash=${hash}` };
  }
  return { paths };
}

// ---------------------------------------------------------------------------------------------
// Protobuf encoding of the v2 document (gnostic's openapi_v2.Document, OpenAPIv2.proto), the
// only form kubectl accepts from /openapi/v2. Only the messages and fields this builder emits
// are encoded; vendor extensions and enum/default values travel as YAML text (JSON is YAML).

class ProtoWriter {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): void {
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private varint(value: number): void {
    const bytes: number[] = [];
    let n = value;
    while (n > 127) {
      bytes.push((n % 128) | 128);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
    this.push(Uint8Array.from(bytes));
  }

  private key(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  string(field: number, value: unknown): this {
    if (typeof value !== 'string') return this;
    const bytes = Buffer.from(value, 'utf8');
    this.key(field, 2);
    this.varint(bytes.length);
    this.push(bytes);
    return this;
  }

  strings(field: number, values: unknown): this {
    if (Array.isArray(values)) for (const value of values) this.string(field, value);
    return this;
  }

  bool(field: number, value: unknown): this {
    if (typeof value !== 'boolean') return this;
    this.key(field, 0);
    this.varint(value ? 1 : 0);
    return this;
  }

  /** int64 fields; the builder only emits non-negative counts. */
  int(field: number, value: unknown): this {
    if (typeof value !== 'number' || value < 0 || !Number.isInteger(value)) return this;
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  double(field: number, value: unknown): this {
    if (typeof value !== 'number') return this;
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleLE(value);
    this.key(field, 1);
    this.push(bytes);
    return this;
  }

  message(field: number, inner: ProtoWriter): this {
    this.key(field, 2);
    this.varint(inner.size);
    for (const part of inner.parts) this.push(part);
    return this;
  }

  finish(): Uint8Array {
    return Buffer.concat(this.parts, this.size);
  }
}

function record(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : {};
}

/** openapi_v2.Any: { yaml = 2 }. */
function encodeAny(value: unknown): ProtoWriter {
  return new ProtoWriter().string(2, JSON.stringify(value));
}

/** repeated NamedAny { name = 1; value = 2 } for every `x-` key. */
function encodeExtensions(writer: ProtoWriter, field: number, object: JsonObject): void {
  for (const [name, value] of Object.entries(object)) {
    if (name.startsWith('x-'))
      writer.message(field, new ProtoWriter().string(1, name).message(2, encodeAny(value)));
  }
}

function encodeSchema(schema: JsonObject): ProtoWriter {
  const w = new ProtoWriter()
    .string(1, schema.$ref)
    .string(2, schema.format)
    .string(3, schema.title)
    .string(4, schema.description);
  if (schema.default !== undefined) w.message(5, encodeAny(schema.default));
  w.double(7, schema.maximum).double(9, schema.minimum);
  w.int(11, schema.maxLength).int(12, schema.minLength).string(13, schema.pattern);
  w.int(14, schema.maxItems).int(15, schema.minItems).bool(16, schema.uniqueItems);
  w.strings(19, schema.required);
  if (Array.isArray(schema.enum)) for (const value of schema.enum) w.message(20, encodeAny(value));
  const additional = schema.additionalProperties;
  if (typeof additional === 'boolean') w.message(21, new ProtoWriter().bool(2, additional));
  else if (additional !== undefined)
    w.message(21, new ProtoWriter().message(1, encodeSchema(record(additional))));
  if (typeof schema.type === 'string') w.message(22, new ProtoWriter().string(1, schema.type));
  if (schema.items !== undefined)
    w.message(23, new ProtoWriter().message(1, encodeSchema(record(schema.items))));
  if (Array.isArray(schema.allOf))
    for (const part of schema.allOf) w.message(24, encodeSchema(record(part)));
  if (schema.properties !== undefined) {
    const properties = new ProtoWriter();
    for (const [name, prop] of Object.entries(record(schema.properties))) {
      properties.message(
        1,
        new ProtoWriter().string(1, name).message(2, encodeSchema(record(prop))),
      );
    }
    w.message(25, properties);
  }
  encodeExtensions(w, 31, schema);
  return w;
}

/** ParametersItem { Parameter parameter = 1 } → Parameter { body = 1 | non_body = 2 }. */
function encodeParameter(param: JsonObject): ProtoWriter {
  let parameter: ProtoWriter;
  if (param.in === 'body') {
    const body = new ProtoWriter()
      .string(1, param.description)
      .string(2, param.name)
      .string(3, param.in);
    body.bool(4, param.required).message(5, encodeSchema(record(param.schema)));
    parameter = new ProtoWriter().message(1, body);
  } else {
    // Query and path sub-schemas share their first fields but not `type` and `unique_items`.
    const isPath = param.in === 'path';
    const sub = new ProtoWriter()
      .bool(1, param.required)
      .string(2, param.in)
      .string(3, param.description);
    sub
      .string(4, param.name)
      .string(isPath ? 5 : 6, param.type)
      .bool(isPath ? 19 : 20, param.uniqueItems);
    parameter = new ProtoWriter().message(2, new ProtoWriter().message(isPath ? 4 : 3, sub));
  }
  return new ProtoWriter().message(1, parameter);
}

function encodeOperation(op: JsonObject): ProtoWriter {
  const w = new ProtoWriter()
    .strings(1, op.tags)
    .string(3, op.description)
    .string(5, op.operationId);
  w.strings(6, op.produces).strings(7, op.consumes);
  if (Array.isArray(op.parameters))
    for (const p of op.parameters) w.message(8, encodeParameter(record(p)));
  const responses = new ProtoWriter();
  for (const [code, value] of Object.entries(record(op.responses))) {
    const response = new ProtoWriter().string(1, record(value).description);
    const schema = record(value).schema;
    if (schema !== undefined)
      response.message(2, new ProtoWriter().message(1, encodeSchema(record(schema))));
    const responseValue = new ProtoWriter().message(1, response);
    responses.message(1, new ProtoWriter().string(1, code).message(2, responseValue));
  }
  w.message(9, responses).strings(10, op.schemes);
  encodeExtensions(w, 13, op);
  return w;
}

const PATH_ITEM_FIELDS: Record<Method, number> = { get: 2, put: 3, post: 4, delete: 5, patch: 8 };

function encodePathItem(item: JsonObject): ProtoWriter {
  const w = new ProtoWriter();
  for (const [method, field] of Object.entries(PATH_ITEM_FIELDS)) {
    if (item[method] !== undefined) w.message(field, encodeOperation(record(item[method])));
  }
  if (Array.isArray(item.parameters))
    for (const p of item.parameters) w.message(9, encodeParameter(record(p)));
  return w;
}

/** The protobuf form of a buildOpenAPIV2 document, for Accept: OPENAPI_V2_PROTOBUF_ACCEPT. */
export function encodeOpenAPIV2Protobuf(doc: JsonObject): Uint8Array {
  const info = record(doc.info);
  const w = new ProtoWriter().string(1, doc.swagger);
  w.message(2, new ProtoWriter().string(1, info.title).string(2, info.version));
  const paths = new ProtoWriter();
  for (const [path, item] of Object.entries(record(doc.paths))) {
    paths.message(2, new ProtoWriter().string(1, path).message(2, encodePathItem(record(item))));
  }
  w.message(8, paths);
  const definitions = new ProtoWriter();
  for (const [name, schema] of Object.entries(record(doc.definitions))) {
    definitions.message(
      1,
      new ProtoWriter().string(1, name).message(2, encodeSchema(record(schema))),
    );
  }
  w.message(9, definitions);
  return w.finish();
}
