// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import CheckupsPage from './CheckupsPage';
import {
  checkupConfigMap,
  checkupJob,
  CMS,
  installAll,
  JOBS,
  latencyData,
  NADS,
  NODES,
  renderAt,
  setUpFakeCluster,
} from './testSupport';

vi.setConfig({ testTimeout: 30_000 });

const cluster = setUpFakeCluster();
const RBAC = '/apis/rbac.authorization.k8s.io/v1';

const table = (name: string) =>
  screen.findByRole('grid', { name }).catch(() => screen.findByRole('table', { name }));

describe('CheckupsPage', () => {
  it('opens the tab the path names and keeps the chosen tab in the path', async () => {
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups');
    expect(screen.getByRole('heading', { level: 1, name: 'Checkups' })).toBeVisible();
    expect(
      await screen.findByRole('tab', { name: 'Network latency', selected: true }),
    ).toBeVisible();
    await userEvent.click(screen.getByRole('tab', { name: 'Storage' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/k8s/ns/dev/checkups/storage');
    expect(await screen.findByRole('heading', { name: 'No storage checkups' })).toBeVisible();
  });

  it('says what a checkup is and what to do first, and offers Run only once permissions are installed', async () => {
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    expect(
      await screen.findByRole('heading', { name: 'No network latency checkups' }),
    ).toBeVisible();
    expect(screen.getByText(/First select Install permissions/)).toBeVisible();
    expect(await screen.findByText('Permissions not installed')).toBeVisible();
    const run = screen.getByRole('button', { name: 'Run checkup' });
    await waitFor(() => expect(run).toHaveAttribute('aria-disabled', 'true'));
    expect(run).toHaveAccessibleDescription(
      'Install permissions first: the checkup runs as service account vm-latency-checkup-sa.',
    );
    expect(screen.getByRole('button', { name: 'Install permissions' })).not.toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });

  it('shows what Install permissions creates, creates it, and then offers Run and Remove', async () => {
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    const install = await screen.findByRole('button', { name: 'Install permissions' });
    await waitFor(() => expect(install).not.toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(install);
    const dialog = await screen.findByRole('dialog');
    const objects = within(dialog).getByRole('grid', { name: 'Objects to create' });
    expect(within(objects).getByText('vm-latency-checkup-sa')).toBeVisible();
    const rules = within(dialog).getByRole('grid', {
      name: 'Rules of Role kubevirt-vm-latency-checker',
    });
    expect(within(rules).getByText('virtualmachineinstances/console')).toBeVisible();
    expect(within(rules).getByText('get, create, delete')).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Show YAML' }));
    expect(within(dialog).getByText(/kind: RoleBinding/)).toBeInTheDocument();
    expect(cluster.current.writes()).toEqual([]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Install' }));
    expect(
      await within(dialog).findByText('RoleBinding kiagnose-configmap-access: Created'),
    ).toBeVisible();
    expect(cluster.current.writes()).toEqual([
      'POST k8s/api/v1/namespaces/dev/serviceaccounts',
      `POST k8s${RBAC}/namespaces/dev/roles`,
      `POST k8s${RBAC}/namespaces/dev/rolebindings`,
      `POST k8s${RBAC}/namespaces/dev/roles`,
      `POST k8s${RBAC}/namespaces/dev/rolebindings`,
    ]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('Permissions installed')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Remove permissions' })).toBeVisible();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Run checkup' })).not.toHaveAttribute(
        'aria-disabled',
        'true',
      ),
    );
  });

  it('says which right is missing when the user may not install', async () => {
    cluster.current.access = (q) => !(q.resource === 'roles' && q.verb === 'create');
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    const install = await screen.findByRole('button', { name: 'Install permissions' });
    await waitFor(() =>
      expect(install).toHaveAccessibleDescription(
        'You need permission to create Roles in project dev.',
      ),
    );
    expect(install).toHaveAttribute('aria-disabled', 'true');
  });

  it('runs a latency checkup from the form: validation as typed, the ConfigMap and the Job sent, then its page', async () => {
    installAll(cluster.current, 'network');
    cluster.current.add(NADS, { metadata: { name: 'blue' } });
    cluster.current.add(NODES, { metadata: { name: 'node-a' } });
    cluster.current.add(NODES, { metadata: { name: 'node-b' } });
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    const run = await screen.findByRole('button', { name: 'Run checkup' });
    await waitFor(() => expect(run).not.toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(run);
    const dialog = await screen.findByRole('dialog');

    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    expect((name as HTMLInputElement).value).toMatch(/^kubevirt-vm-latency-checkup-[a-z0-9]{5}$/);
    await userEvent.clear(name);
    await userEvent.type(name, 'Lat');
    expect(within(dialog).getByText(/Use lowercase letters, digits/)).toBeVisible();
    await userEvent.clear(name);
    await userEvent.type(name, 'lat-1');
    expect(within(dialog).queryByText(/Use lowercase letters, digits/)).toBeNull();

    // Run with nothing chosen: every problem is named.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Run' }));
    expect(await within(dialog).findByText('Select a NetworkAttachmentDefinition.')).toBeVisible();

    await userEvent.selectOptions(
      await within(dialog).findByRole('combobox', { name: 'NetworkAttachmentDefinition' }),
      'blue',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Sample duration (seconds)' }),
      '5s',
    );
    expect(
      within(dialog).getByText(
        'Enter the sample duration as a whole number of seconds, 1 or more.',
      ),
    ).toBeVisible();
    await userEvent.clear(
      within(dialog).getByRole('textbox', { name: 'Sample duration (seconds)' }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Sample duration (seconds)' }),
      '5',
    );

    await userEvent.click(
      within(dialog).getByLabelText('Set maximum desired latency (milliseconds)'),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Maximum desired latency (milliseconds)' }),
      '0',
    );

    await userEvent.click(within(dialog).getByLabelText('Select nodes'));
    const source = await within(dialog).findByRole('combobox', { name: 'Source node' });
    await waitFor(() =>
      expect(within(source).getByRole('option', { name: 'node-a' })).toBeInTheDocument(),
    );
    await userEvent.selectOptions(source, 'node-a');
    expect(
      within(dialog).getByText('Select a target node: it is needed when a source node is set.'),
    ).toBeVisible();
    const target = within(dialog).getByRole('combobox', { name: 'Target node' });
    await userEvent.selectOptions(target, 'node-a');
    expect(
      within(dialog).getByText('Select a target node other than the source node.'),
    ).toBeVisible();
    await userEvent.selectOptions(target, 'node-b');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Run' }));
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/k8s/ns/dev/checkups/network/lat-1',
      ),
    );
    expect(cluster.current.writes()).toEqual([`POST k8s${CMS}`, `POST k8s${JOBS}`]);
    expect(cluster.current.get(`${CMS}/lat-1`)?.data).toEqual({
      'spec.timeout': '5m',
      'spec.param.networkAttachmentDefinitionNamespace': 'dev',
      'spec.param.networkAttachmentDefinitionName': 'blue',
      'spec.param.sampleDurationSeconds': '5',
      'spec.param.maxDesiredLatencyMilliseconds': '0',
      'spec.param.sourceNode': 'node-a',
      'spec.param.targetNode': 'node-b',
    });
    const [job] = cluster.current.list(JOBS);
    expect(job?.metadata?.labels).toEqual({
      'kiagnose/checkup-type': 'kubevirt-vm-latency',
      'virtualization-plugin/checkup-configmap': 'lat-1',
    });
  });

  it("keeps what was typed and shows the server's refusal in the form", async () => {
    installAll(cluster.current, 'storage');
    cluster.current.add(CMS, { metadata: { name: 'st-1' }, data: {} });
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/storage');
    const run = await screen.findByRole('button', { name: 'Run checkup' });
    await waitFor(() => expect(run).not.toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(run);
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'st-1');
    const timeout = within(dialog).getByRole('textbox', { name: 'Timeout (minutes)' });
    expect(timeout).toHaveValue('10');
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '15');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Run' }));
    expect(await within(dialog).findByText('configmaps "st-1" already exists')).toBeVisible();
    expect(name).toHaveValue('st-1');
    expect(timeout).toHaveValue('15');
    expect(screen.getByTestId('location')).toHaveTextContent('/k8s/ns/dev/checkups/storage');
  });

  it('says how to add a NetworkAttachmentDefinition when the project has none', async () => {
    installAll(cluster.current, 'network');
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    const run = await screen.findByRole('button', { name: 'Run checkup' });
    await waitFor(() => expect(run).not.toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(run);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText('Project dev has no NetworkAttachmentDefinition'),
    ).toBeVisible();
    expect(
      within(dialog).getByRole('combobox', { name: 'NetworkAttachmentDefinition' }),
    ).toBeDisabled();
  });

  it('types the nodes when the user may not list them', async () => {
    installAll(cluster.current, 'network');
    cluster.current.access = (q) => q.resource !== 'nodes';
    cluster.current.add(NADS, { metadata: { name: 'blue' } });
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    const run = await screen.findByRole('button', { name: 'Run checkup' });
    await waitFor(() => expect(run).not.toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(run);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText('Select nodes'));
    expect(within(dialog).getByRole('textbox', { name: 'Source node' })).toBeVisible();
    expect(within(dialog).getByRole('textbox', { name: 'Target node' })).toBeVisible();
  });

  it('lists the checkups live with status, failure reason, NAD and nodes, newest first', async () => {
    cluster.current.add(
      CMS,
      checkupConfigMap('lat-ok', 'kubevirt-vm-latency', {
        ...latencyData,
        'status.succeeded': 'true',
        'status.startTimestamp': '2026-01-01T10:00:00Z',
        'status.completionTimestamp': '2026-01-01T10:01:00Z',
      }),
    );
    cluster.current.add(
      CMS,
      checkupConfigMap('lat-slow', 'kubevirt-vm-latency', {
        ...latencyData,
        'spec.param.sourceNode': 'node-a',
        'spec.param.targetNode': 'node-b',
        'status.succeeded': 'false',
        'status.failureReason': 'run : actual max latency "577µs" is greater than desired "0s"',
        'status.startTimestamp': '2026-01-01T11:00:00Z',
        'status.completionTimestamp': '2026-01-01T11:01:00Z',
      }),
    );
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    const list = await table('Network latency checkups');
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual([
      'lat-slow',
      'lat-ok',
    ]);
    expect(within(rows[0]!).getByText('Failed')).toBeVisible();
    expect(
      within(rows[0]!).getByText('run : actual max latency "577µs" is greater than desired "0s"'),
    ).toBeVisible();
    expect(within(rows[0]!).getByText('node-a → node-b')).toBeVisible();
    expect(within(rows[1]!).getByText('Succeeded')).toBeVisible();
    expect(within(rows[1]!).getByText('Any')).toBeVisible();
    expect(within(rows[1]!).getByRole('link', { name: 'lat-ok' })).toHaveAttribute(
      'href',
      '/k8s/ns/dev/checkups/network/lat-ok',
    );

    // A new checkup and its running Job appear without a reload.
    cluster.current.add(CMS, checkupConfigMap('lat-new', 'kubevirt-vm-latency', latencyData));
    cluster.current.add(
      JOBS,
      checkupJob('lat-new', 'aaaaa', 'kubevirt-vm-latency', {
        active: 1,
        startTime: '2026-01-01T12:00:00Z',
      }),
    );
    const added = await within(list).findByRole('link', { name: 'lat-new' });
    const row = added.closest('tr') as HTMLElement;
    expect(await within(row).findByText('Running')).toBeVisible();
  });

  it('deletes a checkup from its kebab after naming its ConfigMap and Jobs', async () => {
    cluster.current.add(
      CMS,
      checkupConfigMap('st-1', 'kubevirt-storage', {
        'spec.timeout': '10m',
        'status.succeeded': 'true',
      }),
    );
    cluster.current.add(JOBS, checkupJob('st-1', 'aaaaa', 'kubevirt-storage', { succeeded: 1 }));
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/storage');
    const list = await table('Storage checkups');
    expect(within(list).getByText('10m')).toBeVisible();
    await userEvent.click(within(list).getByRole('button', { name: 'Actions for st-1' }));
    const remove = await screen.findByRole('menuitem', { name: 'Delete' });
    await waitFor(() => expect(remove).not.toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(remove);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/its ConfigMap st-1/)).toBeVisible();
    expect(within(dialog).getByRole('list', { name: 'Jobs deleted' })).toHaveTextContent(
      'st-1-aaaaa',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('heading', { name: 'No storage checkups' })).toBeVisible();
    expect(cluster.current.writes()).toEqual([
      `DELETE k8s${JOBS}/st-1-aaaaa`,
      `DELETE k8s${CMS}/st-1`,
    ]);
    const deleteJob = cluster.current.calls.find(
      (c) => c.method === 'DELETE' && c.path.includes('jobs'),
    );
    expect(deleteJob?.body).toMatchObject({ propagationPolicy: 'Background' });
  });

  it('explains to a project admin that only a cluster admin can bind cluster-reader, and installs the rest', async () => {
    cluster.current.access = (q) => q.resource !== 'clusterrolebindings';
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/storage');
    const install = await screen.findByRole('button', { name: 'Install permissions' });
    await waitFor(() => expect(install).not.toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(install);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('(needs a cluster administrator: not created)')).toBeVisible();
    expect(within(dialog).getByText(/cannot read cluster-wide objects/)).toBeVisible();
    expect(
      within(dialog).getByDisplayValue(
        'oc create clusterrolebinding kubevirt-storage-checkup-clustereader --clusterrole=cluster-reader --serviceaccount=dev:storage-checkup-sa',
      ),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Install' }));
    expect(
      await within(dialog).findByText(
        'ClusterRoleBinding kubevirt-storage-checkup-clustereader: Skipped: needs a cluster administrator',
      ),
    ).toBeVisible();
    expect(cluster.current.writes()).not.toContain(`POST k8s${RBAC}/clusterrolebindings`);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    // The tab keeps telling: the binding cannot be read, so it may be missing.
    expect(await screen.findByText('Permissions installed')).toBeVisible();
    expect(screen.getByText('A cluster administrator must bind cluster-reader')).toBeVisible();
  });

  it('lists every project in all projects and asks for a project before Install and Run', async () => {
    cluster.current.add(CMS, checkupConfigMap('lat-1', 'kubevirt-vm-latency', latencyData));
    cluster.current.add('/api/v1/namespaces/prod/configmaps', {
      ...checkupConfigMap('lat-2', 'kubevirt-vm-latency', latencyData),
      metadata: {
        name: 'lat-2',
        namespace: 'prod',
        labels: { 'kiagnose/checkup-type': 'kubevirt-vm-latency' },
      },
    });
    renderAt(<CheckupsPage />, '/k8s/all-namespaces/checkups/network');
    const list = await table('Network latency checkups');
    expect(within(list).getByRole('columnheader', { name: 'Project' })).toBeVisible();
    expect(within(list).getByText('prod')).toBeVisible();
    expect(within(list).getByRole('link', { name: 'lat-1' })).toBeVisible();
    const run = screen.getByRole('button', { name: 'Run checkup' });
    expect(run).toHaveAttribute('aria-disabled', 'true');
    expect(run).toHaveAccessibleDescription('Choose a project first.');
    expect(screen.getByRole('button', { name: 'Install permissions' })).toHaveAccessibleDescription(
      'Choose a project first.',
    );
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Project' }), 'dev');
    expect(screen.getByTestId('location')).toHaveTextContent('/k8s/ns/dev/checkups/network');
  });

  it('watches each project it can see when the user may not list across the cluster', async () => {
    cluster.current.projects = ['dev', 'qa'];
    cluster.current.access = (q) => q.namespace !== undefined || q.verb !== 'list';
    cluster.current.add(CMS, checkupConfigMap('lat-1', 'kubevirt-vm-latency', latencyData));
    cluster.current.add('/api/v1/namespaces/qa/configmaps', {
      ...checkupConfigMap('lat-qa', 'kubevirt-vm-latency', latencyData),
      metadata: {
        name: 'lat-qa',
        namespace: 'qa',
        labels: { 'kiagnose/checkup-type': 'kubevirt-vm-latency' },
      },
    });
    renderAt(<CheckupsPage />, '/k8s/all-namespaces/checkups/network');
    const list = await table('Network latency checkups');
    await within(list).findByRole('link', { name: 'lat-qa' });
    expect(within(list).getByRole('link', { name: 'lat-1' })).toBeVisible();
    const lists = cluster.current.calls
      .filter((c) => c.method === 'GET' && c.path.includes('/configmaps?'))
      .map((c) => c.path.split('?')[0]);
    expect(lists).toEqual(
      expect.arrayContaining([
        'k8s/api/v1/namespaces/dev/configmaps',
        'k8s/api/v1/namespaces/qa/configmaps',
      ]),
    );
    expect(lists).not.toContain('k8s/api/v1/configmaps');
  });
  it('removes the permissions after naming them, and says they are gone', async () => {
    installAll(cluster.current, 'network');
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    expect(await screen.findByText('Permissions installed')).toBeVisible();
    const remove = screen.getByRole('button', { name: 'Remove permissions' });
    await waitFor(() => expect(remove).not.toHaveAttribute('aria-disabled', 'true'));
    await userEvent.click(remove);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('list', { name: 'Objects to remove' })).toHaveTextContent(
      'Role kubevirt-vm-latency-checker',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(
      await within(dialog).findByText('ServiceAccount vm-latency-checkup-sa: Deleted'),
    ).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(await screen.findByText('Permissions not installed')).toBeVisible();
    expect(cluster.current.list('/api/v1/namespaces/dev/serviceaccounts')).toEqual([]);
  });

  it("shows the server's message when the checkups cannot be listed", async () => {
    cluster.current.access = (q) => !(q.resource === 'configmaps' && q.verb === 'list');
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    expect(await screen.findByRole('heading', { name: 'Checkups failed to load' })).toBeVisible();
    expect(
      screen.getByText(
        'configmaps is forbidden: User "developer" cannot list resource "configmaps" in API group "" in the namespace "dev"',
      ),
    ).toBeVisible();
  });

  it('tells in the list that a waiting Job needs Install permissions', async () => {
    cluster.current.add(CMS, checkupConfigMap('lat-1', 'kubevirt-vm-latency', latencyData));
    cluster.current.add(JOBS, checkupJob('lat-1', 'aaaaa', 'kubevirt-vm-latency', {}));
    renderAt(<CheckupsPage />, '/k8s/ns/dev/checkups/network');
    const list = await table('Network latency checkups');
    expect(within(list).getByText('Pending')).toBeVisible();
    expect(
      await within(list).findByText(/service account vm-latency-checkup-sa does not exist/),
    ).toBeVisible();
  });
});
