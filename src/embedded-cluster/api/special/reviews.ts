import { answerReview } from '../../auth/accessReviews';
import type { RbacAuthorizer } from '../../auth/rbac';
import type { KubeObject } from '../../types';
import type { HandlerResult, RequestContext, SpecialResource } from '../apiServer';
import { badRequest, invalid } from '../errors';

/**
 * `kubectl auth can-i` and the console's permission checks: SelfSubjectAccessReview,
 * SelfSubjectRulesReview, SubjectAccessReview and LocalSubjectAccessReview, answered by the same
 * RBAC the API enforces. Nothing is stored.
 */
export class ReviewHandler implements SpecialResource {
  constructor(private readonly authorizer: RbacAuthorizer) {}

  async handle(context: RequestContext): Promise<HandlerResult | undefined> {
    if (context.info.verb !== 'create' || !context.rt) return undefined;
    const body = (await context.body()) as KubeObject | undefined;
    if (!body || typeof body !== 'object') throw badRequest('the body must be a review object');
    const review: KubeObject = {
      ...body,
      apiVersion: 'authorization.k8s.io/v1',
      kind: context.rt.kind,
      metadata: { ...(body.metadata ?? {}), creationTimestamp: undefined },
    };
    const result = answerReview(
      review,
      context.user,
      this.authorizer,
      context.info.namespace ?? '',
    );
    if ('causes' in result) throw invalid(context.rt, '', result.causes);
    return { status: 201, body: result.object };
  }
}
