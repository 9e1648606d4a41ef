// Processing a template as the console does: the server settles the parameters (generating
// what is generated) and substitutes them; the VM is then taken from the result.
import { k8sCreate } from '../../../api/k8s';
import { ProcessedTemplateModel } from '../../../api/models';
import type { Template, VirtualMachine } from '../../../api/types';
import { causesOf } from '../../vms/details/configuration/editor/fieldErrors';
import { NAME_PARAMETER, templateVm } from './templateModel';
import { applyOverrides, type TemplateDraft, type TemplateOverrides } from './templateOverrides';

/**
 * The template to POST: its parameters carry the values given (empty ones keep the template's
 * default, or are generated), and it is addressed to the project the VM is created in.
 */
export const templateWithValues = (
  template: Template,
  namespace: string,
  values: Record<string, string>,
): Template => {
  const {
    resourceVersion: _version,
    uid: _uid,
    managedFields: _fields,
    creationTimestamp: _created,
    ...metadata
  } = template.metadata ?? {};
  return {
    ...template,
    metadata: { ...metadata, namespace },
    parameters: (template.parameters ?? []).map((parameter) =>
      values[parameter.name] ? { ...parameter, value: values[parameter.name] } : parameter,
    ),
  };
};

/** `POST /apis/template.openshift.io/v1/namespaces/NS/processedtemplates`. */
export const processTemplate = (
  template: Template,
  namespace: string,
  values: Record<string, string>,
): Promise<Template> =>
  k8sCreate(ProcessedTemplateModel, templateWithValues(template, namespace, values), {
    namespace,
  });

const PARAMETER_FIELD = /parameters\[(\d+)\]/;
const PARAMETER_MESSAGE = /parameter ([A-Za-z0-9_]+) is required/;

/**
 * The server's refusal by parameter name: its causes name `template.parameters[i]`, and the
 * message of a missing one names the parameter.
 */
export const parameterErrorsOf = (error: unknown, template: Template): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const cause of causesOf(error)) {
    const index = PARAMETER_FIELD.exec(cause.field ?? '')?.[1];
    const name =
      (index !== undefined ? template.parameters?.[Number(index)]?.name : undefined) ??
      PARAMETER_MESSAGE.exec(cause.message ?? '')?.[1];
    if (name && cause.message)
      errors[name] = errors[name] ? `${errors[name]}; ${cause.message}` : cause.message;
  }
  return errors;
};

/** Raised when the processed template holds no VirtualMachine to create. */
export class NoVirtualMachineError extends Error {
  constructor(templateName: string) {
    super(`The template ${templateName} holds no VirtualMachine.`);
    this.name = 'NoVirtualMachineError';
  }
}

/**
 * The draft Quick create and Customize hand on: the template processed in the VM's project with
 * the parameter values (the VM name as NAME), its VirtualMachine with the drawer's overrides.
 */
export const templateDraft = async (
  template: Template,
  values: Record<string, string>,
  overrides: TemplateOverrides,
): Promise<TemplateDraft> => {
  const takesName = template.parameters?.some((p) => p.name === NAME_PARAMETER);
  const processed = await processTemplate(template, overrides.namespace, {
    ...values,
    ...(takesName ? { [NAME_PARAMETER]: overrides.name } : {}),
  });
  const vm: VirtualMachine | undefined = templateVm(processed);
  if (!vm) throw new NoVirtualMachineError(template.metadata?.name ?? '');
  return applyOverrides(vm, template, overrides);
};
