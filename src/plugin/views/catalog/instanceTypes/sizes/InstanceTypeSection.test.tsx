// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAt, watchState } from '../../../vms/details/testSupport';
import type { BootableVolume, InstanceTypeChoice } from '../flow';
import { InstanceTypeSection } from './InstanceTypeSection';
import { clusterTypes, instancetype } from './testTypes';

vi.mock(
  '../../../../api/watch',
  async () => (await import('../../../vms/details/testSupport')).fakeWatch,
);

const volume = (instancetype?: string): BootableVolume => ({
  source: { kind: 'DataSource', namespace: 'openshift-virtualization-os-images', name: 'fedora' },
  displayName: 'Fedora',
  os: 'fedora',
  preference: 'fedora',
  instancetype,
  ready: true,
});

/** The section as the flow holds it: the choice kept in state, every onSelect recorded. */
const Harness = ({
  onSelect,
  initial,
  vol,
}: {
  onSelect(choice: InstanceTypeChoice): void;
  initial?: InstanceTypeChoice;
  vol?: BootableVolume;
}) => {
  const [selected, setSelected] = useState(initial);
  return (
    <InstanceTypeSection
      namespace="demo"
      volume={vol}
      selected={selected}
      onSelect={(choice) => {
        onSelect(choice);
        setSelected(choice);
      }}
    />
  );
};

const card = (name: RegExp) => screen.getByRole('radio', { name }).closest('.pf-v6-c-card');

beforeEach(() => {
  watchState.reset();
  watchState.lists.set('VirtualMachineClusterInstancetype', { loaded: true, data: clusterTypes() });
  watchState.lists.set('VirtualMachineInstancetype', { loaded: true, data: [] });
});

describe('InstanceTypeSection: Red Hat provided', () => {
  it('shows a card per series with what it is for, and pre-selects u1.medium once', async () => {
    const onSelect = vi.fn();
    renderAt(<Harness onSelect={onSelect} />);
    expect(screen.getByRole('heading', { name: 'Select InstanceType' })).toBeVisible();
    expect(screen.getByRole('tab', { name: 'Red Hat provided' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const radios = within(screen.getByRole('radiogroup', { name: 'InstanceType series' }))
      .getAllByRole('radio')
      .map((radio) => radio.getAttribute('aria-labelledby'));
    expect(radios).toHaveLength(7);
    expect(screen.getByRole('radio', { name: 'U series Universal' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'CX series Compute-exclusive' })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: 'N series Network-intensive' })).toBeVisible();
    expect(
      screen.getByText(
        'Hugepages, dedicated CPU, isolated emulator thread, vNUMA; vCPU to memory 1:2',
      ),
    ).toBeVisible();
    expect(screen.getByRole('radio', { name: 'Other Cluster InstanceTypes' })).toBeVisible();
    expect(screen.getByRole('button', { name: /^Size of U series/ })).toHaveTextContent(
      'medium: 1 vCPU | 4 GiB',
    );
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenCalledWith({
      cluster: true,
      name: 'u1.medium',
      cpu: 1,
      memory: '4Gi',
    });
    expect(screen.getByText('Selected InstanceType: u1.medium (1 vCPU | 4 GiB)')).toBeVisible();
  });

  it("pre-selects the volume's default instance type", () => {
    const onSelect = vi.fn();
    renderAt(<Harness onSelect={onSelect} vol={volume('u1.large')} />);
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect).toHaveBeenCalledWith({
      cluster: true,
      name: 'u1.large',
      cpu: 2,
      memory: '8Gi',
    });
    expect(screen.getByRole('button', { name: /^Size of U series/ })).toHaveTextContent(
      'large: 2 vCPU | 8 GiB',
    );
  });

  it('waits for the lists, and leaves an existing choice alone', () => {
    watchState.lists.set('VirtualMachineClusterInstancetype', { loaded: false, data: [] });
    const onSelect = vi.fn();
    const { rerender } = renderAt(<InstanceTypeSection namespace="demo" onSelect={onSelect} />);
    expect(screen.getByLabelText('Loading InstanceTypes')).toBeVisible();
    expect(onSelect).not.toHaveBeenCalled();

    watchState.lists.set('VirtualMachineClusterInstancetype', {
      loaded: true,
      data: clusterTypes(),
    });
    const chosen = { cluster: true, name: 'm1.large', cpu: 2, memory: '16Gi' };
    rerender(<InstanceTypeSection namespace="demo" selected={chosen} onSelect={onSelect} />);
    expect(onSelect).not.toHaveBeenCalled();
    expect(screen.getByRole('radio', { name: 'M series Memory-intensive' })).toBeChecked();
  });

  it('selects the current size of a clicked card, and highlights it', async () => {
    const onSelect = vi.fn();
    renderAt(<Harness onSelect={onSelect} />);
    await userEvent.click(screen.getByText('Memory-intensive'));
    expect(onSelect).toHaveBeenLastCalledWith({
      cluster: true,
      name: 'm1.large',
      cpu: 2,
      memory: '16Gi',
    });
    expect(screen.getByRole('radio', { name: 'M series Memory-intensive' })).toBeChecked();
    expect(card(/^M series/)).toHaveClass('pf-m-current');
    expect(card(/^U series/)).not.toHaveClass('pf-m-current');
  });

  it('is keyboard operable: the series are radios', async () => {
    const onSelect = vi.fn();
    renderAt(<Harness onSelect={onSelect} />);
    screen.getByRole('radio', { name: 'O series Overcommitted' }).focus();
    await userEvent.keyboard(' ');
    expect(onSelect).toHaveBeenLastCalledWith({
      cluster: true,
      name: 'o1.small',
      cpu: 1,
      memory: '2Gi',
    });
  });

  it('picks a size from the size menu, each size with its vCPU and memory', async () => {
    const onSelect = vi.fn();
    renderAt(<Harness onSelect={onSelect} />);
    await userEvent.click(screen.getByRole('button', { name: /^Size of U series/ }));
    const sizes = screen.getAllByRole('option').map((option) => option.textContent);
    expect(sizes).toEqual([
      'nano1 vCPU | 512 MiB',
      'medium1 vCPU | 4 GiB',
      '2xmedium2 vCPU | 4 GiB',
      'large2 vCPU | 8 GiB',
      'xlarge4 vCPU | 16 GiB',
      '8xlarge32 vCPU | 128 GiB',
    ]);
    await userEvent.click(screen.getByRole('option', { name: /^xlarge/ }));
    expect(onSelect).toHaveBeenLastCalledWith({
      cluster: true,
      name: 'u1.xlarge',
      cpu: 4,
      memory: '16Gi',
    });
    expect(screen.getByRole('button', { name: /^Size of U series/ })).toHaveTextContent(
      'xlarge: 4 vCPU | 16 GiB',
    );
    // Picking in another card moves the selection there.
    await userEvent.click(screen.getByRole('button', { name: /^Size of N series/ }));
    await userEvent.click(screen.getByRole('option', { name: /^medium/ }));
    expect(onSelect).toHaveBeenLastCalledWith({
      cluster: true,
      name: 'n1.medium',
      cpu: 4,
      memory: '4Gi',
    });
    expect(screen.getByRole('radio', { name: 'N series Network-intensive' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'U series Universal' })).not.toBeChecked();
  });

  it("shows the server's message when the cluster's types cannot be listed", () => {
    watchState.lists.set('VirtualMachineClusterInstancetype', {
      loaded: true,
      data: [],
      error: new Error('instancetypes are forbidden'),
    });
    renderAt(<InstanceTypeSection namespace="demo" onSelect={vi.fn()} />);
    expect(screen.getByText('instancetypes are forbidden')).toBeVisible();
  });
});

describe('InstanceTypeSection: User provided', () => {
  it("lists the project's instance types and selects one", async () => {
    watchState.lists.set('VirtualMachineInstancetype', {
      loaded: true,
      data: [instancetype('team-large', 8, '32Gi'), instancetype('team-small', 1, '1536Mi')],
    });
    const onSelect = vi.fn();
    renderAt(<Harness onSelect={onSelect} />);
    await userEvent.click(screen.getByRole('tab', { name: 'User provided' }));
    const table = screen.getByRole('grid', { name: 'User provided InstanceTypes' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .slice(1)
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['team-large', '8', '32 GiB'],
      ['team-small', '1', '1536 MiB'],
    ]);
    await userEvent.click(within(table).getByRole('radio', { name: 'Select team-small' }));
    expect(onSelect).toHaveBeenLastCalledWith({
      cluster: false,
      name: 'team-small',
      cpu: 1,
      memory: '1536Mi',
    });
    expect(within(table).getByRole('radio', { name: 'Select team-small' })).toBeChecked();
    await userEvent.click(within(table).getByText('team-large'));
    expect(onSelect).toHaveBeenLastCalledWith({
      cluster: false,
      name: 'team-large',
      cpu: 8,
      memory: '32Gi',
    });
    // The Red Hat cards no longer show a selection.
    await userEvent.click(screen.getByRole('tab', { name: 'Red Hat provided' }));
    expect(screen.getByRole('radio', { name: 'U series Universal' })).not.toBeChecked();
  });

  it('shows an empty state when the project has none', async () => {
    renderAt(<Harness onSelect={vi.fn()} />);
    await userEvent.click(screen.getByRole('tab', { name: 'User provided' }));
    expect(screen.getByText('No user provided InstanceTypes')).toBeVisible();
    expect(screen.getByText('The project demo has no VirtualMachineInstancetypes.')).toBeVisible();
  });
});
