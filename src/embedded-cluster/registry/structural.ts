// The structural-schema rules Kubernetes holds CRD schemas to (every node typed, arrays with
// items, no properties next to additionalProperties…). The registry's own schemas are checked
// against them in tests, and CRDs users create are refused when they break them.
import type { JSONSchemaProps } from '../types';

const typeOfValue = (value: unknown): string | undefined => {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && value !== null) return 'object';
  return undefined;
};

/** Problems with a schema, each as `path: message`; empty when the schema is structural. */
export const structuralProblems = (schema: JSONSchemaProps, path = ''): string[] => {
  const problems: string[] = [];
  const at = path || '<root>';
  const intOrString = schema['x-kubernetes-int-or-string'] === true;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (!schema.type && !intOrString && !preserve) problems.push(`${at}: type is required`);
  if (intOrString && schema.type) problems.push(`${at}: x-kubernetes-int-or-string excludes type`);
  if (preserve && schema.type && schema.type !== 'object') {
    problems.push(`${at}: x-kubernetes-preserve-unknown-fields needs type object`);
  }
  if (schema.properties && schema.additionalProperties !== undefined) {
    problems.push(`${at}: properties and additionalProperties are mutually exclusive`);
  }
  if (
    (schema.properties || schema.additionalProperties !== undefined) &&
    schema.type !== 'object'
  ) {
    problems.push(`${at}: properties need type object`);
  }
  if (schema.type === 'array' && !schema.items) problems.push(`${at}: an array needs items`);
  if (schema.items && schema.type !== 'array') problems.push(`${at}: items need type array`);
  for (const value of schema.enum ?? []) {
    const actual = typeOfValue(value);
    const fits = actual === schema.type || (schema.type === 'number' && actual === 'integer');
    if (schema.type && !fits)
      problems.push(`${at}: enum value ${JSON.stringify(value)} is not a ${schema.type}`);
  }
  for (const name of schema.required ?? []) {
    if (!schema.properties?.[name] && !preserve)
      problems.push(`${at}: required ${name} is not a property`);
  }
  if (schema['x-kubernetes-list-type'] === 'map') {
    const keys = schema['x-kubernetes-list-map-keys'] ?? [];
    if (!keys.length) problems.push(`${at}: list-type map needs list-map-keys`);
    for (const key of keys) {
      if (!schema.items?.properties?.[key])
        problems.push(`${at}: list-map-key ${key} is not an item property`);
    }
  }
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    problems.push(...structuralProblems(child, `${path}.${name}`));
  }
  if (typeof schema.additionalProperties === 'object') {
    problems.push(...structuralProblems(schema.additionalProperties, `${path}.*`));
  }
  if (schema.items) problems.push(...structuralProblems(schema.items, `${path}[*]`));
  return problems;
};
