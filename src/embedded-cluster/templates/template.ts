// The template.openshift.io/v1 Template, as far as processing it needs.
import type { KubeObject, StatusCause } from '../types';

export interface TemplateParameter {
  name: string;
  displayName?: string;
  description?: string;
  value?: string;
  /** Only "expression" exists: generate the value from the pattern in `from`. */
  generate?: string;
  from?: string;
  required?: boolean;
}

export interface Template extends KubeObject {
  message?: string;
  objects?: unknown[];
  parameters?: TemplateParameter[];
  /** Labels added to every object (Go: ObjectLabels). */
  labels?: Record<string, string>;
}

/**
 * Why a template cannot be processed: kube-apiserver's 422 Invalid, with one StatusCause per
 * problem, so the API server can answer with `causes` as kubectl and `oc` expect them. The
 * message is the field errors alone ("template.parameters[0]: Required value: ..."); the API
 * server prefixes `Template.template.openshift.io "NAME" is invalid: ` as for any Invalid.
 */
export class TemplateError extends Error {
  readonly code = 422;

  constructor(readonly causes: StatusCause[]) {
    const list = causes.map((c) => `${c.field}: ${c.message}`);
    super(list.length === 1 ? (list[0] ?? '') : `[${list.join(', ')}]`);
    this.name = 'TemplateError';
  }
}
