// ResourceType ⇄ apiextensions.k8s.io/v1 CustomResourceDefinition. The registry's own
// CRD-backed kinds are published as CRD objects (as `oc get crd` shows them in a real
// cluster), and CRDs users create become kinds the API server serves: new kinds are data.
import type {
  JSONSchemaProps,
  KubeObject,
  PrinterColumn,
  ResourceType,
  StatusCause,
} from '../types';
import { STANDARD_VERBS } from './define';
import { ROOT_METADATA } from './schema';
import { structuralProblems } from './structural';

/**
 * Immutable fields have no CRD field of their own; they travel in this annotation as a JSON
 * array of pointers (`["/spec"]`), so a CRD can declare them and the round trip keeps them.
 */
export const IMMUTABLE_FIELDS_ANNOTATION =
  'embedded-cluster.virtualization-plugin/immutable-fields';

/** Groups Kubernetes and OpenShift serve natively (or through aggregated API servers). */
const BUILT_IN_GROUPS = new Set([
  '',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apps',
  'batch',
  'authorization.k8s.io',
  'apiextensions.k8s.io',
  'events.k8s.io',
  'project.openshift.io',
  'template.openshift.io',
  'upload.cdi.kubevirt.io',
]);

const sameVerbs = (verbs: string[]): boolean =>
  verbs.length === STANDARD_VERBS.length && STANDARD_VERBS.every((v) => verbs.includes(v));

/**
 * Whether a real cluster serves this kind from a CustomResourceDefinition (KubeVirt, CDI,
 * snapshots, NADs, console kinds, anything users add). Such kinds appear in
 * `customresourcedefinitions`, and refuse strategic-merge patches (415), as Kubernetes does.
 */
export const servedAsCustomResource = (rt: ResourceType): boolean =>
  !BUILT_IN_GROUPS.has(rt.group) && sameVerbs(rt.verbs);

const clone = <T>(value: T): T => structuredClone(value);

/** Root schema as a CRD carries it: `metadata` is plain `type: object` there. */
const toCRDSchema = (schema: JSONSchemaProps | undefined): JSONSchemaProps => {
  if (!schema) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const copy = clone(schema);
  if (copy.properties?.metadata) copy.properties.metadata = { type: 'object' };
  return copy;
};

/** Root schema as the registry holds it: apiVersion, kind and open metadata always allowed. */
const fromCRDSchema = (schema: JSONSchemaProps): JSONSchemaProps => {
  const copy = clone(schema);
  if (!copy.properties && copy['x-kubernetes-preserve-unknown-fields']) return copy;
  copy.properties = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    ...copy.properties,
    metadata: ROOT_METADATA,
  };
  return copy;
};

const crdVersion = (rt: ResourceType, storage: boolean) => ({
  name: rt.version,
  served: true,
  storage,
  schema: { openAPIV3Schema: toCRDSchema(rt.schema) },
  ...(rt.subresources
    ? {
        subresources: {
          ...(rt.subresources.status ? { status: {} } : {}),
          ...(rt.subresources.scale ? { scale: clone(rt.subresources.scale) } : {}),
        },
      }
    : {}),
  ...(rt.printerColumns ? { additionalPrinterColumns: clone(rt.printerColumns) } : {}),
});

/**
 * One CRD for the versions of one kind (same group and plural); the first version is the
 * storage version. Throws for what a CRD cannot express: the core group, or verbs other than
 * the standard set (access reviews, upload tokens, processed templates).
 */
export const crdFromResourceTypes = (versions: ResourceType[]): KubeObject => {
  const [first] = versions;
  if (!first) throw new Error('crdFromResourceTypes needs at least one version');
  for (const rt of versions) {
    if (!rt.group.includes('.')) {
      throw new Error(`${rt.plural}: a CustomResourceDefinition needs a group with a dot`);
    }
    if (!sameVerbs(rt.verbs)) {
      throw new Error(
        `${rt.plural}.${rt.group}: verbs ${rt.verbs.join(',')} cannot be served from a CRD`,
      );
    }
    if (rt.group !== first.group || rt.plural !== first.plural || rt.kind !== first.kind) {
      throw new Error(
        `${rt.plural}.${rt.group}: versions of one CRD must share group, plural and kind`,
      );
    }
  }
  const names = {
    plural: first.plural,
    singular: first.singular,
    kind: first.kind,
    listKind: first.listKind,
    ...(first.shortNames ? { shortNames: [...first.shortNames] } : {}),
    ...(first.categories ? { categories: [...first.categories] } : {}),
  };
  const immutable = first.immutableFields;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${first.plural}.${first.group}`,
      ...(immutable?.length
        ? { annotations: { [IMMUTABLE_FIELDS_ANNOTATION]: JSON.stringify(immutable) } }
        : {}),
    },
    spec: {
      group: first.group,
      names,
      scope: first.namespaced ? 'Namespaced' : 'Cluster',
      versions: versions.map((rt, index) => crdVersion(rt, index === 0)),
    },
    status: {
      acceptedNames: clone(names),
      storedVersions: [first.version],
      conditions: [
        {
          type: 'NamesAccepted',
          status: 'True',
          reason: 'NoConflicts',
          message: 'no conflicts found',
        },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
    },
  };
};

/** The CustomResourceDefinition that would serve this kind. */
export const crdFromResourceType = (rt: ResourceType): KubeObject => crdFromResourceTypes([rt]);

/** CRD objects for the kinds a real cluster serves from CRDs, one per group and plural. */
export const customResourceDefinitionsFor = (types: readonly ResourceType[]): KubeObject[] => {
  const byName = new Map<string, ResourceType[]>();
  for (const rt of types.filter(servedAsCustomResource)) {
    const name = `${rt.plural}.${rt.group}`;
    byName.set(name, [...(byName.get(name) ?? []), rt]);
  }
  return [...byName.values()].map(crdFromResourceTypes);
};

// ---- reading CRDs users send ------------------------------------------------------------

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

const texts = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v): v is string => typeof v === 'string')
    ? [...value]
    : undefined;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const required = (field: string): StatusCause => ({
  type: 'FieldValueRequired',
  field,
  message: 'Required value',
});

const invalid = (field: string, message: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message,
});

/**
 * What makes a CustomResourceDefinition unservable, as the causes of a 422, following the
 * apiextensions validation people meet most (names, scope, exactly one storage version).
 */
export const validateCustomResourceDefinition = (crd: KubeObject): StatusCause[] => {
  const causes: StatusCause[] = [];
  const spec = isRecord(crd.spec) ? crd.spec : undefined;
  if (!spec) return [required('spec')];
  const group = text(spec.group);
  const names = isRecord(spec.names) ? spec.names : undefined;
  const plural = text(names?.plural);
  if (!group) causes.push(required('spec.group'));
  else if (!DNS_SUBDOMAIN.test(group) || !group.includes('.')) {
    causes.push(
      invalid('spec.group', `Invalid value: "${group}": should be a domain with at least one dot`),
    );
  }
  if (!names) causes.push(required('spec.names'));
  if (!plural) causes.push(required('spec.names.plural'));
  else if (!DNS_LABEL.test(plural))
    causes.push(invalid('spec.names.plural', `Invalid value: "${plural}"`));
  const singular = text(names?.singular);
  if (singular !== undefined && !DNS_LABEL.test(singular)) {
    causes.push(invalid('spec.names.singular', `Invalid value: "${singular}"`));
  }
  const kind = text(names?.kind);
  if (!kind) causes.push(required('spec.names.kind'));
  else if (!/^[A-Z][A-Za-z0-9]*$/.test(kind))
    causes.push(invalid('spec.names.kind', `Invalid value: "${kind}"`));
  if (group && plural && crd.metadata.name !== `${plural}.${group}`) {
    causes.push(
      invalid(
        'metadata.name',
        `Invalid value: "${crd.metadata.name ?? ''}": must be spec.names.plural+"."+spec.group`,
      ),
    );
  }
  const scope = text(spec.scope);
  if (scope !== 'Namespaced' && scope !== 'Cluster') {
    causes.push({
      type: 'FieldValueNotSupported',
      field: 'spec.scope',
      message: `Unsupported value: "${scope ?? ''}": supported values: "Cluster", "Namespaced"`,
    });
  }
  const versions = Array.isArray(spec.versions) ? spec.versions : [];
  if (versions.length === 0) causes.push(required('spec.versions'));
  let storage = 0;
  versions.forEach((version: unknown, i) => {
    const field = `spec.versions[${i}]`;
    if (!isRecord(version)) {
      causes.push(invalid(field, 'must be an object'));
      return;
    }
    const name = text(version.name);
    if (!name) causes.push(required(`${field}.name`));
    else if (!DNS_LABEL.test(name))
      causes.push(invalid(`${field}.name`, `Invalid value: "${name}"`));
    if (version.storage === true) storage++;
    const schema = isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
    if (!isRecord(schema)) causes.push(required(`${field}.schema.openAPIV3Schema`));
    else if (schema.type !== 'object') {
      causes.push(invalid(`${field}.schema.openAPIV3Schema.type`, 'must be object at the root'));
    } else {
      for (const problem of structuralProblems(schema as JSONSchemaProps)) {
        causes.push(invalid(`${field}.schema.openAPIV3Schema`, `not structural: ${problem}`));
      }
    }
    const columns = Array.isArray(version.additionalPrinterColumns)
      ? version.additionalPrinterColumns
      : [];
    columns.forEach((column: unknown, j) => {
      const path = isRecord(column) ? text(column.jsonPath) : undefined;
      if (!path?.startsWith('.')) {
        causes.push(
          invalid(
            `${field}.additionalPrinterColumns[${j}].jsonPath`,
            'must be a JSONPath starting with "."',
          ),
        );
      }
    });
  });
  if (versions.length && storage !== 1) {
    causes.push(
      invalid('spec.versions', 'must have exactly one version marked as storage version'),
    );
  }
  const annotation = crd.metadata.annotations?.[IMMUTABLE_FIELDS_ANNOTATION];
  if (annotation !== undefined && !immutableFieldsFrom(annotation)) {
    causes.push(
      invalid(
        `metadata.annotations[${IMMUTABLE_FIELDS_ANNOTATION}]`,
        'must be a JSON array of JSON pointers',
      ),
    );
  }
  return causes;
};

const immutableFieldsFrom = (annotation: string): string[] | undefined => {
  try {
    const parsed = texts(JSON.parse(annotation));
    return parsed?.every((p) => p.startsWith('/')) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

const printerColumnsFrom = (value: unknown): PrinterColumn[] | undefined => {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).map((column) => {
    const type = text(column.type);
    return {
      name: text(column.name) ?? '',
      type:
        type === 'integer' || type === 'number' || type === 'boolean' || type === 'date'
          ? type
          : 'string',
      jsonPath: text(column.jsonPath) ?? '',
      ...(text(column.description) !== undefined ? { description: text(column.description) } : {}),
      ...(text(column.format) !== undefined ? { format: text(column.format) } : {}),
      ...(typeof column.priority === 'number' ? { priority: column.priority } : {}),
    };
  });
};

const subresourcesFrom = (value: unknown): ResourceType['subresources'] | undefined => {
  if (!isRecord(value)) return undefined;
  const scale = isRecord(value.scale) ? value.scale : undefined;
  const specReplicasPath = text(scale?.specReplicasPath);
  const statusReplicasPath = text(scale?.statusReplicasPath);
  const labelSelectorPath = text(scale?.labelSelectorPath);
  return {
    ...(isRecord(value.status) ? { status: true } : {}),
    ...(specReplicasPath && statusReplicasPath
      ? {
          scale: {
            specReplicasPath,
            statusReplicasPath,
            ...(labelSelectorPath ? { labelSelectorPath } : {}),
          },
        }
      : {}),
  };
};

/**
 * The kinds a CRD serves, one per served version. Throws on a CRD that
 * validateCustomResourceDefinition refuses.
 */
export const resourceTypesFromCRD = (crd: KubeObject): ResourceType[] => {
  const causes = validateCustomResourceDefinition(crd);
  if (causes.length) {
    throw new Error(
      `invalid CustomResourceDefinition: ${causes.map((c) => `${c.field}: ${c.message}`).join('; ')}`,
    );
  }
  // validate() guarantees the shapes read below.
  const spec = crd.spec as Json;
  const names = spec.names as Json;
  const kind = text(names.kind) ?? '';
  const shortNames = texts(names.shortNames);
  const categories = texts(names.categories);
  const annotation = crd.metadata.annotations?.[IMMUTABLE_FIELDS_ANNOTATION];
  const immutableFields = annotation === undefined ? undefined : immutableFieldsFrom(annotation);
  const versions = (spec.versions as unknown[]).filter(isRecord);
  const storageFirst = [
    ...versions.filter((v) => v.storage === true),
    ...versions.filter((v) => v.storage !== true),
  ];
  return storageFirst
    .filter((version) => version.served !== false)
    .map((version): ResourceType => {
      const schemaHolder = version.schema as Json;
      const subresources = subresourcesFrom(version.subresources);
      const printerColumns = printerColumnsFrom(version.additionalPrinterColumns);
      return {
        group: text(spec.group) ?? '',
        version: text(version.name) ?? '',
        kind,
        listKind: text(names.listKind) ?? `${kind}List`,
        plural: text(names.plural) ?? '',
        singular: text(names.singular) ?? kind.toLowerCase(),
        namespaced: spec.scope === 'Namespaced',
        ...(shortNames?.length ? { shortNames } : {}),
        ...(categories?.length ? { categories } : {}),
        verbs: [...STANDARD_VERBS],
        ...(subresources ? { subresources } : {}),
        ...(printerColumns ? { printerColumns } : {}),
        schema: fromCRDSchema(schemaHolder.openAPIV3Schema as JSONSchemaProps),
        ...(immutableFields?.length ? { immutableFields } : {}),
      };
    });
};

/** The kind a CRD serves in its storage version. */
export const resourceTypeFromCRD = (crd: KubeObject): ResourceType => {
  const [storage] = resourceTypesFromCRD(crd);
  if (!storage)
    throw new Error(`CustomResourceDefinition ${crd.metadata.name ?? ''} serves no version`);
  return storage;
};
