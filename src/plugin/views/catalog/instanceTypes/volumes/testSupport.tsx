// Test doubles for step 1: watched lists by kind and namespace, a render with a query cache
// and a router, and objects as the cluster has them.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import type { ResourceModel } from '../../../../api/models';
import type { WatchListOptions } from '../../../../api/watch';
import type { DataSource, PersistentVolumeClaim, VolumeSnapshot } from '../../../../api/types';
import {
  DEFAULT_INSTANCETYPE_LABEL,
  DEFAULT_PREFERENCE_LABEL,
  OS_IMAGES_NAMESPACE,
} from './bootableVolumes';

interface ListResult {
  data: unknown[];
  loaded: boolean;
  error?: unknown;
}

/** What the fake `useK8sWatchList` answers: by `Kind@namespace`, else by `Kind`. */
export const lists = {
  results: new Map<string, ListResult>(),
  /** Every watch asked for, as `Kind@namespace?labelSelector`. */
  asked: new Set<string>(),
  reset() {
    this.results.clear();
    this.asked.clear();
  },
  set(kind: string, namespace: string | undefined, result: Partial<ListResult>) {
    this.results.set(namespace ? `${kind}@${namespace}` : kind, {
      data: [],
      loaded: true,
      ...result,
    });
  },
};

/** Stands in for `src/plugin/api/watch` (`vi.mock(..., () => fakeWatch)`). */
export const fakeWatch = {
  useK8sWatchList: (model: ResourceModel, opts: WatchListOptions | null) => {
    if (!opts) return { data: [], loaded: false };
    lists.asked.add(
      `${model.kind}@${opts.namespace ?? ''}${opts.labelSelector ? `?${opts.labelSelector}` : ''}`,
    );
    return (
      lists.results.get(`${model.kind}@${opts.namespace ?? ''}`) ??
      lists.results.get(model.kind) ?? { data: [], loaded: true }
    );
  },
};

/** A Kubernetes error as the SDK throws it: `code` and the `Status` in `json`. */
export const statusError = (
  code: number,
  message: string,
  extra: { reason?: string; causes?: { field?: string; message: string }[] } = {},
) =>
  Object.assign(new Error(message), {
    code,
    json: {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code,
      message,
      ...(extra.reason ? { reason: extra.reason } : {}),
      ...(extra.causes ? { details: { causes: extra.causes } } : {}),
    },
  });

export const renderWithClient = (ui: ReactElement) => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{ui}</MemoryRouter>
    </QueryClientProvider>,
  );
};

export const dataSource = (
  name: string,
  {
    namespace = OS_IMAGES_NAMESPACE,
    preference,
    instancetype,
    ready = true,
    pvc,
    message,
  }: {
    namespace?: string;
    preference?: string;
    instancetype?: string;
    ready?: boolean;
    pvc?: string;
    message?: string;
  } = {},
): DataSource => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataSource',
  metadata: {
    name,
    namespace,
    labels: {
      ...(preference ? { [DEFAULT_PREFERENCE_LABEL]: preference } : {}),
      ...(instancetype ? { [DEFAULT_INSTANCETYPE_LABEL]: instancetype } : {}),
    },
  },
  spec: { source: { pvc: { name: pvc ?? name, namespace } } },
  status: {
    conditions: [
      {
        type: 'Ready',
        status: ready ? 'True' : 'False',
        reason: ready ? 'Ready' : 'NotFound',
        message: ready ? 'DataSource is ready to be consumed' : (message ?? 'PVC not found'),
      },
    ],
  },
});

export const claim = (
  name: string,
  {
    namespace = OS_IMAGES_NAMESPACE,
    size = '30Gi',
    storageClass = 'standard',
    phase = 'Bound',
    labels = {},
  }: {
    namespace?: string;
    size?: string;
    storageClass?: string;
    phase?: string;
    labels?: Record<string, string>;
  } = {},
): PersistentVolumeClaim => ({
  metadata: { name, namespace, labels },
  spec: { storageClassName: storageClass, resources: { requests: { storage: size } } },
  status: { phase, capacity: { storage: size } },
});

export const snapshot = (
  name: string,
  {
    namespace = OS_IMAGES_NAMESPACE,
    restoreSize = '10Gi',
    ready = true,
    claimName,
    labels = {},
  }: {
    namespace?: string;
    restoreSize?: string;
    ready?: boolean;
    claimName?: string;
    labels?: Record<string, string>;
  } = {},
): VolumeSnapshot => ({
  metadata: { name, namespace, labels },
  spec: { source: { persistentVolumeClaimName: claimName } },
  status: { readyToUse: ready, restoreSize },
});
