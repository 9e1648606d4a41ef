// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { overviewBFF, QuietEventSource, renderAt, scopeOf, watchState } from '../testSupport';
import { InventoryCard } from './InventoryCard';

// Whole tabs render here: slow machines need more than the default 5 s.
vi.setConfig({ testTimeout: 20_000 });

vi.mock('../../../api/watch', async () => (await import('../testSupport')).fakeWatch);

const objects = (namespace: string, ...names: string[]) =>
  names.map((name) => ({ metadata: { namespace, name } }));

/** The index's total for a question: by its status filter. */
const TOTALS: Record<string, number> = { '': 7, Running: 3, Stopped: 2, Migrating: 1 };

beforeEach(() => {
  watchState.reset();
  vi.stubGlobal('EventSource', QuietEventSource);
});

describe('InventoryCard', () => {
  it('counts VMs by status from the VM index, each linking to the filtered list', async () => {
    const bff = overviewBFF({
      vms: (search) => ({
        body: { items: [], total: TOTALS[search.get('status') ?? ''] ?? 0, resourceVersion: '1' },
      }),
    });
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(<InventoryCard scope={scopeOf({ namespace: 'dev' })} />);
    const all = await screen.findByRole('link', { name: '7 VirtualMachines' });
    expect(all).toHaveAttribute('href', '/k8s/ns/dev/kubevirt.io~v1~VirtualMachine');
    expect(await screen.findByRole('link', { name: '3 Running VirtualMachines' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/kubevirt.io~v1~VirtualMachine?status=Running',
    );
    expect(await screen.findByRole('link', { name: '1 Migrating VirtualMachines' })).toBeVisible();
    const error = await screen.findByRole('link', { name: '0 Error VirtualMachines' });
    expect(error.getAttribute('href')).toContain('status=ErrorUnschedulable%2CCrashLoopBackOff');
    const questions = bff.calls.filter((c) => c.path.startsWith('vms?')).map((c) => c.path);
    expect(questions).toContain('vms?namespace=dev&limit=1');
    expect(questions).toContain('vms?namespace=dev&status=Running&limit=1');
  });

  it('counts templates (common and the project’s), bootable volumes, nodes and networks', async () => {
    vi.stubGlobal('fetch', overviewBFF().fetch);
    watchState.lists.set('Template@openshift', {
      data: objects('openshift', 'fedora', 'rhel9'),
      loaded: true,
    });
    watchState.lists.set('Template@dev', { data: objects('dev', 'mine'), loaded: true });
    watchState.lists.set('DataSource@openshift-virtualization-os-images', {
      data: objects('openshift-virtualization-os-images', 'fedora', 'rhel9', 'centos'),
      loaded: true,
    });
    watchState.lists.set('Node', { data: objects('', 'node-1', 'node-2'), loaded: true });
    watchState.lists.set('NetworkAttachmentDefinition@dev', {
      data: objects('dev', 'br1'),
      loaded: true,
    });
    renderAt(<InventoryCard scope={scopeOf({ namespace: 'dev' })} />);
    expect(await screen.findByRole('link', { name: '3 Templates' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/template.openshift.io~v1~Template',
    );
    expect(screen.getByRole('link', { name: '3 Bootable volumes' })).toHaveAttribute(
      'href',
      '/k8s/ns/openshift-virtualization-os-images/cdi.kubevirt.io~v1beta1~DataSource',
    );
    expect(await screen.findByRole('link', { name: '2 Nodes' })).toHaveAttribute(
      'href',
      '/k8s/cluster/nodes',
    );
    expect(screen.getByRole('link', { name: '1 Networks' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/k8s.cni.cncf.io~v1~NetworkAttachmentDefinition',
    );
  });

  it('tells a user who may not list nodes that they are for administrators', async () => {
    vi.stubGlobal('fetch', overviewBFF({ access: { nodes: false } }).fetch);
    renderAt(
      <InventoryCard
        scope={scopeOf({ clusterViewer: false, namespace: 'dev', metricsNamespace: 'dev' })}
      />,
    );
    const nodes = (await screen.findByText('Nodes')).closest('.pf-v6-c-description-list__group');
    expect(await within(nodes as HTMLElement).findByText('Administrators only')).toBeVisible();
    expect(watchState.asked).not.toContain('Node@');
  });

  it('asks a confined user looking at all projects to choose one for networks', async () => {
    vi.stubGlobal('fetch', overviewBFF({ access: { nodes: false } }).fetch);
    renderAt(<InventoryCard scope={scopeOf({ clusterViewer: false, metricsAllowed: false })} />);
    expect(await screen.findByText('Choose a project')).toBeVisible();
    expect(watchState.asked).not.toContain('NetworkAttachmentDefinition@');
    // Only the common templates: the user may not list templates in every project.
    expect(watchState.asked).toContain('Template@openshift');
    expect(watchState.asked).not.toContain('Template@');
  });
});
