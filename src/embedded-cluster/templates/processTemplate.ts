// Template processing as `POST /apis/template.openshift.io/v1/namespaces/NS/processedtemplates`
// does it (openshift/library-go templateprocessing): settle every parameter's value, then
// substitute the values into the message, the object labels and every object.
import type { StatusCause } from '../types';
import { defaultRandomInt, generateFromExpression, type RandomInt } from './expressionGenerator';
import { hasReference, substituteDeep, substituteString } from './substitute';
import { TemplateError, type Template, type TemplateParameter } from './template';

export { TemplateError, type Template, type TemplateParameter } from './template';
export type { RandomInt } from './expressionGenerator';

export interface ProcessOptions {
  /** Parameter values from the caller (`oc process -p NAME=value`); they win over the template's. */
  values?: Record<string, string>;
  /** Random source for generated values; crypto-strong by default, since they are often passwords. */
  randomInt?: RandomInt;
}

const PARAMETER_NAME = /^[a-zA-Z0-9_]+$/;

/**
 * Returns the processed Template: parameters carry their final values and objects have every
 * reference substituted. The input is not modified. Throws TemplateError (422) listing every
 * invalid or missing parameter.
 */
export function processTemplate(template: Template, options: ProcessOptions = {}): Template {
  const parameters = (template.parameters ?? []).map((p) => ({ ...p }));
  const causes = [
    ...validate(template, parameters),
    ...applyCallerValues(parameters, options.values),
  ];
  // Generation waits until the template is valid, so no random value is spent on a rejection.
  if (causes.length === 0) {
    causes.push(...settleValues(parameters, options.randomInt ?? defaultRandomInt));
  }
  if (causes.length > 0) throw new TemplateError(causes);

  const values = new Map(parameters.map((p) => [p.name, p.value ?? '']));
  // Object labels are substituted first, since they are then stamped onto every object.
  const labels = template.labels && substituteLabels(template.labels, values);
  const processed: Template = {
    ...structuredClone(template),
    objects: (template.objects ?? []).map((object) => processObject(object, values, labels)),
  };
  if (template.parameters) processed.parameters = parameters;
  if (template.message !== undefined) {
    processed.message = substituteString(template.message, values);
  }
  if (labels) processed.labels = labels;
  return processed;
}

function validate(template: Template, parameters: TemplateParameter[]): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  parameters.forEach((p, i) => {
    const field = `parameters[${i}].name`;
    if (typeof p.name !== 'string' || p.name === '') {
      causes.push(required(field, 'template.parameters.name is required'));
    } else if (!PARAMETER_NAME.test(p.name)) {
      causes.push(invalid(field, p.name, `does not match ${PARAMETER_NAME.source}`));
    } else if (seen.has(p.name)) {
      causes.push({
        type: 'FieldValueDuplicate',
        field,
        message: `Duplicate value: ${JSON.stringify(p.name)}`,
      });
    }
    seen.add(p.name);
  });
  (template.objects ?? []).forEach((object, i) => {
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      causes.push(invalid(`objects[${i}]`, object, 'unable to handle object: not a JSON object'));
    }
  });
  return causes;
}

function applyCallerValues(
  parameters: TemplateParameter[],
  values: Record<string, string> = {},
): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [name, value] of Object.entries(values)) {
    const parameter = parameters.find((p) => p.name === name);
    // As `oc process`: a value for a parameter the template lacks is a typo, not something to drop.
    if (parameter) parameter.value = value;
    else causes.push(invalid('parameters', name, `unknown parameter name ${JSON.stringify(name)}`));
  }
  return causes;
}

/** Generates what is to be generated, then reports required parameters still without a value. */
function settleValues(parameters: TemplateParameter[], randomInt: RandomInt): StatusCause[] {
  const causes: StatusCause[] = [];
  parameters.forEach((p, i) => {
    if (p.value) return;
    const field = `template.parameters[${i}]`;
    if (p.generate) {
      if (p.generate !== 'expression') {
        const why = `Unknown generator name '${p.generate}' for parameter ${p.name}`;
        causes.push(invalid(field, p.generate, why));
        return;
      }
      try {
        p.value = generateFromExpression(p.from ?? '', randomInt);
      } catch (err) {
        causes.push(invalid(field, p, `${field}: parameter ${p.name}: ${(err as Error).message}`));
        return;
      }
    }
    if (!p.value && p.required) {
      causes.push(
        required(field, `${field}: parameter ${p.name} is required and must be specified`),
      );
    }
  });
  return causes;
}

function processObject(
  object: unknown,
  values: ReadonlyMap<string, string>,
  labels: Record<string, string> | undefined,
): unknown {
  const copy = structuredClone(object) as Record<string, unknown>;
  const metadata = copy.metadata;
  if (typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)) {
    const meta = metadata as Record<string, unknown>;
    // A hard-coded namespace is dropped so the objects land in the namespace being processed
    // into; one built from a parameter is the template author's explicit choice and stays.
    if (
      Object.hasOwn(meta, 'namespace') &&
      !(typeof meta.namespace === 'string' && hasReference(meta.namespace))
    ) {
      delete meta.namespace;
    }
  }
  const result = substituteDeep(copy, values) as Record<string, unknown>;
  if (labels && Object.keys(labels).length > 0) addLabels(result, labels);
  return result;
}

function addLabels(object: Record<string, unknown>, labels: Record<string, string>): void {
  const metadata = (object.metadata ??= {}) as Record<string, unknown>;
  const existing = metadata.labels;
  metadata.labels = {
    ...(typeof existing === 'object' && existing !== null ? existing : {}),
    ...labels,
  };
}

function substituteLabels(
  labels: Record<string, string>,
  values: ReadonlyMap<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels).map(([k, v]) => [
      substituteString(k, values),
      substituteString(v, values),
    ]),
  );
}

const required = (field: string, detail: string): StatusCause => ({
  type: 'FieldValueRequired',
  field,
  message: `Required value: ${detail}`,
});

const invalid = (field: string, value: unknown, detail: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
});
