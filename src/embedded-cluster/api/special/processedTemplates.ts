import type { ObjectStore } from '../../store/objectStore';
import { processTemplate, TemplateError } from '../../templates/processTemplate';
import type { KubeObject } from '../../types';
import { ApiError, badRequest } from '../errors';
import type { HandlerResult, RequestContext, SpecialResource } from '../apiServer';

/**
 * `POST .../processedtemplates`: a Template in, the same Template out with its parameters
 * resolved (generated ones too) and substituted into its objects. Nothing is stored.
 */
export class ProcessedTemplateHandler implements SpecialResource {
  constructor(private readonly store: ObjectStore) {}

  async handle(context: RequestContext): Promise<HandlerResult | undefined> {
    if (context.info.verb !== 'create') return undefined;
    const body = (await context.body()) as KubeObject | undefined;
    if (!body || body.kind !== 'Template')
      throw badRequest('the body must be a template.openshift.io/v1 Template');
    try {
      const processed = processTemplate(body);
      return {
        status: 201,
        body: {
          ...processed,
          metadata: { ...processed.metadata, namespace: context.info.namespace },
        },
      };
    } catch (error) {
      if (error instanceof TemplateError) {
        throw new ApiError(
          422,
          'Invalid',
          `Template.template.openshift.io "${body.metadata?.name ?? ''}" is invalid: ${error.message}`,
          {
            name: body.metadata?.name,
            group: 'template.openshift.io',
            kind: 'Template',
            causes: error.causes,
          },
        );
      }
      throw error;
    }
  }
}
