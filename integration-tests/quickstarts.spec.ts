import { expect, test, type Locator, type Page } from '@playwright/test';
import { ConsoleShell } from './pages/ConsoleShell';
import { failOnPageProblems } from './pages/pageProblems';
import { BffApi } from './pages/VirtualMachinesPage';
import { SERVERS } from './playwright.config';

// The standalone shell's quick starts: the same ConsoleQuickStart objects the Helm chart
// installs (charts/virtualization-plugin/files/quickstarts), served by the embedded cluster. The
// developer finds "Create a virtual machine from an instance type" in Help → Quick Starts and
// follows it end to end: every task done in the page beside the drawer, every review answered,
// until the VM it names runs.
const BASE = SERVERS.embedded;
const NS = 'developer-vms';
const VM = 'my-first-vm';
const TOUR = 'Create a virtual machine from an instance type';

test.describe.configure({ mode: 'serial' });
failOnPageProblems(test);

test.afterAll(async ({ playwright }) => {
  const admin = await BffApi.logIn(playwright, BASE, 'admin');
  try {
    await admin.fetch('DELETE', admin.vmPath(NS, VM));
    await expect.poll(() => admin.find(admin.vmPath(NS, VM)), { timeout: 60_000 }).toBeUndefined();
  } finally {
    await admin.dispose();
  }
});

/** The drawer's panel: the tour's title heading and everything below it. */
const drawer = (page: Page) => page.locator('.pf-v6-c-drawer__panel').filter({ hasText: TOUR });

/** Answers the current task's review "Yes", then goes on to the next task. */
const confirmAndGoOn = async (panel: Locator, task: string) => {
  await expect(panel.getByText(task).first()).toBeVisible();
  await panel.getByRole('radio', { name: 'Yes' }).check();
  await panel.getByRole('button', { name: 'Next' }).click();
};

test('the developer follows the instance-type quick start until its VM runs', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('developer', `/k8s/ns/${NS}/virtualization-overview`);

  // Help → Quick Starts: the catalog of tours, filtered as the seed says.
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByRole('menuitem', { name: 'Quick Starts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quick Starts' })).toBeVisible();
  await page.getByPlaceholder('Filter by keyword...').fill('virtual machine');
  await expect(page.getByRole('button', { name: TOUR, exact: true })).toBeVisible();
  await shell.screenshot('quickstarts-catalog');
  await page.getByRole('button', { name: `Start ${TOUR}` }).click();
  await expect(page).toHaveURL(/[?&]quickstart=create-vm-from-instancetype/);

  // The introduction lists the six tasks.
  const panel = drawer(page);
  await expect(panel.getByRole('heading', { name: TOUR })).toBeVisible();
  for (const task of [
    'Open the InstanceTypes tab of the catalog',
    'Select a volume to boot from',
    'Choose an instance type series and size',
    'Name the virtual machine',
    'Create the VirtualMachine',
    'Wait until it runs',
  ])
    await expect(panel.getByText(task).first()).toBeVisible();
  await panel.getByRole('button', { name: /^(Start|Continue)$/ }).click();

  // 1. Open the catalog (the drawer stays open while the page beside it changes).
  await expect(panel.getByText('1 of 6')).toBeVisible();
  // With the drawer open the page is narrower, and the sidebar folds away: open it.
  const catalogLink = page.getByRole('navigation').getByRole('link', { name: 'Catalog' });
  if (!(await catalogLink.isVisible()))
    await page.getByRole('button', { name: 'Main navigation' }).click();
  // The drawer's "Catalog" highlights the item it names.
  await panel.getByRole('button', { name: 'Catalog', exact: true }).click();
  await expect(page.locator('[data-quickstart-id="qs-nav-catalog"]')).toBeVisible();
  await shell.screenshot('quickstarts-highlight');
  await catalogLink.click();
  await expect(page.getByRole('heading', { name: 'Select volume to boot from' })).toBeVisible();
  await shell.screenshot('quickstarts-task-1');
  await confirmAndGoOn(panel, 'Is the InstanceTypes tab open');

  // 2. The volume.
  await expect(panel.getByText('2 of 6')).toBeVisible();
  await page.getByRole('radio', { name: 'Select fedora' }).check();
  await confirmAndGoOn(panel, 'Is the radio button of the volume you chose selected?');

  // 3. U series, size small: the line under the cards names u1.small.
  await expect(panel.getByText('3 of 6')).toBeVisible();
  await page.getByRole('radio', { name: 'U series Universal' }).check();
  await page.getByRole('button', { name: /^Size of U series/ }).click();
  await page.getByRole('option', { name: /^small/ }).click();
  await expect(page.getByText('Selected InstanceType: u1.small', { exact: false })).toBeVisible();
  await confirmAndGoOn(panel, 'Does the line under the cards name the instance type you chose');

  // 4. The name.
  await expect(panel.getByText('4 of 6')).toBeVisible();
  await page.getByRole('textbox', { name: 'Name' }).fill(VM);
  // The Quick Starts page is not in a project, so the catalog opened in all projects: the task
  // says to choose one when the Project list is shown.
  const project = page.getByRole('combobox', { name: 'Project' });
  if (await project.isVisible()) await project.selectOption(NS);
  await confirmAndGoOn(panel, `Is ${VM} in Name`);

  // 5. Create: the details page opens, the drawer still beside it.
  await expect(panel.getByText('5 of 6')).toBeVisible();
  await page.getByRole('button', { name: 'Create VirtualMachine' }).click();
  await expect(page).toHaveURL(new RegExp(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${VM}`));
  await expect(panel).toBeVisible();
  await confirmAndGoOn(panel, `Did the details page of ${VM} open?`);

  // 6. Running, as the review asks.
  await expect(panel.getByText('6 of 6')).toBeVisible();
  await expect(page.getByText('Running', { exact: true }).first()).toBeVisible({
    timeout: 180_000,
  });
  await shell.screenshot('quickstarts-task-6');
  await shell.darkScreenshot('quickstarts-task-6-dark');
  await panel.getByRole('radio', { name: 'Yes' }).check();
  await panel.getByRole('button', { name: 'Next' }).click();

  // The conclusion, and the next tour offered.
  await expect(panel.getByText(`Your virtual machine ${VM} runs`, { exact: false })).toBeVisible();
  await expect(
    panel.getByRole('button', { name: "Start Connect to a virtual machine's console quick start" }),
  ).toBeVisible();
  await panel.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page).not.toHaveURL(/quickstart=/);

  // Progress is kept: the catalog tile says the tour is complete.
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByRole('menuitem', { name: 'Quick Starts' }).click();
  await expect(
    page
      .locator('.pf-v6-c-card')
      .filter({ hasText: TOUR })
      .locator('.pf-v6-c-label', { hasText: 'Complete' }),
  ).toBeVisible();
});
