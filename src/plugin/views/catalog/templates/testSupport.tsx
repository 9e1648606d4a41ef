// Test doubles for the Template catalog: templates as SSP ships them, DataSources, watched lists
// by kind and namespace, and a render with a query cache and a router.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import type { ResourceModel } from '../../../api/models';
import type { DataSource, Template, TemplateParameter } from '../../../api/types';
import type { WatchListOptions } from '../../../api/watch';
import type { CatalogEntry } from './templateFilters';
import { readTemplate, type SourceStatus } from './templateModel';

export const OS_IMAGES = 'openshift-virtualization-os-images';
export const PROJECT = 'developer-vms';

export interface TemplateSpec {
  name?: string;
  namespace?: string;
  displayName?: string;
  os?: string;
  dataSource?: string;
  /** The boot volume: cloned from the DataSource (default), a container disk, or none. */
  boot?: 'dataSource' | 'containerDisk' | 'none';
  deprecated?: boolean;
  provider?: string;
  workload?: string;
  extraParameters?: TemplateParameter[];
}

/** A template shaped as SSP's common templates (`rhel9-server-small`). */
export const makeTemplate = ({
  name = 'rhel9-server-small',
  namespace = 'openshift',
  displayName = 'Red Hat Enterprise Linux 9 VM',
  os = 'rhel9.0',
  dataSource = 'rhel9',
  boot = 'dataSource',
  deprecated = false,
  provider = 'Red Hat',
  workload = 'server',
  extraParameters = [],
}: TemplateSpec = {}): Template => {
  const windows = os.startsWith('win');
  const bootVolume =
    boot === 'dataSource'
      ? { name: 'rootdisk', dataVolume: { name: '${NAME}' } }
      : boot === 'containerDisk'
        ? { name: 'rootdisk', containerDisk: { image: 'quay.io/containerdisks/fedora:latest' } }
        : undefined;
  return {
    apiVersion: 'template.openshift.io/v1',
    kind: 'Template',
    metadata: {
      name,
      namespace,
      resourceVersion: '7',
      uid: `uid-${name}`,
      labels: {
        'template.kubevirt.io/type': 'base',
        'template.kubevirt.io/version': 'v0.31.1',
        [`os.template.kubevirt.io/${os}`]: 'true',
        [`workload.template.kubevirt.io/${workload}`]: 'true',
        'flavor.template.kubevirt.io/small': 'true',
      },
      annotations: {
        'openshift.io/display-name': displayName,
        description: `Template for ${displayName}. A PVC with the ${dataSource} disk image must be available.`,
        iconClass: windows ? 'icon-windows' : 'icon-rhel',
        ...(provider ? { 'openshift.io/provider-display-name': provider } : {}),
        'template.kubevirt.io/provider-support-level': 'Full',
        [`name.os.template.kubevirt.io/${os}`]: displayName.replace(/ VM$/, ''),
        'defaults.template.kubevirt.io/disk': 'rootdisk',
        ...(deprecated ? { 'template.kubevirt.io/deprecated': 'true' } : {}),
      },
    },
    parameters: [
      { name: 'NAME', description: 'VM name', generate: 'expression', from: 'vm-[a-z0-9]{16}' },
      {
        name: 'DATA_SOURCE_NAME',
        description: 'Name of the DataSource to clone',
        value: dataSource,
      },
      {
        name: 'DATA_SOURCE_NAMESPACE',
        description: 'Namespace of the DataSource',
        value: OS_IMAGES,
      },
      {
        name: 'CLOUD_USER_PASSWORD',
        description: 'Randomized password for the cloud-init user',
        generate: 'expression',
        from: '[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}',
      },
      ...extraParameters,
    ],
    objects: [
      {
        apiVersion: 'kubevirt.io/v1',
        kind: 'VirtualMachine',
        metadata: {
          name: '${NAME}',
          labels: {
            app: '${NAME}',
            'vm.kubevirt.io/template': name,
            'vm.kubevirt.io/template.namespace': namespace,
          },
        },
        spec: {
          runStrategy: 'Halted',
          dataVolumeTemplates:
            boot === 'dataSource'
              ? [
                  {
                    apiVersion: 'cdi.kubevirt.io/v1beta1',
                    kind: 'DataVolume',
                    metadata: { name: '${NAME}' },
                    spec: {
                      sourceRef: {
                        kind: 'DataSource',
                        name: '${DATA_SOURCE_NAME}',
                        namespace: '${DATA_SOURCE_NAMESPACE}',
                      },
                      storage: { resources: { requests: { storage: '30Gi' } } },
                    },
                  },
                ]
              : [],
          template: {
            metadata: { labels: { 'kubevirt.io/domain': '${NAME}' } },
            spec: {
              domain: {
                cpu: { cores: 1, sockets: 2, threads: 1 },
                memory: { guest: '8Gi' },
                devices: {
                  disks: [
                    ...(bootVolume ? [{ name: 'rootdisk', disk: { bus: 'virtio' } }] : []),
                    { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
                  ],
                  interfaces: [{ name: 'default', masquerade: {}, model: 'virtio' }],
                },
              },
              networks: [{ name: 'default', pod: {} }],
              volumes: [
                ...(bootVolume ? [bootVolume] : []),
                {
                  name: 'cloudinitdisk',
                  cloudInitNoCloud: {
                    userData: '#cloud-config\nuser: cloud-user\npassword: ${CLOUD_USER_PASSWORD}\n',
                  },
                },
              ],
            },
          },
        },
      },
    ],
  };
};

export const makeDataSource = (
  name: string,
  /** The Ready condition's status; `none`: no condition yet. */
  ready: 'True' | 'False' | 'none' = 'True',
  message?: string,
): DataSource => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataSource',
  metadata: { name, namespace: OS_IMAGES },
  spec: { source: { pvc: { name, namespace: OS_IMAGES } } },
  status:
    ready !== 'none'
      ? { conditions: [{ type: 'Ready', status: ready, reason: '', message: message ?? '' }] }
      : {},
});

const AVAILABLE: SourceStatus = { availability: 'available' };

/** A catalog entry as the tab lists it. */
export const makeEntry = (
  spec: TemplateSpec = {},
  source: SourceStatus = AVAILABLE,
): CatalogEntry => ({ ...readTemplate(makeTemplate(spec)), source });

interface ListResult {
  data: unknown[];
  loaded: boolean;
  error?: unknown;
}

/** What the fake `useK8sWatchList` answers: by `Kind@namespace`, else by `Kind`. */
export const lists = {
  results: new Map<string, ListResult>(),
  reset() {
    this.results.clear();
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
    return (
      lists.results.get(`${model.kind}@${opts.namespace ?? ''}`) ??
      lists.results.get(model.kind) ?? { data: [], loaded: true }
    );
  },
  useK8sWatchObject: () => ({ loaded: true }),
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

const Location = () => {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
};

/** Renders with a fresh query cache and a router at `path`; the current URL is in `location`. */
export const renderAt = (ui: ReactElement, path = `/k8s/ns/${PROJECT}/catalog/template`) => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // The BFF's project list, as `useProjectNames` reads it.
  client.setQueryData(['bff', 'projects'], [PROJECT, 'other-project']);
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        {ui}
        <Location />
      </MemoryRouter>
    </QueryClientProvider>,
  );
};
