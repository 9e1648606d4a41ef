import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { isKubernetesStatus } from '../../common/cluster-info';
import { BFF_PATH } from '../../common/paths';

/** The BFF is reached only through the console's proxy prefix, never the API server directly. */
export const bffURL = (path: string): string => `${BFF_PATH}${path.replace(/^\//, '')}`;

/** GET a JSON document from the BFF (consoleFetch adds the CSRF header and handles 401). */
export const getFromBFF = <T>(path: string): Promise<T> =>
  consoleFetchJSON(bffURL(path)) as Promise<T>;

/**
 * What to tell the user about a failed call: the Kubernetes `Status.message` when the server
 * sent one, else the error's own message.
 */
export const errorMessage = (error: unknown): string => {
  const json = (error as { json?: unknown } | null)?.json;
  if (isKubernetesStatus(json)) return json.message;
  if (error instanceof Error && error.message) return error.message;
  return String(error);
};
