// Test doubles for the data layer: the details tabs are tested against these, not a network.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import type { ResourceModel } from '../../../api/models';
import type { VirtualMachine, VirtualMachineInstance } from '../../../api/types';

interface WatchResult {
  data?: unknown;
  loaded: boolean;
  error?: unknown;
}

/** What the fake watch hooks answer, by kind. Tests set it, then render or rerender. */
export const watchState = {
  objects: new Map<string, WatchResult>(),
  lists: new Map<string, { data: unknown[]; loaded: boolean; error?: unknown }>(),
  reset() {
    this.objects.clear();
    this.lists.clear();
  },
};

/** Stands in for `src/plugin/api/watch` (`vi.mock(..., () => fakeWatch)`). */
export const fakeWatch = {
  useK8sWatchObject: (model: ResourceModel, ref: object | null) =>
    ref ? (watchState.objects.get(model.kind) ?? { loaded: true }) : { loaded: false },
  useK8sWatchList: (model: ResourceModel, opts: object | null) =>
    opts
      ? (watchState.lists.get(model.kind) ?? { data: [], loaded: true })
      : { data: [], loaded: false },
};

/** A Kubernetes error as the SDK throws it: `code` and the `Status` in `json`. */
export const statusError = (
  code: number,
  message: string,
  causes?: { field?: string; message: string }[],
) =>
  Object.assign(new Error(message), {
    code,
    json: {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      code,
      message,
      ...(causes ? { details: { causes } } : {}),
    },
  });

export const NS = 'demo';
export const NAME = 'fedora-vm';
export const BASE_PATH = `/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${NAME}`;

export const makeVm = (overrides: Partial<VirtualMachine> = {}): VirtualMachine => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: {
    name: NAME,
    namespace: NS,
    uid: 'vm-uid',
    resourceVersion: '10',
    creationTimestamp: '2026-01-02T10:00:00Z',
    labels: {
      'vm.kubevirt.io/template': 'fedora-server-small',
      'vm.kubevirt.io/template.namespace': 'openshift',
    },
  },
  spec: {
    runStrategy: 'Always',
    template: {
      metadata: { labels: { 'kubevirt.io/domain': NAME } },
      spec: {
        domain: {
          cpu: { cores: 2 },
          memory: { guest: '2Gi' },
          devices: {
            disks: [{ name: 'rootdisk', disk: { bus: 'virtio' } }],
            interfaces: [{ name: 'default', masquerade: {}, model: 'virtio' }],
          },
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [{ name: 'rootdisk', dataVolume: { name: `${NAME}-rootdisk` } }],
      },
    },
  },
  status: { printableStatus: 'Running', conditions: [] },
  ...overrides,
});

export const makeVmi = (
  overrides: Partial<VirtualMachineInstance> = {},
): VirtualMachineInstance => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name: NAME, namespace: NS, uid: 'vmi-uid' },
  spec: {
    domain: {
      cpu: { cores: 2, sockets: 1, threads: 1 },
      memory: { guest: '2Gi' },
      devices: {
        disks: [{ name: 'rootdisk', disk: { bus: 'virtio' } }],
        interfaces: [{ name: 'default', masquerade: {}, model: 'virtio' }],
      },
    },
    volumes: [{ name: 'rootdisk', dataVolume: { name: `${NAME}-rootdisk` } }],
  },
  status: {
    phase: 'Running',
    nodeName: 'node-1',
    interfaces: [
      {
        name: 'default',
        ipAddress: '10.0.2.15',
        ipAddresses: ['10.0.2.15'],
        mac: '02:00:00:00:00:01',
      },
    ],
    conditions: [{ type: 'Ready', status: 'True' }],
  },
  ...overrides,
});

const Location = () => <output data-testid="location">{useLocation().pathname}</output>;

/** Renders with a fresh query cache and a router at `path`; the current path is in `location`. */
export const renderAt = (ui: ReactElement, path = BASE_PATH) => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrap = (node: ReactElement) => (
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        {node}
        <Location />
      </MemoryRouter>
    </QueryClientProvider>
  );
  const result = render(wrap(ui));
  return { ...result, rerender: (next: ReactElement) => result.rerender(wrap(next)) };
};
