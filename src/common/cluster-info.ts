/** Kubernetes `/version` answer, as the API server returns it. */
export interface KubernetesVersion {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit?: string;
  buildDate?: string;
  goVersion?: string;
  compiler?: string;
  platform?: string;
}

/**
 * What the BFF `version` route answers: whether a cluster is configured, and if so its version.
 * An unreachable or refusing cluster is not a `ClusterInfo`; the route answers with a `Status`.
 */
export type ClusterInfo =
  { connected: false } | { connected: true; server: string; version: KubernetesVersion };

/** Kubernetes `Status`, the shape every error from the BFF and the API server takes. */
export interface KubernetesStatus {
  kind: 'Status';
  apiVersion: 'v1';
  status: 'Failure' | 'Success';
  message: string;
  reason?: string;
  code: number;
  details?: {
    name?: string;
    kind?: string;
    causes?: { type?: string; message: string; field?: string }[];
  };
}

export const isKubernetesStatus = (value: unknown): value is KubernetesStatus =>
  typeof value === 'object' &&
  value !== null &&
  (value as { kind?: unknown }).kind === 'Status' &&
  typeof (value as { message?: unknown }).message === 'string';

export const failureStatus = (code: number, reason: string, message: string): KubernetesStatus => ({
  kind: 'Status',
  apiVersion: 'v1',
  status: 'Failure',
  code,
  reason,
  message,
});
