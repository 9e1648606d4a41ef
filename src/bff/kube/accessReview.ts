import {
  failureStatus,
  isKubernetesStatus,
  type KubernetesStatus,
} from '../../common/cluster-info';
import { kubeRequest, type KubeConnection } from './connection';

/** The cluster refused or could not answer a question asked as the caller; `status` is what to send. */
export class AccessError extends Error {
  constructor(readonly status: KubernetesStatus) {
    super(status.message);
  }
}

/** GET (or POST `body` to) `path` as the caller; the answer parsed as JSON where it is JSON. */
export const askJSON = async (
  connection: KubeConnection,
  path: string,
  authorization: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> => {
  const response = await kubeRequest(connection, path, {
    method: body === undefined ? 'GET' : 'POST',
    authorization,
    headers:
      body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    timeoutMs: 10_000,
  });
  response.setEncoding('utf8');
  let text = '';
  for await (const chunk of response) text += chunk as string;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.statusCode ?? 502, body: parsed };
};

/** The cluster's own `Status` when it sent one, else a plain one naming what failed. */
export const refused = (status: number, body: unknown, what: string) =>
  new AccessError(
    isKubernetesStatus(body)
      ? body
      : failureStatus(status >= 400 ? status : 502, 'InternalError', `${what} answered ${status}.`),
  );

export interface ResourceAttributes {
  verb: string;
  group?: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/**
 * Whether the caller may do `attributes` (on a resource, or a non-resource URL such as
 * `/metrics`), asked of the cluster with the caller's own token
 * (SelfSubjectAccessReview). Throws AccessError when the cluster refuses the question itself
 * (an expired token: 401).
 */
export const selfAccessReview = async (
  connection: KubeConnection,
  authorization: string,
  attributes: ResourceAttributes | { nonResource: { verb: string; path: string } },
): Promise<boolean> => {
  const { status, body } = await askJSON(
    connection,
    '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    authorization,
    {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec:
        'nonResource' in attributes
          ? { nonResourceAttributes: attributes.nonResource }
          : { resourceAttributes: attributes },
    },
  );
  if (status !== 201 && status !== 200) throw refused(status, body, 'The access review');
  return (body as { status?: { allowed?: boolean } }).status?.allowed === true;
};
