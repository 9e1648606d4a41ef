import { expect, test } from '@playwright/test';
import { ConsoleShell } from './pages/ConsoleShell';
import { failOnPageProblems } from './pages/pageProblems';
import { BffApi, VirtualMachinesPage, VM_TABS, type KubeObject } from './pages/VirtualMachinesPage';
import { SERVERS } from './playwright.config';

// The VirtualMachines pages on `npm start`'s server: the embedded cluster with real QEMU guests,
// fresh for each run. The tests share that cluster and run in order: the power actions use the
// seeded `fedora-running`, the snapshot, clone and YAML tests the seeded `rhel9-stopped` (which
// never boots), so the whole file boots QEMU only twice (start and restart).
const BASE = SERVERS.embedded;
const NS = 'developer-vms';
const RUNNING = 'fedora-running';
const STOPPED = 'rhel9-stopped';
const CLONE = 'rhel9-stopped-copy';
/** A QEMU boot under TCG takes a few seconds, more when the machine is busy. */
const BOOT = { timeout: 90_000 };
const SUBRESOURCES = '/apis/subresources.kubevirt.io/v1';
/** The boot sources' project: the developer may view it, not change it. */
const OS_IMAGES = 'openshift-virtualization-os-images';

test.describe.configure({ mode: 'serial' });

failOnPageProblems(test);

test.describe('VirtualMachines as admin', () => {
  test('the list shows the seeded VMs with live status; filters and sort survive a reload', async ({
    page,
  }, testInfo) => {
    test.setTimeout(150_000);
    const shell = new ConsoleShell(page, BASE, testInfo);
    const vms = new VirtualMachinesPage(page, BASE);
    await shell.logInAs('admin');
    await vms.openList();
    await expect(vms.status(RUNNING)).toHaveText('Running', BOOT);
    await expect(vms.status(STOPPED)).toHaveText('Stopped');
    await expect(vms.row(RUNNING)).toContainText(NS);
    await expect(await vms.cell(RUNNING, 'Node')).toHaveText(/^worker-\d$/);
    await expect(await vms.cell(RUNNING, 'IP address')).toHaveText(/\d+\.\d+\.\d+\.\d+/);

    // Stop through the row's menu: the row follows the cluster, the page is not reloaded.
    await vms.waitForGuestShell(NS, RUNNING);
    await vms.markDocument();
    const menu = await vms.openRowActions(RUNNING);
    await shell.screenshot('vms-row-actions-light');
    await vms.menuItem(menu, 'Stop').click();
    const confirm = vms.dialog(`Stop ${RUNNING}?`);
    await expect(confirm).toBeVisible();
    await shell.screenshot('vms-stop-dialog-light');
    await confirm.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(confirm).toBeHidden();
    await expect(vms.status(RUNNING)).toHaveText('Stopped', { timeout: 45_000 });
    await expect(await vms.cell(RUNNING, 'Node')).toHaveText('—');

    // Start it again (no confirmation: nothing is lost): QEMU boots, the row says Running.
    await vms.rowAction(RUNNING, 'Start');
    await expect(vms.status(RUNNING)).not.toHaveText('Stopped');
    await expect(vms.status(RUNNING)).toHaveText('Running', BOOT);
    await vms.waitForGuestShell(NS, RUNNING);
    await vms.expectNoReload();

    // Status filter, kept in the URL and across a reload.
    await vms.toggleFilterOption('Status', 'Stopped');
    await expect(page).toHaveURL(/[?&]status=Stopped(&|$)/);
    await expect(vms.nameLinks()).toHaveText([STOPPED]);
    await page.reload();
    await expect(vms.nameLinks()).toHaveText([STOPPED]);
    await expect(page.getByRole('list', { name: 'Status' })).toHaveText('Stopped');
    await vms.showFilters();
    await expect(vms.filterMenuToggle('Status')).toHaveText('Status1');
    await shell.screenshot('vms-list-filtered-light');
    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await expect(page).not.toHaveURL(/status=/);
    await expect(vms.nameLinks()).toHaveText([RUNNING, STOPPED]);

    // Text filter (name or label), kept in the URL and across a reload.
    await vms.textFilter().fill('fedora');
    await expect(page).toHaveURL(/[?&]text=fedora(&|$)/);
    await expect(vms.nameLinks()).toHaveText([RUNNING]);
    await page.reload();
    await expect(vms.textFilter()).toHaveValue('fedora');
    await expect(vms.nameLinks()).toHaveText([RUNNING]);
    await vms.textFilter().fill('');
    await expect(page).not.toHaveURL(/text=/);
    await expect(vms.nameLinks()).toHaveText([RUNNING, STOPPED]);

    // Sort by name, descending, kept in the URL and across a reload.
    await vms.sortButton('Name').click();
    await expect(page).toHaveURL(/[?&]order=desc(&|$)/);
    await expect(vms.nameLinks()).toHaveText([STOPPED, RUNNING]);
    await page.reload();
    await expect(vms.nameLinks()).toHaveText([STOPPED, RUNNING]);
    await expect(
      vms.table().getByRole('columnheader', { name: 'Name', exact: true }),
    ).toHaveAttribute('aria-sort', 'descending');
    // Sort by status: Running before Stopped.
    await vms.sortButton('Status').click();
    await expect(page).toHaveURL(/[?&]sort=status(&|$)/);
    await expect(vms.nameLinks()).toHaveText([RUNNING, STOPPED]);
    await page.reload();
    await expect(vms.nameLinks()).toHaveText([RUNNING, STOPPED]);
  });

  test('pause, unpause, restart and live-migrate the running QEMU VM', async ({
    page,
  }, testInfo) => {
    test.setTimeout(150_000);
    const shell = new ConsoleShell(page, BASE, testInfo);
    const vms = new VirtualMachinesPage(page, BASE);
    const api = vms.api();
    await shell.logInAs('admin');
    await vms.openList(NS);
    await expect(vms.status(RUNNING)).toHaveText('Running', BOOT);
    await vms.waitForGuestShell(NS, RUNNING);
    await vms.markDocument();

    await vms.rowAction(RUNNING, 'Pause');
    await expect(vms.status(RUNNING)).toHaveText('Paused', { timeout: 20_000 });
    const paused = await api.get(api.vmiPath(NS, RUNNING));
    expect(conditionStatus(paused, 'Paused')).toBe('True');
    await vms.rowAction(RUNNING, 'Unpause');
    await expect(vms.status(RUNNING)).toHaveText('Running', { timeout: 20_000 });

    // Restart: the guest goes down and a new VMI boots.
    const before = await api.get(api.vmiPath(NS, RUNNING));
    await vms.rowAction(RUNNING, 'Restart', 'Restart');
    await expect
      .poll(async () => (await api.find(api.vmiPath(NS, RUNNING)))?.metadata.uid, BOOT)
      .not.toMatch(new RegExp(`^(${before.metadata.uid}|undefined)$`));
    await expect(vms.status(RUNNING)).toHaveText('Running', BOOT);
    await vms.waitForGuestShell(NS, RUNNING);

    // Live migration: the admin may choose a node; the scheduler's choice is kept here.
    const from = nodeOf(await api.get(api.vmiPath(NS, RUNNING)));
    await expect(await vms.cell(RUNNING, 'Node')).toHaveText(from);
    await vms.openRowActions(RUNNING).then((menu) => vms.menuItem(menu, 'Migrate').click());
    const dialog = vms.dialog(`Migrate ${RUNNING}`);
    await expect(dialog).toContainText(`moves from node ${from}`);
    const target = dialog.getByRole('combobox', { name: 'Target node' });
    await expect(target).toHaveValue('');
    await expect(target.getByRole('option')).toHaveText([
      'Automatic (the scheduler chooses)',
      ...['worker-0', 'worker-1', 'worker-2'].filter((node) => node !== from),
    ]);
    await shell.screenshot('vms-migrate-dialog-light');
    await dialog.getByRole('button', { name: 'Migrate', exact: true }).click();
    await expect(dialog).toBeHidden();
    const migrated = await vms.cell(RUNNING, 'Node');
    await expect(migrated).not.toHaveText(from, { timeout: 60_000 });
    await expect(migrated).toHaveText(/^worker-\d$/);
    await expect(vms.status(RUNNING)).toHaveText('Running');
    const migrations = await api.get<{ items: KubeObject[] }>(
      `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachineinstancemigrations`,
    );
    expect(migrations.items.map((m) => m.status?.phase)).toEqual(['Succeeded']);
    const vmi = await api.get(api.vmiPath(NS, RUNNING));
    expect(vmi.status?.migrationState).toMatchObject({ completed: true, sourceNode: from });
    expect(nodeOf(vmi)).not.toBe(from);
    await vms.expectNoReload();
  });

  test('snapshot and restore the stopped VM; a refused request shows the server’s message', async ({
    page,
  }, testInfo) => {
    const shell = new ConsoleShell(page, BASE, testInfo);
    const vms = new VirtualMachinesPage(page, BASE);
    const api = vms.api();
    await shell.logInAs('admin');
    await vms.openDetails(NS, STOPPED, 'snapshots');
    const panel = vms.tabPanel('Snapshots');
    await expect(panel).toContainText('No snapshots');

    // Take a snapshot from the Snapshots tab.
    await panel.getByRole('button', { name: 'Take snapshot' }).click();
    let dialog = vms.dialog('Take snapshot');
    await dialog.getByRole('textbox', { name: 'Snapshot name' }).fill('before-change');
    const aware = dialog.getByRole('checkbox', {
      name: 'I am aware of this warning and wish to proceed',
    });
    // Its container disk cannot be snapshotted: the dialog asks to acknowledge that.
    await aware.check();
    await expect(dialog.getByRole('button', { name: 'Save' })).toBeEnabled();
    await shell.screenshot('vms-take-snapshot-dialog-light');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    const row = panel.getByRole('row').filter({ hasText: 'before-change' });
    await expect(row.getByRole('gridcell').nth(2)).toHaveText('Ready', { timeout: 30_000 });

    // Change the VM after the snapshot; the restore takes the change back.
    await api.mergePatch(api.vmPath(NS, STOPPED), {
      spec: { template: { metadata: { labels: { 'restore-probe': 'after-snapshot' } } } },
    });
    await row.getByRole('button', { name: /Kebab toggle|Actions/ }).click();
    await page.getByRole('menuitem', { name: 'Restore' }).click();
    dialog = vms.dialog('Restore VirtualMachine from snapshot');
    await expect(dialog).toContainText(`Restore ${STOPPED} from snapshot before-change?`);
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(vms.alert('Restored from before-change')).toBeVisible({ timeout: 30_000 });
    await expect(row.getByRole('gridcell').nth(4)).not.toHaveText('—');
    const restored = await api.get(api.vmPath(NS, STOPPED));
    expect(templateLabels(restored)).not.toHaveProperty('restore-probe');
    await shell.screenshot('vms-details-snapshots-restored-light');

    // The same name again: the server refuses (AlreadyExists), the dialog says why and keeps it.
    await vms.openDetailsActions().then((menu) => vms.menuItem(menu, 'Take snapshot').click());
    dialog = vms.dialog('Take snapshot');
    const name = dialog.getByRole('textbox', { name: 'Snapshot name' });
    await name.fill('before-change');
    await dialog
      .getByRole('checkbox', { name: 'I am aware of this warning and wish to proceed' })
      .check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('"before-change" already exists');
    await expect(name).toHaveValue('before-change');
    await shell.screenshot('vms-snapshot-refused-light');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    // An action without a dialog: a Status the server could send (here 422 from a webhook) is
    // shown as it came. Only that one request is answered by the test.
    const message = 'admission webhook "virtualmachine-validator.kubevirt.io" denied the request';
    const startPath = `**${SUBRESOURCES}/namespaces/${NS}/virtualmachines/${STOPPED}/start`;
    await page.route(startPath, (route) =>
      route.fulfill({
        status: 422,
        json: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Invalid',
          code: 422,
          message,
        },
      }),
    );
    await vms.openDetailsActions().then((menu) => vms.menuItem(menu, 'Start').click());
    dialog = vms.dialog(`Start ${STOPPED} failed`);
    await expect(dialog).toContainText(message);
    await shell.screenshot('vms-action-refused-light');
    // The footer's Close (the header has an ×, named Close too).
    await dialog.getByRole('contentinfo').getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await page.unroute(startPath);
    expect((await api.get(api.vmPath(NS, STOPPED))).spec?.runStrategy).toBe('Halted');
  });

  test('clone the stopped VM, then delete the clone', async ({ page }, testInfo) => {
    const shell = new ConsoleShell(page, BASE, testInfo);
    const vms = new VirtualMachinesPage(page, BASE);
    const api = vms.api();
    await shell.logInAs('admin');
    await vms.openList(NS);
    await expect(vms.nameLinks()).toHaveText([RUNNING, STOPPED]);
    await vms.markDocument();

    await vms.openRowActions(STOPPED).then((menu) => vms.menuItem(menu, 'Clone').click());
    const dialog = vms.dialog(`Clone ${STOPPED}`);
    await dialog.getByRole('textbox', { name: 'Name' }).fill(CLONE);
    await dialog.getByRole('button', { name: 'Clone', exact: true }).click();
    await expect(dialog).toBeHidden();
    // The new VM appears in the list by itself, stopped like its source.
    await expect(vms.nameLinks()).toHaveText([RUNNING, STOPPED, CLONE], { timeout: 30_000 });
    await expect(vms.status(CLONE)).toHaveText('Stopped');
    expect((await api.get(api.vmPath(NS, CLONE))).spec?.template).toBeTruthy();

    await vms.openRowActions(CLONE).then((menu) => vms.menuItem(menu, 'Delete').click());
    const remove = vms.dialog(`Delete ${CLONE}?`);
    await expect(remove).toBeVisible();
    await shell.screenshot('vms-delete-dialog-light');
    await remove.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(remove).toBeHidden();
    await expect(vms.row(CLONE)).toHaveCount(0, { timeout: 30_000 });
    await expect(vms.nameLinks()).toHaveText([RUNNING, STOPPED]);
    await expect.poll(() => api.find(api.vmPath(NS, CLONE))).toBeUndefined();
    await vms.expectNoReload();
  });

  test('the YAML tab saves a change, and reports a conflict keeping the edits', async ({
    page,
  }, testInfo) => {
    const shell = new ConsoleShell(page, BASE, testInfo);
    const vms = new VirtualMachinesPage(page, BASE);
    const api = vms.api();
    await shell.logInAs('admin');
    await vms.openDetails(NS, STOPPED, 'yaml');
    const editor = vms.yamlEditor();
    await expect(editor).toContainText(`app: ${STOPPED}`);

    // Change the label `app` in the editor and save: the cluster has it.
    await vms.appendToLine(/^\s*app: rhel9-stopped$/, '-edited');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(vms.alert('Saved')).toBeVisible();
    expect((await api.get(api.vmPath(NS, STOPPED))).metadata.labels?.app).toBe(`${STOPPED}-edited`);

    // Edit again while someone else changes the VM: Save reports the conflict, edits stay.
    await vms.appendToLine(/^\s*app: rhel9-stopped-edited$/, '-again');
    await api.mergePatch(api.vmPath(NS, STOPPED), {
      metadata: { labels: { 'changed-underneath': 'yes' } },
    });
    await expect(vms.alert('This object has been updated')).toBeVisible();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = vms.alert('This object has been updated since you started editing');
    await expect(conflict).toBeVisible();
    await expect(editor).toContainText(`app: ${STOPPED}-edited-again`);
    await shell.screenshot('vms-details-yaml-conflict-light');
    const stored = await api.get(api.vmPath(NS, STOPPED));
    expect(stored.metadata.labels).toMatchObject({
      app: `${STOPPED}-edited`,
      'changed-underneath': 'yes',
    });

    // Reloading takes the latest version (and drops the edits, as the link says).
    await page.getByRole('button', { name: 'Reload (discards your edits)' }).click();
    await expect(editor).toContainText('changed-underneath: yes');
    await expect(editor).not.toContainText('edited-again');
  });
});

test.describe('VirtualMachines as developer', () => {
  test('sees only the projects it may list, and only the actions it may run', async ({
    page,
    playwright,
  }, testInfo) => {
    const admin = await BffApi.logIn(playwright, BASE, 'admin');
    const shell = new ConsoleShell(page, BASE, testInfo);
    const vms = new VirtualMachinesPage(page, BASE);
    const api = vms.api();
    try {
      // A VM the developer may not see.
      await admin.createHaltedVm('default', 'admin-only-vm');

      await shell.logInAs('developer');
      await vms.openList();
      await expect(vms.nameLinks()).toHaveText([RUNNING, STOPPED]);
      await expect(
        vms
          .rows()
          .getByRole('gridcell')
          .filter({ hasText: /^developer-vms$/ }),
      ).toHaveCount(2);
      await expect(vms.row('admin-only-vm')).toHaveCount(0);
      await shell.screenshot('vms-list-developer-light');

      // In developer-vms (the developer is its admin) the VM actions are offered…
      const menu = await vms.openRowActions(RUNNING);
      expect(await vms.offeredActions(menu)).toEqual([
        'Stop',
        'Force stop',
        'Restart',
        'Pause',
        'Migrate',
        'Clone',
        'Take snapshot',
        'Copy SSH command',
        'Edit labels',
        'Edit annotations',
        'Delete',
      ]);
      // …but choosing the target node of a migration needs the nodes, which only admins may
      // list: the dialog leaves it to the scheduler.
      await vms.menuItem(menu, 'Migrate').click();
      const dialog = vms.dialog(`Migrate ${RUNNING}`);
      await expect(dialog).toContainText('The VM keeps running while it moves');
      await expect(dialog.getByRole('combobox', { name: 'Target node' })).toHaveCount(0);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      expect((await api.fetch('GET', '/api/v1/nodes')).status()).toBe(403);

      // A VM in the boot-source project, where the developer has view: it appears by itself,
      // and nothing that changes it is offered (the cluster refuses those to the developer).
      await vms.markDocument();
      await admin.createHaltedVm(OS_IMAGES, 'shared-image-vm');
      await expect(vms.row('shared-image-vm')).toBeVisible({ timeout: 15_000 });
      await vms.expectNoReload();
      const readOnly = await vms.openRowActions('shared-image-vm');
      expect(await vms.offeredActions(readOnly)).toEqual(['Copy SSH command']);
      await expect(vms.menuItem(readOnly, 'Copy SSH command')).toHaveAttribute(
        'aria-disabled',
        'true',
      );
      await shell.screenshot('vms-row-actions-read-only-light');
      await page.keyboard.press('Escape');
      const refused = await api.fetch(
        'PUT',
        `${SUBRESOURCES}/namespaces/${OS_IMAGES}/virtualmachines/shared-image-vm/start`,
        {},
      );
      expect(refused.status()).toBe(403);
      const deleteRefused = await api.fetch('DELETE', api.vmPath(OS_IMAGES, 'shared-image-vm'));
      expect(deleteRefused.status()).toBe(403);
    } finally {
      await admin.dispose();
    }
  });
});

/**
 * Tabs with a known serious axe violation (reported on issue #7), checked by eye only for now:
 * Overview's Network interfaces and Disks cards scroll without keyboard access, and so does the
 * YAML editor's scroller (`scrollable-region-focusable`). Remove a tab once it is fixed.
 */
const A11Y_KNOWN_FAILURES: string[] = ['overview', 'yaml'];

test.describe('VirtualMachines pages, light and dark', () => {
  test('screenshots of the list, each details tab, a menu and a dialog', async ({
    page,
  }, testInfo) => {
    test.setTimeout(120_000);
    const shell = new ConsoleShell(page, BASE, testInfo);
    const vms = new VirtualMachinesPage(page, BASE);
    await shell.logInAs('admin');
    for (const theme of ['light', 'dark'] as const) {
      await vms.openList();
      if (theme === 'dark') await shell.chooseDarkTheme();
      else await shell.chooseLightTheme();
      await expect(page.locator('html')).toHaveClass(
        theme === 'dark' ? /pf-v6-theme-dark/ : /^(?!.*pf-v6-theme-dark)/,
      );
      await expect(vms.status(RUNNING)).toHaveText('Running', BOOT);
      await shell.screenshot(`vms-list-${theme}`, { tall: true });
      await shell.expectAccessible();
      await vms.openDetails(NS, RUNNING);
      for (const tab of VM_TABS) {
        await vms.openTab(tab);
        await shell.screenshot(`vms-details-${tab}-${theme}`, { tall: true });
        if (!A11Y_KNOWN_FAILURES.includes(tab)) await shell.expectAccessible();
      }
      await vms.openDetailsActions();
      await shell.screenshot(`vms-details-actions-${theme}`);
      await page.keyboard.press('Escape');
      await vms.openList();
      await vms.openRowActions(STOPPED).then((menu) => vms.menuItem(menu, 'Delete').click());
      await expect(vms.dialog(`Delete ${STOPPED}?`)).toBeVisible();
      await shell.screenshot(`vms-delete-dialog-${theme}`);
      await vms.dialog(`Delete ${STOPPED}?`).getByRole('button', { name: 'Cancel' }).click();
    }
  });
});

const conditionStatus = (object: KubeObject, type: string) =>
  ((object.status?.conditions ?? []) as { type: string; status: string }[]).find(
    (condition) => condition.type === type,
  )?.status;

const nodeOf = (vmi: KubeObject) => (vmi.status as { nodeName?: string }).nodeName ?? '';

const templateLabels = (vm: KubeObject) =>
  (vm.spec?.template as { metadata?: { labels?: Record<string, string> } } | undefined)?.metadata
    ?.labels ?? {};
