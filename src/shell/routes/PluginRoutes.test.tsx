// @vitest-environment jsdom
import type { Extension, LoadedExtension } from '@openshift/dynamic-plugin-sdk';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { QuickStartsProvider } from '../quickstarts/QuickStartsProvider';
import { PluginRoutes, useStandalonePage } from './PluginRoutes';
import type { ResourcePageProps } from './resourcePages';

let extensions: LoadedExtension[] = [];

vi.mock('@openshift/dynamic-plugin-sdk', async (original) => ({
  ...(await original<object>()),
  useExtensions: (predicate: (e: Extension) => boolean) => extensions.filter(predicate),
}));

const loaded = (uid: string, type: string, properties: object): LoadedExtension =>
  ({ uid, type, properties, pluginName: 'p', flags: {} }) as unknown as LoadedExtension;

const code =
  <T,>(value: T) =>
  () =>
    Promise.resolve(value);

const Overview = () => <p>overview</p>;
const VmList = ({ namespace, kind, model }: ResourcePageProps) => (
  <p>
    list of {model.kind} ({kind}) in {namespace ?? 'all projects'}
  </p>
);
const Tab = () => <p>tab {useParams()['*'] || 'overview'}</p>;
const VmDetails = ({ namespace, name }: ResourcePageProps) => (
  <div>
    <p>
      {name} in {namespace}
    </p>
    <Routes>
      <Route path="yaml" element={<p>yaml tab</p>} />
      <Route path="*" element={<Tab />} />
    </Routes>
  </div>
);

const VM = { group: 'kubevirt.io', version: 'v1', kind: 'VirtualMachine' };

const show = (url: string) => {
  extensions = [
    loaded('route', 'console.page/route', {
      path: ['/k8s/ns/:ns/virtualization-overview', '/k8s/all-namespaces/virtualization-overview'],
      component: code(Overview),
    }),
    loaded('list', 'console.page/resource/list', { model: VM, component: code(VmList) }),
    loaded('details', 'console.page/resource/details', { model: VM, component: code(VmDetails) }),
  ];
  render(
    <MemoryRouter initialEntries={[url]}>
      <PluginRoutes />
    </MemoryRouter>,
  );
};

describe('resource pages in the shell', () => {
  it("shows a kind's list in a project and in all projects", async () => {
    show('/k8s/ns/team-a/kubevirt.io~v1~VirtualMachine');
    expect(
      await screen.findByText('list of VirtualMachine (kubevirt.io~v1~VirtualMachine) in team-a'),
    ).toBeInTheDocument();
  });

  it('shows the list across projects', async () => {
    show('/k8s/all-namespaces/kubevirt.io~v1~VirtualMachine');
    expect(await screen.findByText(/in all projects/)).toBeInTheDocument();
  });

  it('shows details with their nested tab paths', async () => {
    show('/k8s/ns/team-a/kubevirt.io~v1~VirtualMachine/fedora/yaml');
    expect(await screen.findByText('fedora in team-a')).toBeInTheDocument();
    expect(screen.getByText('yaml tab')).toBeInTheDocument();
  });

  it('shows details without a tab, and deeper tab paths', async () => {
    show('/k8s/ns/team-a/kubevirt.io~v1~VirtualMachine/fedora');
    expect(await screen.findByText('tab overview')).toBeInTheDocument();
  });

  it('keeps plain routes above resource pages', async () => {
    show('/k8s/ns/team-a/virtualization-overview');
    expect(await screen.findByText('overview')).toBeInTheDocument();
  });

  it('says not found for a kind no plugin shows', async () => {
    show('/k8s/ns/team-a/core~v1~Pod');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });
});

describe('standalone routes', () => {
  const Standalone = () => {
    const page = useStandalonePage();
    return page ? <div data-testid="standalone">{page}</div> : <p>with chrome</p>;
  };
  const open = (url: string) => {
    extensions = [
      loaded('console-window', 'console.page/route/standalone', {
        path: '/k8s/ns/:ns/kubevirt.io~v1~VirtualMachine/:name/console/standalone',
        exact: true,
        component: code(() => <p>console window</p>),
      }),
    ];
    render(
      <MemoryRouter initialEntries={[url]}>
        <Standalone />
      </MemoryRouter>,
    );
  };

  it('shows the matching page on its own, without the chrome', async () => {
    open('/k8s/ns/demo/kubevirt.io~v1~VirtualMachine/vm1/console/standalone');
    expect(await screen.findByText('console window')).toBeVisible();
    expect(screen.getByTestId('standalone')).toBeInTheDocument();
  });

  it('leaves every other path to the chrome', () => {
    open('/k8s/ns/demo/kubevirt.io~v1~VirtualMachine/vm1/console');
    expect(screen.getByText('with chrome')).toBeVisible();
  });
});

describe('the quick-start catalog', () => {
  it('is at /quickstart, as in the console, listing the cluster tours', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              items: [
                {
                  metadata: { name: 'take-and-restore-vm-snapshot' },
                  spec: {
                    displayName: 'Take and restore a snapshot',
                    description: 'Snapshots with OpenShift Virtualization.',
                    introduction: 'About snapshots.',
                    tasks: [],
                  },
                },
              ],
            }),
            { status: 200, headers: { 'Content-Type': 'application/json' } },
          ),
      ),
    );
    extensions = [];
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter initialEntries={['/quickstart']}>
          <QuickStartsProvider>
            <PluginRoutes home="/k8s/all-namespaces/virtualization-overview" />
          </QuickStartsProvider>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Quick Starts', level: 1 })).toBeVisible();
    expect(
      await screen.findByRole('button', { name: 'Take and restore a snapshot' }),
    ).toBeInTheDocument();
  });
});
