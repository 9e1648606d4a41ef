import { checkImmutableFields } from '../admission/immutable';
import { KUBEVIRT_WEBHOOKS } from '../admission/kubevirtWebhook';
import { validateObjectMeta } from '../admission/names';
import { validateAgainstSchema } from '../admission/validateSchema';
import type { KubeObject, ResourceType, StatusCause } from '../types';
import { ApiError, invalid } from './errors';
import { KIND_RULES } from './kindRules';
import { storageResource } from './resourceRegistry';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Kinds whose names are DNS-1123 labels rather than subdomains. */
const LABEL_NAMED = new Set(['core/namespaces', 'core/services', 'project.openshift.io/projects']);

/**
 * Validation admission for a create or update: object metadata, the kind's schema (unknown
 * fields refused under Strict, reported under Warn, pruned otherwise), immutable fields and
 * the kind's own rules. Returns the object to store and the warnings to send back.
 */
export const admit = (
  rt: ResourceType,
  object: KubeObject,
  old: KubeObject | undefined,
  fieldValidation: FieldValidation,
): { object: KubeObject; warnings: string[] } => {
  const resource = storageResource(rt);
  const causes: StatusCause[] = validateObjectMeta(object, {
    namespaced: rt.namespaced,
    nameRule: LABEL_NAMED.has(resource) ? 'label' : 'subdomain',
  });
  let admitted = object;
  const warnings: string[] = [];
  if (rt.schema) {
    const result = validateAgainstSchema(object, rt.schema, { fieldValidation });
    const unknown = (result as { unknownFields?: string[] }).unknownFields ?? [];
    if (fieldValidation === 'Strict' && unknown.length) {
      throw new ApiError(
        400,
        'BadRequest',
        `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: strict decoding error: ${unknown
          .map((f) => `unknown field "${f}"`)
          .join(', ')}`,
      );
    }
    causes.push(...result.causes);
    warnings.push(...result.warnings);
    admitted = result.pruned as KubeObject;
  }
  if (old && rt.immutableFields?.length) {
    causes.push(...checkImmutableFields(old, admitted, rt.immutableFields));
  }
  for (const rule of KIND_RULES[resource] ?? []) causes.push(...rule(admitted, old));
  if (causes.length) {
    throw invalid(rt, object.metadata.name ?? object.metadata.generateName ?? '', causes);
  }
  // Validating admission webhooks run last, on what passed the API server's own checks.
  KUBEVIRT_WEBHOOKS[resource]?.(admitted, old);
  return { object: admitted, warnings };
};
