// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BootableVolume } from '../flow';
import { OS_IMAGES_NAMESPACE } from './bootableVolumes';
import { BootableVolumesSection } from './BootableVolumesSection';
import { dataSource, lists, renderWithClient, statusError } from './testSupport';

vi.mock('../../../../api/watch', async () => (await import('./testSupport')).fakeWatch);
vi.mock('../../../../api/access', () => ({
  useAccessReview: (attrs: object | null) => ({ allowed: attrs !== null, loading: false }),
}));
vi.mock('../../../../api/k8s', () => ({ k8sCreate: vi.fn(), k8sDelete: vi.fn() }));
vi.mock('@openshift-console/dynamic-plugin-sdk', async (importOriginal) => {
  const react = await import('react');
  return {
    ...(await importOriginal<object>()),
    useUserPreference: <T,>(_key: string, initial: T) => [...react.useState(initial), true],
  };
});

const OS_NAMES = [
  ['alma', 'linux'],
  ['centos-stream9', 'centos.stream9'],
  ['debian12', 'debian'],
  ['fedora', 'fedora'],
  ['opensuse', 'opensuse.tumbleweed'],
  ['rhel8', 'rhel.8'],
  ['rhel9', 'rhel.9'],
  ['ubuntu', 'ubuntu'],
  ['win2k22', 'windows.2k22'],
] as const;

const tenVolumes = () => [
  ...OS_NAMES.map(([name, preference]) => dataSource(name, { preference })),
  dataSource('rhel10', {
    preference: 'rhel.10',
    ready: false,
    message: 'Import DataVolume phase ImportInProgress',
  }),
];

/** The section as the flow holds it: the selection is the flow's state. */
const Flow = ({
  namespace,
  onSelect,
}: {
  namespace?: string;
  onSelect?: (v: BootableVolume) => void;
}) => {
  const [selected, setSelected] = useState<BootableVolume>();
  return (
    <BootableVolumesSection
      namespace={namespace}
      selected={selected}
      onSelect={(volume) => {
        setSelected(volume);
        onSelect?.(volume);
      }}
    />
  );
};

const bodyRows = () =>
  within(screen.getByRole('grid', { name: 'Bootable volumes' }))
    .getAllByRole('row')
    .slice(1);
/** The first line of each row's Volume name cell: the display name. */
const rowNames = () =>
  bodyRows().map((row) => within(row).getAllByRole('cell')[2]!.firstElementChild?.textContent);

beforeEach(() => {
  lists.reset();
  lists.set('DataSource', OS_IMAGES_NAMESPACE, { data: tenVolumes() });
});

describe('BootableVolumesSection', () => {
  it('titles the step, offers help with the Windows quick start, and shows the first 8 rows until Show all', async () => {
    renderWithClient(<Flow namespace="team" />);
    expect(screen.getByRole('heading', { name: 'Select volume to boot from' })).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'About volumes to boot from' }));
    expect(
      await screen.findByRole('link', { name: 'Windows boot source quick start' }),
    ).toHaveAttribute('href', '/quickstart?quickstart=windows-bootsource-pipeline');

    expect(bodyRows()).toHaveLength(8);
    await userEvent.click(screen.getByRole('button', { name: 'Show all (10)' }));
    expect(bodyRows()).toHaveLength(10);
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });

  it('selects a volume by its radio or its row; a volume not ready is shown, disabled, with the reason', async () => {
    const onSelect = vi.fn();
    renderWithClient(<Flow namespace="team" onSelect={onSelect} />);
    await userEvent.click(screen.getByRole('radio', { name: 'Select fedora' }));
    expect(onSelect).toHaveBeenLastCalledWith(
      expect.objectContaining({
        source: { kind: 'DataSource', namespace: OS_IMAGES_NAMESPACE, name: 'fedora' },
        preference: 'fedora',
        ready: true,
      }),
    );
    expect(screen.getByRole('radio', { name: 'Select fedora' })).toBeChecked();

    await userEvent.click(screen.getByText('debian12'));
    expect(onSelect).toHaveBeenLastCalledWith(expect.objectContaining({ displayName: 'debian12' }));
    expect(screen.getByRole('radio', { name: 'Select debian12' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Select fedora' })).not.toBeChecked();

    const notReady = screen.getByRole('radio', { name: 'Select rhel10' });
    expect(notReady).toBeDisabled();
    const row = notReady.closest('tr') as HTMLElement;
    expect(within(row).getByText('Not ready')).toBeVisible();
    expect(within(row).getByText('Import DataVolume phase ImportInProgress')).toBeVisible();
    await userEvent.click(within(row).getByText('rhel10'));
    expect(onSelect).toHaveBeenCalledTimes(2);
  });

  it('lists favourites first, and a star toggles back', async () => {
    renderWithClient(<Flow namespace="team" />);
    expect(rowNames()[0]).toBe('alma');
    await userEvent.click(screen.getByRole('button', { name: 'Show all (10)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add win2k22 to favorites' }));
    expect(rowNames()[0]).toBe('win2k22');
    const starred = screen.getByRole('button', { name: 'Remove win2k22 from favorites' });
    expect(starred).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(starred);
    expect(rowNames()[0]).toBe('alma');
  });

  it('searches by name, OS and preference, and sorts by a column', async () => {
    renderWithClient(<Flow namespace="team" />);
    const search = screen.getByRole('textbox', { name: 'Search volumes' });
    await userEvent.type(search, 'rhel');
    expect(rowNames()).toEqual(['rhel8', 'rhel9', 'rhel10']);
    await userEvent.click(screen.getByRole('button', { name: 'Volume name' }));
    expect(rowNames()).toEqual(['rhel10', 'rhel9', 'rhel8']);
    await userEvent.clear(search);
    await userEvent.type(search, 'windows');
    expect(rowNames()).toEqual(['win2k22']);
    await userEvent.clear(search);
    await userEvent.type(search, 'nothing-like-it');
    expect(screen.getByText('No volumes match the search')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(bodyRows()).toHaveLength(8);
  });

  it('offers the common OSes that have no volume, each with Add volume', async () => {
    lists.set('DataSource', OS_IMAGES_NAMESPACE, {
      data: [
        dataSource('fedora', { preference: 'fedora' }),
        dataSource('rhel9', { preference: 'rhel.9' }),
        dataSource('centos-stream10', { preference: 'centos.stream10', ready: false }),
      ],
    });
    lists.set('VirtualMachineClusterPreference', undefined, {
      data: [{ metadata: { name: 'windows.2k22' } }, { metadata: { name: 'fedora' } }],
    });
    renderWithClient(<Flow namespace="team" />);
    const tiles = screen.getByRole('region', { name: 'Operating systems without a volume' });
    expect(
      within(tiles)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Add volume for CentOS Stream', 'Add volume for Windows']);
    await userEvent.click(within(tiles).getByRole('button', { name: 'Add volume for Windows' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add volume' });
    expect(within(dialog).getByRole('combobox', { name: 'Preference' })).toHaveValue(
      'windows.2k22',
    );
  });

  it('with no volume at all, shows the Windows, RHEL and Linux logos and Add volume', async () => {
    lists.set('DataSource', OS_IMAGES_NAMESPACE, { data: [] });
    renderWithClient(<Flow namespace="team" />);
    expect(screen.getByText('No volumes to boot from')).toBeVisible();
    expect(screen.getAllByRole('img').map((img) => img.getAttribute('aria-label'))).toEqual([
      'Windows',
      'Red Hat Enterprise Linux',
      'Linux',
    ]);
    expect(screen.queryByRole('grid')).toBeNull();
    const adds = screen.getAllByRole('button', { name: 'Add volume' });
    expect(adds).toHaveLength(2);
    await userEvent.click(adds[1]!);
    expect(await screen.findByRole('dialog', { name: 'Add volume' })).toBeVisible();
  });

  it('opens Add volume from the toolbar', async () => {
    renderWithClient(<Flow namespace="team" />);
    await userEvent.click(screen.getByRole('button', { name: 'Add volume' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add volume' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a skeleton while loading, and the server’s message when a list fails', () => {
    lists.set('PersistentVolumeClaim', OS_IMAGES_NAMESPACE, { data: [], loaded: false });
    const { unmount } = renderWithClient(<Flow namespace="team" />);
    expect(screen.getAllByText('Loading volumes').length).toBeGreaterThan(0);
    expect(screen.queryByRole('grid')).toBeNull();
    unmount();

    lists.set('PersistentVolumeClaim', OS_IMAGES_NAMESPACE, {
      error: statusError(500, 'etcdserver: request timed out'),
    });
    renderWithClient(<Flow namespace="team" />);
    expect(screen.getByText('etcdserver: request timed out')).toBeVisible();
    expect(bodyRows()).toHaveLength(8);
  });
});
