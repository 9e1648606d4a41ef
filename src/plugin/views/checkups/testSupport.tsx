// Shared set-up of the checkups' page tests: the fake cluster behind fetch, sockets that open,
// the plugin's query cache cleared, and objects as the embedded cluster writes them.
import { configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, vi } from 'vitest';
import { queryClient } from '../../api/queryClient';
import { FakeWebSocket } from '../../api/testKit';
import { stopAllWatches } from '../../api/watch';
import { fakeCluster, OpenWebSocket, type FakeCluster } from './fakeCluster';
import { checkupPermissions } from './model/permissionObjects';

// Whole pages with dialogs render here: a busy machine needs more than findBy's 1 s.
configure({ asyncUtilTimeout: 5000 });

export const CMS = '/api/v1/namespaces/dev/configmaps';
export const JOBS = '/apis/batch/v1/namespaces/dev/jobs';
export const PODS = '/api/v1/namespaces/dev/pods';
export const NADS = '/apis/k8s.cni.cncf.io/v1/namespaces/dev/network-attachment-definitions';
export const NODES = '/api/v1/nodes';

/** A fresh fake cluster for every test, reachable as `cluster.current`. */
export const setUpFakeCluster = () => {
  const holder: { current: FakeCluster } = { current: fakeCluster() };
  beforeEach(() => {
    holder.current = fakeCluster();
    FakeWebSocket.reset();
    vi.stubGlobal('fetch', holder.current.fetch);
    vi.stubGlobal('WebSocket', OpenWebSocket);
    queryClient.clear();
    queryClient.setDefaultOptions({ queries: { retry: false } });
  });
  afterEach(() => {
    stopAllWatches();
    queryClient.clear();
    vi.unstubAllGlobals();
  });
  return holder;
};

const Location = () => {
  const location = useLocation();
  return <output data-testid="location">{location.pathname}</output>;
};

/** The page at `path`, the current path in `location`. */
export const renderAt = (ui: ReactElement, path: string) =>
  render(
    <MemoryRouter initialEntries={[path]}>
      {ui}
      <Location />
    </MemoryRouter>,
  );

/** The checkup's permissions already in project `dev`. */
export const installAll = (cluster: FakeCluster, kind: 'network' | 'storage') => {
  for (const entry of checkupPermissions(kind, 'dev')) {
    const ns = entry.model.namespaced ? '/namespaces/dev' : '';
    const prefix = entry.model.group ? `/apis/${entry.model.group}/v1` : '/api/v1';
    cluster.add(`${prefix}${ns}/${entry.model.plural}`, { ...entry.object });
  }
};

export const latencyData = {
  'spec.timeout': '5m',
  'spec.param.networkAttachmentDefinitionNamespace': 'dev',
  'spec.param.networkAttachmentDefinitionName': 'blue',
};

/** A checkup's ConfigMap in `dev`. */
export const checkupConfigMap = (
  name: string,
  type: 'kubevirt-vm-latency' | 'kubevirt-storage',
  data: Record<string, string>,
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'dev', labels: { 'kiagnose/checkup-type': type } },
  data,
});

/** A Job of the checkup, with its status. */
export const checkupJob = (
  configMap: string,
  suffix: string,
  type: 'kubevirt-vm-latency' | 'kubevirt-storage',
  status: object,
) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: `${configMap}-${suffix}`,
    namespace: 'dev',
    uid: `job-${configMap}-${suffix}`,
    creationTimestamp: '2026-01-01T10:00:00Z',
    labels: {
      'kiagnose/checkup-type': type,
      'virtualization-plugin/checkup-configmap': configMap,
    },
  },
  spec: {
    template: {
      spec: {
        serviceAccountName:
          type === 'kubevirt-storage' ? 'storage-checkup-sa' : 'vm-latency-checkup-sa',
        containers: [{ name: 'checkup', image: 'quay.io/kiagnose/kubevirt-storage-checkup:main' }],
      },
    },
  },
  status,
});
