// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VmSummary } from '../../../api/vmIndex';
import { overviewBFF, QuietEventSource, renderAt } from '../testSupport';
import { RunningVmsCard } from './RunningVmsCard';

const vm = (name: string, template: string, os?: string): VmSummary => ({
  namespace: 'dev',
  name,
  standalone: false,
  status: 'Running',
  ips: [],
  labels: template ? { 'vm.kubevirt.io/template': template } : {},
  conditions: [],
  os,
});

beforeEach(() => vi.stubGlobal('EventSource', QuietEventSource));

describe('RunningVmsCard', () => {
  it('ranks running VMs per template and per OS, each linking to the filtered list', async () => {
    const bff = overviewBFF({
      vms: () => ({
        body: {
          items: [
            vm('a', 'fedora-server-small', 'Fedora Linux 40'),
            vm('b', 'fedora-server-small', 'Fedora Linux 40'),
            vm('c', '', 'Windows'),
          ],
          total: 1200,
          resourceVersion: '1',
        },
      }),
    });
    vi.stubGlobal('fetch', bff.fetch);
    renderAt(<RunningVmsCard namespace="dev" />);
    const perTemplate = await screen.findByRole('list', { name: 'Per template' });
    const items = within(perTemplate).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('fedora-server-small 2');
    expect(items[1]).toHaveTextContent('No template 1');
    expect(within(perTemplate).getByRole('link', { name: 'fedora-server-small' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/kubevirt.io~v1~VirtualMachine?status=Running&label=vm.kubevirt.io%2Ftemplate%3Dfedora-server-small',
    );
    const perOs = screen.getByRole('list', { name: 'Per operating system' });
    expect(within(perOs).getByRole('link', { name: 'Fedora Linux 40' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/kubevirt.io~v1~VirtualMachine?status=Running&os=Fedora+Linux+40',
    );
    expect(screen.getByText('Counted over the first 3 of 1200 running VMs.')).toBeVisible();
    expect(bff.calls.map((c) => c.path)).toContain('vms?namespace=dev&status=Running&limit=1000');
  });

  it('says when no VM runs', async () => {
    vi.stubGlobal('fetch', overviewBFF().fetch);
    renderAt(<RunningVmsCard />);
    expect(await screen.findByText('No VirtualMachine is running.')).toBeVisible();
  });
});
