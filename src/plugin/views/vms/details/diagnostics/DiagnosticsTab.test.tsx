// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pod } from '../../../../api/types';
import { BASE_PATH, makeVm, makeVmi, NAME, NS, renderAt, watchState } from '../testSupport';
import { DiagnosticsTab } from './DiagnosticsTab';

vi.mock('../../../../api/watch', async () => (await import('../testSupport')).fakeWatch);

const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  watchState.reset();
  fetchMock.mockReset();
  vi.stubGlobal('fetch', fetchMock);
});

const pod = (containers: string[]): Pod => ({
  metadata: { name: `virt-launcher-${NAME}-abcde`, namespace: NS },
  spec: { containers: containers.map((name) => ({ name })) },
});

describe('DiagnosticsTab', () => {
  // KubeVirt's conditions carry their transition time; the generated type leaves it out.
  const readyCondition = {
    type: 'Ready',
    status: 'True',
    reason: 'VMIReady',
    lastTransitionTime: '2026-01-02T10:00:00Z',
  };

  it('tables the VM, VMI and DataVolume conditions and the volume snapshot status', () => {
    const vm = makeVm({
      status: {
        printableStatus: 'Running',
        conditions: [readyCondition],
        volumeSnapshotStatuses: [
          { name: 'rootdisk', enabled: true },
          {
            name: 'cloudinit',
            enabled: false,
            reason: 'Snapshot is not supported for this volumeSource type [cloudinit]',
          },
        ],
      },
    });
    watchState.lists.set('DataVolume', {
      loaded: true,
      data: [
        {
          metadata: { name: `${NAME}-rootdisk`, namespace: NS },
          status: {
            phase: 'Succeeded',
            conditions: [{ type: 'Bound', status: 'True', reason: 'Bound', message: 'PVC bound' }],
          },
        },
        { metadata: { name: 'unrelated', namespace: NS }, status: { phase: 'Succeeded' } },
      ],
    });
    renderAt(<DiagnosticsTab namespace={NS} name={NAME} vm={vm} vmi={makeVmi()} rest={[]} />);
    expect(
      within(screen.getByRole('grid', { name: 'VirtualMachine conditions' })).getByText('VMIReady'),
    ).toBeVisible();
    expect(screen.getByRole('grid', { name: 'VirtualMachineInstance conditions' })).toBeVisible();
    expect(
      within(
        screen.getByRole('grid', { name: `Conditions of DataVolume ${NAME}-rootdisk` }),
      ).getByText('PVC bound'),
    ).toBeVisible();
    expect(screen.queryByText(/unrelated/)).toBeNull();
    const snapshots = screen.getByRole('grid', { name: 'Volume snapshot status' });
    expect(within(snapshots).getByText(/not supported for this volumeSource/)).toBeVisible();
  });

  it('explains that no guest log exists without the guest-console-log container, pointing to the console', () => {
    renderAt(
      <DiagnosticsTab
        namespace={NS}
        name={NAME}
        vm={makeVm()}
        vmi={makeVmi()}
        pod={pod(['compute'])}
        rest={[]}
      />,
    );
    expect(screen.getByText('Guest system log not available')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Open the serial console' })).toHaveAttribute(
      'href',
      `${BASE_PATH}/console`,
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('reads the serial console log from the pod log when the container is there, as plain text', async () => {
    fetchMock.mockResolvedValue(
      new Response('[    0.000000] Linux version 6.1.0\r\n\u001b[1;32mlogin:\u001b[0m', {
        status: 200,
      }),
    );
    renderAt(
      <DiagnosticsTab
        namespace={NS}
        name={NAME}
        vm={makeVm()}
        vmi={makeVmi()}
        pod={pod(['compute', 'guest-console-log'])}
        rest={[]}
      />,
    );
    const log = await screen.findByText(/Linux version 6.1.0/);
    expect(log.textContent).toBe('[    0.000000] Linux version 6.1.0\nlogin:');
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(
      `/api/proxy/plugin/virtualization-plugin/bff/k8s/api/v1/namespaces/${NS}/pods/virt-launcher-${NAME}-abcde/log?container=guest-console-log&tailLines=1000`,
    );
  });
});
