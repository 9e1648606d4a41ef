// The registry of kinds the embedded cluster serves at start-up, checked once when loaded,
// and the lookups the API server needs on it. Kinds added later through
// CustomResourceDefinitions come from crd.ts.
import { monitoringTypes } from '../monitoring/prometheusRuleType';
import type { ResourceType } from '../types';
import { coreTypes } from './coreTypes';
import { STANDARD_VERBS } from './define';
import { openshiftTypes } from './openshiftTypes';
import { virtualizationTypes } from './virtualizationTypes';

export { AGE, CREATE_ONLY, STANDARD_VERBS, defineType } from './define';
export { coreTypes } from './coreTypes';
export { openshiftTypes } from './openshiftTypes';
export {
  kubevirtSubresources,
  SUBRESOURCES_GROUP,
  SUBRESOURCES_VERSION,
  virtualizationTypes,
} from './virtualizationTypes';
export type { KubevirtSubresource } from './virtualizationTypes';
export {
  crdFromResourceType,
  crdFromResourceTypes,
  customResourceDefinitionsFor,
  resourceTypeFromCRD,
  resourceTypesFromCRD,
  servedAsCustomResource,
  validateCustomResourceDefinition,
} from './crd';

const KNOWN_VERBS = new Set([...STANDARD_VERBS, 'proxy']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PRINTER_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'date']);

/** English plurals as Kubernetes forms them for kinds (`policy` → `policies`). */
const isPluralOf = (plural: string, singular: string): boolean =>
  plural === singular ||
  plural === `${singular}s` ||
  plural === `${singular}es` ||
  (singular.endsWith('y') && plural === `${singular.slice(0, -1)}ies`);

/**
 * Everything wrong with a set of kinds, as messages; empty when they can be served together.
 * Checks names (kubectl must resolve every plural, singular and short name to one resource),
 * verbs, printer columns and immutable-field pointers.
 */
export const registryProblems = (types: ResourceType[]): string[] => {
  const problems: string[] = [];
  const byResource = new Map<string, ResourceType>();
  const shortNameOwner = new Map<string, string>();
  const plurals = new Set(types.map((rt) => rt.plural));
  for (const rt of types) {
    const id = `${rt.plural}.${rt.group || 'core'}/${rt.version}`;
    const key = `${rt.group}/${rt.version}/${rt.plural}`;
    if (byResource.has(key))
      problems.push(`${id}: plural served twice in ${rt.group || 'core'}/${rt.version}`);
    byResource.set(key, rt);

    if (!DNS_LABEL.test(rt.plural)) problems.push(`${id}: plural must be a lower-case DNS label`);
    if (!DNS_LABEL.test(rt.singular))
      problems.push(`${id}: singular must be a lower-case DNS label`);
    if (!/^[A-Z][A-Za-z0-9]*$/.test(rt.kind)) problems.push(`${id}: kind must be CamelCase`);
    if (rt.listKind !== `${rt.kind}List`) problems.push(`${id}: listKind must be ${rt.kind}List`);
    if (!isPluralOf(rt.plural, rt.singular)) {
      problems.push(`${id}: plural ${rt.plural} is not a plural of ${rt.singular}`);
    }
    // A virtual resource may answer with another kind (processedtemplates → Template).
    const stored = rt.verbs.includes('get');
    if (stored && rt.singular.replace(/-/g, '') !== rt.kind.toLowerCase()) {
      problems.push(`${id}: singular ${rt.singular} does not name kind ${rt.kind}`);
    }

    if (rt.verbs.length === 0) problems.push(`${id}: no verbs`);
    for (const verb of rt.verbs) {
      if (!KNOWN_VERBS.has(verb)) problems.push(`${id}: unknown verb ${verb}`);
    }

    for (const shortName of rt.shortNames ?? []) {
      const owner = shortNameOwner.get(shortName);
      // The same resource in two groups (core and events.k8s.io events) may share a short
      // name: kubectl prefers the core group, as against a real cluster.
      if (owner !== undefined && owner !== rt.plural) {
        problems.push(`${id}: short name ${shortName} already names ${owner}`);
      }
      if (plurals.has(shortName) && shortName !== rt.plural) {
        problems.push(`${id}: short name ${shortName} is another resource's plural`);
      }
      shortNameOwner.set(shortName, rt.plural);
    }

    const columnNames = new Set<string>();
    for (const column of rt.printerColumns ?? []) {
      if (!column.jsonPath.startsWith('.')) {
        problems.push(`${id}: column ${column.name} jsonPath must start with "."`);
      }
      if (!PRINTER_TYPES.has(column.type))
        problems.push(`${id}: column ${column.name} type ${column.type}`);
      if (columnNames.has(column.name))
        problems.push(`${id}: column ${column.name} declared twice`);
      columnNames.add(column.name);
    }

    for (const pointer of rt.immutableFields ?? []) {
      if (!/^(\/[^/]+)+$/.test(pointer))
        problems.push(`${id}: immutable field ${pointer} is not a JSON pointer`);
    }
    if (rt.schema && rt.schema.type !== 'object')
      problems.push(`${id}: schema root must be an object`);
    if (rt.subresources?.scale && !rt.subresources.scale.specReplicasPath.startsWith('.spec.')) {
      problems.push(`${id}: scale specReplicasPath must be under .spec`);
    }
  }
  return problems;
};

const registry: ResourceType[] = [
  ...coreTypes,
  ...openshiftTypes,
  ...virtualizationTypes,
  ...monitoringTypes,
];
const problems = registryProblems(registry);
if (problems.length) {
  throw new Error(`embedded-cluster registry is inconsistent:\n  ${problems.join('\n  ')}`);
}

/**
 * Every kind the embedded cluster serves at start-up. Each call returns fresh copies, so the
 * caller may adjust them without touching the shared declarations.
 */
export const allResourceTypes = (): ResourceType[] => structuredClone(registry);

export const findType = (
  types: readonly ResourceType[],
  { group, version, plural }: { group: string; version: string; plural: string },
): ResourceType | undefined =>
  types.find((rt) => rt.group === group && rt.version === version && rt.plural === plural);

/**
 * The kind of an object by `apiVersion` (`v1`, `kubevirt.io/v1`) and `kind`. Where a kind is
 * also returned by a virtual resource (Template by processedtemplates), the stored one wins.
 */
export const typeByKind = (
  types: readonly ResourceType[],
  apiVersion: string,
  kind: string,
): ResourceType | undefined => {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  const matches = types.filter(
    (rt) => rt.group === group && rt.version === version && rt.kind === kind,
  );
  return matches.find((rt) => rt.verbs.includes('get')) ?? matches[0];
};
