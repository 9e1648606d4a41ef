import { useQuery } from '@tanstack/react-query';
import { bffURL } from './bff';
import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { queryClient } from './queryClient';

/** What to ask the cluster: may the user `verb` this resource (in this namespace, by name)? */
export interface AccessAttributes {
  verb: string;
  group?: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** How long an answer is reused. The cache is cleared when the session changes. */
const ACCESS_TTL_MS = 30_000;

const SSAR_PATH = 'k8s/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

const accessQueryKey = (attrs: AccessAttributes) =>
  [
    'k8s',
    'access',
    attrs.verb,
    attrs.group ?? '',
    attrs.resource,
    attrs.subresource ?? '',
    attrs.namespace ?? '',
    attrs.name ?? '',
  ] as const;

/** A SelfSubjectAccessReview through the BFF, as the user. */
const reviewAccess = async (attrs: AccessAttributes): Promise<boolean> => {
  const review = (await consoleFetchJSON.post(bffURL(SSAR_PATH), {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        verb: attrs.verb,
        group: attrs.group ?? '',
        resource: attrs.resource,
        subresource: attrs.subresource,
        namespace: attrs.namespace,
        name: attrs.name,
      },
    },
  })) as { status?: { allowed?: boolean } };
  return review.status?.allowed === true;
};

const accessQuery = (attrs: AccessAttributes) => ({
  queryKey: accessQueryKey(attrs),
  queryFn: () => reviewAccess(attrs),
  staleTime: ACCESS_TTL_MS,
  gcTime: 2 * ACCESS_TTL_MS,
  retry: false,
});

/** Whether the user may do it; false when the review itself fails. Shares the hook's cache. */
export const checkAccess = (attrs: AccessAttributes): Promise<boolean> =>
  queryClient.fetchQuery(accessQuery(attrs)).catch(() => false);

/**
 * May the user do this? `loading` until the cluster answers; a failed review is "not allowed"
 * (the action it guards would be refused anyway). `null` asks nothing.
 */
export const useAccessReview = (
  attrs: AccessAttributes | null,
): { allowed: boolean; loading: boolean } => {
  const review = useQuery({
    ...accessQuery(attrs ?? { verb: '', resource: '' }),
    enabled: attrs !== null,
  });
  return {
    allowed: attrs !== null && review.data === true,
    loading: attrs !== null && review.isPending,
  };
};
