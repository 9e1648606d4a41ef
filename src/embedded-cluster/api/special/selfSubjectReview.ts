import type { HandlerResult, RequestContext, SpecialResource } from '../apiServer';

/** `kubectl auth whoami`: the caller as authenticated, nothing stored. */
export class SelfSubjectReviewHandler implements SpecialResource {
  async handle(context: RequestContext): Promise<HandlerResult | undefined> {
    if (context.info.verb !== 'create') return undefined;
    await context.body();
    const { username, uid, groups } = context.user;
    return {
      status: 201,
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'SelfSubjectReview',
        metadata: { creationTimestamp: null },
        status: { userInfo: { username, ...(uid ? { uid } : {}), groups } },
      },
    };
  }
}
