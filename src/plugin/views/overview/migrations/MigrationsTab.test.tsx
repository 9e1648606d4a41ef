// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  overviewBFF,
  promQuery,
  renderAt,
  scopeOf,
  statusError,
  vector,
  watchState,
} from '../testSupport';
import { MigrationsTab } from './MigrationsTab';

// Whole tabs render here: slow machines need more than the default 5 s.
vi.setConfig({ testTimeout: 20_000 });

vi.mock('../../../api/watch', async () => (await import('../testSupport')).fakeWatch);

const NOW = Date.now();
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

const MIGRATIONS = [
  {
    metadata: { name: 'mig-done', namespace: 'dev', creationTimestamp: ago(600) },
    spec: { vmiName: 'fedora' },
    status: {
      phase: 'Succeeded',
      migrationState: {
        sourceNode: 'node-1',
        targetNode: 'node-2',
        startTimestamp: ago(600),
        endTimestamp: ago(525),
      },
    },
  },
  {
    metadata: { name: 'mig-now', namespace: 'dev', creationTimestamp: ago(30) },
    spec: { vmiName: 'rhel' },
    status: {
      phase: 'Running',
      migrationState: { sourceNode: 'node-2', targetNode: 'node-1', startTimestamp: ago(30) },
    },
  },
  {
    metadata: { name: 'mig-old', namespace: 'dev', creationTimestamp: ago(3 * 86400) },
    spec: { vmiName: 'old-vm' },
    status: { phase: 'Failed', migrationState: { failureReason: 'no other node can take the VM' } },
  },
];

const PROCESSED =
  'sum by (namespace, name) (kubevirt_vmi_migration_data_processed_bytes{namespace="dev",name=~"rhel"})';
const REMAINING =
  'sum by (namespace, name) (kubevirt_vmi_migration_data_remaining_bytes{namespace="dev",name=~"rhel"})';

beforeEach(() => watchState.reset());

describe('MigrationsTab', () => {
  it('lists the period’s migrations with VM, phase, nodes, progress and duration', async () => {
    const bff = overviewBFF({
      prometheus: (query) =>
        query === PROCESSED
          ? vector([{ metric: { namespace: 'dev', name: 'rhel' }, value: 300 }])
          : query === REMAINING
            ? vector([{ metric: { namespace: 'dev', name: 'rhel' }, value: 100 }])
            : undefined,
    });
    vi.stubGlobal('fetch', bff.fetch);
    watchState.lists.set('VirtualMachineInstanceMigration@dev', { data: MIGRATIONS, loaded: true });
    renderAt(<MigrationsTab scope={scopeOf({ namespace: 'dev' })} />);

    const table = await screen.findByRole('grid', { name: 'Migrations' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // Newest first; the failed one of three days ago is outside the last 24 hours.
    expect(within(rows[0] as HTMLElement).getByRole('link', { name: 'rhel' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/kubevirt.io~v1~VirtualMachine/rhel',
    );
    expect(rows[0]).toHaveTextContent('Running');
    expect(
      await within(rows[0] as HTMLElement).findByRole('progressbar', {
        name: 'Progress of the migration of rhel',
      }),
    ).toHaveAttribute('aria-valuenow', '75');
    expect(rows[1]).toHaveTextContent('fedora');
    expect(rows[1]).toHaveTextContent('Succeeded');
    expect(rows[1]).toHaveTextContent('node-1');
    expect(rows[1]).toHaveTextContent('node-2');
    expect(rows[1]).toHaveTextContent('Completed');
    expect(rows[1]).toHaveTextContent('1 min 15 s');
    expect(screen.queryByText('old-vm')).toBeNull();
    expect(screen.getByText('1 in progress, 1 succeeded, 0 failed')).toBeVisible();
    expect(screen.getByRole('figure', { name: /Migrations over time/ })).toBeInTheDocument();
    expect(bff.calls.map(promQuery)).toEqual(expect.arrayContaining([PROCESSED, REMAINING]));
  });

  it('filters by time, the period in the URL', async () => {
    vi.stubGlobal('fetch', overviewBFF().fetch);
    watchState.lists.set('VirtualMachineInstanceMigration', { data: MIGRATIONS, loaded: true });
    renderAt(<MigrationsTab scope={scopeOf()} />);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Period' }), '7d');
    expect(screen.getByTestId('location')).toHaveTextContent('period=7d');
    const old = await screen.findByRole('link', { name: 'old-vm' });
    const row = old.closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('Failed');
    expect(row).toHaveTextContent('no other node can take the VM');
    // All projects: the project is a column.
    expect(screen.getByRole('columnheader', { name: 'Project' })).toBeVisible();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Period' }), '1h');
    expect(screen.queryByRole('link', { name: 'old-vm' })).toBeNull();
    expect(screen.getByRole('link', { name: 'rhel' })).toBeVisible();
  });

  it('says when there are no migrations yet', async () => {
    vi.stubGlobal('fetch', overviewBFF().fetch);
    renderAt(<MigrationsTab scope={scopeOf()} />);
    expect(await screen.findByRole('heading', { name: 'No migrations yet' })).toBeVisible();
  });

  it('says when the user may not list them, and asks a confined user for a project', async () => {
    vi.stubGlobal('fetch', overviewBFF().fetch);
    watchState.lists.set('VirtualMachineInstanceMigration', {
      data: [],
      loaded: true,
      error: statusError(403, 'forbidden'),
    });
    const { unmount } = renderAt(<MigrationsTab scope={scopeOf({ namespace: 'other' })} />);
    expect(await screen.findByText('You may not list the migrations here.')).toBeVisible();
    unmount();
    renderAt(<MigrationsTab scope={scopeOf({ clusterViewer: false, metricsAllowed: false })} />);
    expect(
      screen.getByText(
        'Choose a project to see its migrations: you may list them in one project at a time.',
      ),
    ).toBeVisible();
  });
});
