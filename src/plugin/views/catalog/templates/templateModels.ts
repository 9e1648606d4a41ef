// OpenShift's Template kind, which `src/plugin/api/models.ts` does not declare (only this tab
// reads templates). Move it there when a second feature needs it.
import type { ResourceModel } from '../../../api/models';
import type { K8sObject } from '../../../api/types';

/** `template.openshift.io/v1 Template`. */
export const TemplateModel: ResourceModel = {
  group: 'template.openshift.io',
  version: 'v1',
  kind: 'Template',
  plural: 'templates',
  namespaced: true,
  labelKey: 'Template',
  abbr: 'T',
};

/**
 * `POST …/namespaces/NS/processedtemplates`: a Template in, the same Template out with its
 * parameters settled and substituted into its objects. Nothing is stored.
 */
export const ProcessedTemplateModel: ResourceModel = {
  ...TemplateModel,
  plural: 'processedtemplates',
};

/** One of a Template's `parameters`. */
export interface TemplateParameter {
  name: string;
  displayName?: string;
  description?: string;
  /** The default (or, once processed, the final) value. */
  value?: string;
  /** `expression`: the server generates a value from `from` when none is given. */
  generate?: string;
  from?: string;
  required?: boolean;
}

export interface Template extends K8sObject {
  message?: string;
  labels?: Record<string, string>;
  parameters?: TemplateParameter[];
  /** The objects to create; VM templates hold one VirtualMachine. */
  objects?: unknown[];
}
