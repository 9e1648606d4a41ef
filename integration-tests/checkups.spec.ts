import { expect, test, type Page } from '@playwright/test';
import { ConsoleShell } from './pages/ConsoleShell';
import { failOnPageProblems } from './pages/pageProblems';
import { BffApi, type KubeObject } from './pages/VirtualMachinesPage';
import { SERVERS } from './playwright.config';

// Virtualization → Checkups against the embedded cluster, whose checkups are the real ConfigMap +
// Job pattern run by the cluster (the latency checkup boots two QEMU guests and pings between
// them over the NetworkAttachmentDefinition; the storage checkup boots, migrates and hot-plugs
// a guest). Everything is done from the UI: install permissions, run, read the result and the
// Job's log, a latency checkup that fails its limit, rerun and delete.
const BASE = SERVERS.embedded;
const NS = 'checkups-e2e';
const NAD = 'checkup-net';
const CHECKUP_TIMEOUT = 240_000;

test.describe.configure({ mode: 'serial' });
failOnPageProblems(test);

const configMapsPath = (name = '') =>
  `/api/v1/namespaces/${NS}/configmaps${name ? `/${name}` : ''}`;

let admin: BffApi & { dispose: () => Promise<void> };

test.beforeAll(async ({ playwright }) => {
  admin = await BffApi.logIn(playwright, BASE, 'admin');
  if (!(await admin.find(`/api/v1/namespaces/${NS}`)))
    await admin.create('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NS },
    });
  if (
    !(await admin.find(
      `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions/${NAD}`,
    ))
  )
    await admin.create(`/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`, {
      apiVersion: 'k8s.cni.cncf.io/v1',
      kind: 'NetworkAttachmentDefinition',
      metadata: { name: NAD, namespace: NS },
      spec: {
        config: JSON.stringify({
          cniVersion: '0.3.1',
          name: NAD,
          type: 'cnv-bridge',
          bridge: 'br1',
        }),
      },
    });
});

test.afterAll(async () => {
  // The namespace goes with everything the checkups left (ConfigMaps, Jobs, roles).
  await admin?.fetch('DELETE', `/api/v1/namespaces/${NS}`);
  await admin?.dispose();
});

const openTab = async (page: Page, tab: 'Network latency' | 'Storage') => {
  await page.goto(`${BASE}/k8s/ns/${NS}/checkups`);
  await expect(page.getByRole('heading', { level: 1, name: 'Checkups' })).toBeVisible();
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
};

/** Install permissions from the tab, after reading what the dialog says it will create. */
const installPermissions = async (page: Page, expected: string[]) => {
  await page.getByRole('button', { name: 'Install permissions' }).click();
  const dialog = page.getByRole('dialog');
  const objects = dialog.getByRole('grid', { name: 'Objects to create' });
  for (const name of expected) await expect(objects).toContainText(name);
  await dialog.getByRole('button', { name: 'Install', exact: true }).click();
  for (const name of expected)
    await expect(dialog).toContainText(new RegExp(`${name}: (Created|Already)`));
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('Permissions installed')).toBeVisible();
};

/** The status shown at the top of a checkup's details page once it has finished. */
const finishedStatus = async (page: Page) => {
  const status = page.getByText(/^(Succeeded|Failed)$/).first();
  await expect(status).toBeVisible({ timeout: CHECKUP_TIMEOUT });
  return status.textContent();
};

const results = (page: Page) => page.getByLabel('Results', { exact: true });

test('runs a network latency checkup to a result, then one that fails its limit, reruns and deletes it', async ({
  page,
}, testInfo) => {
  test.setTimeout(CHECKUP_TIMEOUT * 3);
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('admin');
  await openTab(page, 'Network latency');
  await expect(page.getByText('Permissions not installed')).toBeVisible();
  await installPermissions(page, [
    'vm-latency-checkup-sa',
    'kubevirt-vm-latency-checker',
    'kiagnose-configmap-access',
  ]);

  // A checkup that measures: its results are latencies in milliseconds and the nodes.
  await page.getByRole('button', { name: 'Run checkup' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('latency-measured');
  await dialog.getByRole('combobox', { name: 'NetworkAttachmentDefinition' }).selectOption(NAD);
  await dialog.getByRole('textbox', { name: 'Sample duration (seconds)' }).fill('3');
  await shell.screenshot('checkups-latency-form');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/k8s/ns/${NS}/checkups/network/latency-measured$`));
  await expect(page.getByRole('heading', { level: 1, name: 'latency-measured' })).toBeVisible();
  expect(await finishedStatus(page)).toBe('Succeeded');
  const shown = results(page);
  for (const label of ['Minimum latency', 'Average latency', 'Maximum latency'])
    await expect(shown).toContainText(label);
  await expect(shown).toContainText(/\d+(\.\d+)? ms/);
  const data = (
    await admin.get<{ data: Record<string, string> }>(configMapsPath('latency-measured'))
  ).data;
  expect(data['status.succeeded']).toBe('true');
  // The page's maximum is the ConfigMap's, in milliseconds.
  const maxMs = Number(data['status.result.maxLatencyNanoSec']) / 1e6;
  await expect(shown).toContainText(data['status.result.sourceNode'] ?? 'missing');
  expect(maxMs).toBeGreaterThan(0);
  // The Job's log (the checkup's own Go log lines).
  const log = page.getByRole('region', { name: /^Log of pod / });
  await expect(log).toBeVisible();
  await expect(log).not.toContainText('No logs yet.');
  await shell.screenshot('checkups-latency-succeeded', { tall: true });

  // A maximum desired latency below what is measured fails the checkup, with the reason.
  await openTab(page, 'Network latency');
  await page.getByRole('button', { name: 'Run checkup' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('latency-limited');
  await dialog.getByRole('combobox', { name: 'NetworkAttachmentDefinition' }).selectOption(NAD);
  await dialog.getByRole('textbox', { name: 'Sample duration (seconds)' }).fill('2');
  await dialog
    .getByRole('checkbox', { name: 'Set maximum desired latency (milliseconds)' })
    .check();
  await dialog.getByRole('textbox', { name: 'Maximum desired latency (milliseconds)' }).fill('0');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'latency-limited' })).toBeVisible();
  expect(await finishedStatus(page)).toBe('Failed');
  const failure = page.getByText('The checkup failed');
  await expect(failure).toBeVisible();
  await expect(
    page.getByText(/actual max latency .* is greater than desired "0s"/).first(),
  ).toBeVisible();
  await shell.darkScreenshot('checkups-latency-failed-dark', { tall: true });

  // The list shows both, each with its status; rerun the failed one from its kebab.
  await openTab(page, 'Network latency');
  const table = page.getByRole('grid', { name: 'Network latency checkups' });
  const row = (name: string) =>
    table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row('latency-measured')).toContainText('Succeeded');
  await expect(row('latency-limited')).toContainText('Failed');
  await shell.screenshot('checkups-latency-list');
  const jobsOf = async (name: string) =>
    (
      (await admin.get(`/apis/batch/v1/namespaces/${NS}/jobs`)) as { items: KubeObject[] }
    ).items.filter((job) => job.metadata.name.startsWith(`${name}-`));
  const [firstJob] = await jobsOf('latency-limited');
  expect(firstJob).toBeDefined();
  await row('latency-limited').getByRole('button', { name: 'Actions for latency-limited' }).click();
  await page.getByRole('menuitem', { name: 'Rerun' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Rerun' }).click();
  await expect(row('latency-limited')).not.toContainText('Failed');
  await expect(row('latency-limited')).toContainText('Failed', { timeout: CHECKUP_TIMEOUT });
  const rerunJobs = await jobsOf('latency-limited');
  expect(rerunJobs.map((job) => job.metadata.name)).not.toContain(firstJob?.metadata.name);

  // Delete it: the ConfigMap and its Jobs go, the other checkup stays.
  await row('latency-limited').getByRole('button', { name: 'Actions for latency-limited' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(row('latency-limited')).toHaveCount(0);
  expect(await admin.find(configMapsPath('latency-limited'))).toBeUndefined();
  await expect.poll(async () => (await jobsOf('latency-limited')).length).toBe(0);
  await expect(row('latency-measured')).toBeVisible();
});

test('runs a storage checkup to a result and deletes it from its details page', async ({
  page,
}, testInfo) => {
  test.setTimeout(CHECKUP_TIMEOUT * 2);
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('admin');
  await openTab(page, 'Storage');
  await installPermissions(page, [
    'storage-checkup-sa',
    'storage-checkup-role',
    'kubevirt-storage-checkup-clustereader',
  ]);
  await page.getByRole('button', { name: 'Run checkup' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('storage-checkup');
  await expect(dialog.getByRole('textbox', { name: 'Timeout (minutes)' })).toHaveValue('10');
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'storage-checkup' })).toBeVisible();
  const status = await finishedStatus(page);
  const data = (
    await admin.get<{ data: Record<string, string> }>(configMapsPath('storage-checkup'))
  ).data;
  expect(status, data['status.failureReason']).toBe('Succeeded');
  const shown = results(page);
  await expect(shown).toContainText('Default storage class');
  await expect(shown).toContainText(data['status.result.defaultStorageClass'] ?? 'missing');
  await expect(shown).toContainText('Boot from a golden image');
  await expect(shown).toContainText(/successfully booted/);
  await shell.screenshot('checkups-storage-succeeded', { tall: true });
  await shell.darkScreenshot('checkups-storage-succeeded-dark', { tall: true });

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(new RegExp(`/k8s/ns/${NS}/checkups/storage$`));
  expect(await admin.find(configMapsPath('storage-checkup'))).toBeUndefined();
});

test('a project admin installs what it may and is told what a cluster admin must add', async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    const shell = new ConsoleShell(page, BASE, testInfo);
    await shell.logInAs('developer');
    await page.goto(`${BASE}/k8s/ns/developer-vms/checkups/storage`);
    await expect(page.getByRole('tab', { name: 'Storage' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.getByRole('button', { name: 'Install permissions' }).click();
    const dialog = page.getByRole('dialog');
    // The ClusterRoleBinding to cluster-reader is not the developer's to create: the dialog says
    // so first, with the command an administrator runs, and installs the rest.
    await expect(
      dialog.getByText('A cluster administrator must bind cluster-reader'),
    ).toBeVisible();
    await expect(
      dialog.getByRole('textbox', { name: 'Command that binds cluster-reader' }),
    ).toHaveValue(
      'oc create clusterrolebinding kubevirt-storage-checkup-clustereader --clusterrole=cluster-reader --serviceaccount=developer-vms:storage-checkup-sa',
    );
    await shell.screenshot('checkups-storage-developer');
    await dialog.getByRole('button', { name: 'Install', exact: true }).click();
    await expect(dialog).toContainText(/storage-checkup-sa: Created/);
    await expect(dialog).toContainText(/storage-checkup-role: Created/);
    await expect(dialog).toContainText(/kubevirt-storage-checkup-clustereader: Skipped/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    // The developer cannot read cluster-wide bindings: the project's part is installed, and the
    // tab keeps saying what an administrator may still have to do.
    await expect(page.getByText('Permissions installed')).toBeVisible();
    await expect(page.getByText('A cluster administrator must bind cluster-reader')).toBeVisible();
    await shell.screenshot('checkups-storage-developer-installed');
    // And takes them away again (the project is shared with the other specs).
    await page.getByRole('button', { name: 'Remove permissions' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
    await expect(page.getByText('Permissions not installed')).toBeVisible();
  } finally {
    await context.close();
  }
});
