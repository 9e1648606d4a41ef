import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { ConsoleShell } from './pages/ConsoleShell';
import { GuestSerial } from './pages/GuestSerial';
import { failOnPageProblems } from './pages/pageProblems';
import { BffApi, type KubeObject, VirtualMachinesPage } from './pages/VirtualMachinesPage';
import { SERVERS } from './playwright.config';

// Virtualization → Catalog → InstanceTypes against the embedded cluster: VMs created from a
// boot source and an instance type run in QEMU and show their banner; an uploaded image becomes
// a bootable volume a VM boots from; what YAML & CLI shows is what gets created; a name clash
// creates nothing; favourites survive a reload.
const BASE = SERVERS.embedded;
const NS = 'developer-vms';
const OS_IMAGES = 'openshift-virtualization-os-images';
const VM = 'catalog-fedora';
const UPLOADED = 'catalog-uploaded';
const UPLOADED_VM = 'catalog-from-upload';
const TEMPLATE_VM = 'catalog-from-template';
const CUSTOMIZED_VM = 'catalog-customized';
const REGISTRY_VOLUME = 'catalog-registry-debian';
const OVERRIDE_VM = 'catalog-windows-override';
const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl e2e@catalog';
const BOOT = { timeout: 120_000 };

test.describe.configure({ mode: 'serial' });
failOnPageProblems(test);

/** A raw disk whose label makes the embedded cluster's guest booted from it report `ID=uploaded-test-os`. */
const uploadedImage = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'uploaded-centos.img');
  const sector = Buffer.alloc(512);
  sector.write('KUBEVIRT-EMBEDDED-GUEST-DISK 1\nos=uploaded-test-os\nname=Uploaded Test OS\n');
  writeFileSync(file, Buffer.concat([sector, Buffer.alloc(4 * 1024 * 1024 - 512)]));
  return file;
};

const openCatalog = async (page: Page, shell: ConsoleShell, namespace: string) => {
  await shell.open(`/k8s/ns/${namespace}/catalog`);
  await expect(shell.heading('Create new VirtualMachine')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Select volume to boot from' })).toBeVisible();
};

const volumeRadio = (page: Page, name: string) =>
  page.getByRole('radio', { name: `Select ${name}` });

test.afterAll(async ({ playwright }) => {
  const admin = await BffApi.logIn(playwright, BASE, 'admin');
  try {
    for (const name of [VM, UPLOADED_VM, TEMPLATE_VM, CUSTOMIZED_VM, OVERRIDE_VM])
      await admin.fetch('DELETE', admin.vmPath(NS, name));
    for (const kind of ['datasources', 'datavolumes'])
      await admin.fetch(
        'DELETE',
        `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/${kind}/${REGISTRY_VOLUME}`,
      );
    // The admin's upload lands where the cluster's boot sources are.
    await admin.fetch(
      'DELETE',
      `/apis/cdi.kubevirt.io/v1beta1/namespaces/${OS_IMAGES}/datasources/${UPLOADED}`,
    );
    await admin.fetch(
      'DELETE',
      `/apis/cdi.kubevirt.io/v1beta1/namespaces/${OS_IMAGES}/datavolumes/${UPLOADED}`,
    );
    for (const name of [VM, UPLOADED_VM, TEMPLATE_VM, CUSTOMIZED_VM, OVERRIDE_VM])
      await expect.poll(() => admin.find(admin.vmPath(NS, name)), BOOT).toBeUndefined();
  } finally {
    await admin.dispose();
  }
});

test('favourites are listed first and survive a reload', async ({ page }, testInfo) => {
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('developer');
  await openCatalog(page, shell, NS);
  const firstRow = page.getByRole('grid', { name: 'Bootable volumes' }).getByRole('row').nth(1);
  await expect(firstRow).not.toContainText('rhel9');
  await page.getByRole('button', { name: 'Add rhel9 to favorites' }).click();
  await expect(firstRow).toContainText('rhel9');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Remove rhel9 from favorites' })).toBeVisible();
  await expect(firstRow).toContainText('rhel9');
  await page.getByRole('button', { name: 'Remove rhel9 from favorites' }).click();
  await expect(page.getByRole('button', { name: 'Add rhel9 to favorites' })).toBeVisible();
});

test('the developer creates a VM from a volume and an instance type; YAML & CLI is what gets created', async ({
  page,
  playwright,
}, testInfo) => {
  test.setTimeout(240_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('developer');
  await openCatalog(page, shell, NS);
  await volumeRadio(page, 'fedora').check();
  // The volume's default instance type is chosen for it.
  await expect(page.getByText('Selected InstanceType: u1.medium', { exact: false })).toBeVisible();
  await shell.screenshot('catalog-instancetypes-light', { tall: true });
  await shell.darkScreenshot('catalog-instancetypes-dark', { tall: true });

  // A name already taken in the project: said at the field, and Create stays disabled.
  const name = page.getByRole('textbox', { name: 'Name' });
  await name.fill('fedora-running');
  await expect(page.getByText(/already exists|already used/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create VirtualMachine' })).toBeDisabled();
  await name.fill(VM);

  // YAML & CLI: the manifest shown, kept to compare with what the cluster gets.
  await page.getByRole('button', { name: 'YAML & CLI' }).click();
  const dialog = page.getByRole('dialog');
  const shown = parseAllDocuments(await dialog.locator('pre, code').first().innerText()).map(
    (doc) => doc.toJS() as KubeObject,
  );
  const shownVm = shown.find((object) => object.kind === 'VirtualMachine')!;
  expect(shownVm.metadata?.name).toBe(VM);
  await dialog.getByRole('tab', { name: 'CLI' }).click();
  await expect(dialog).toContainText('virtctl create vm');
  await expect(dialog).toContainText(`--name=${VM}`);
  await shell.screenshot('catalog-yaml-cli-light');
  await shell.darkScreenshot('catalog-yaml-cli-dark');
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  await page.getByRole('button', { name: 'Create VirtualMachine' }).click();
  await expect(page).toHaveURL(new RegExp(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${VM}`));
  const vms = new VirtualMachinesPage(page, BASE);
  await expect(shell.heading(VM)).toBeVisible();
  await shell.screenshot('catalog-created-provisioning-light');

  const developer = await BffApi.logIn(playwright, BASE, 'developer');
  try {
    const created = await developer.get(developer.vmPath(NS, VM));
    // The same spec, plus the revisions KubeVirt records of the instance type and preference.
    const spec = structuredClone(created.spec) as {
      instancetype?: { revisionName?: string };
      preference?: { revisionName?: string };
    };
    expect(spec.instancetype?.revisionName).toMatch(/^catalog-fedora-u1\.medium-/);
    delete spec.instancetype?.revisionName;
    delete spec.preference?.revisionName;
    expect(spec).toEqual(shownVm.spec);
  } finally {
    await developer.dispose();
  }

  // It runs, and its console shows the guest's banner for this VM.
  await vms.openDetails(NS, VM, 'console');
  await page.getByRole('button', { name: 'Serial console' }).click();
  const terminal = page.getByRole('group', { name: `Serial console of ${VM}` });
  await expect(terminal.locator('.xterm-rows')).toContainText(
    `Virtual machine ${VM} in namespace ${NS}`,
    BOOT,
  );
  const guest = new GuestSerial(page);
  expect(await guest.run(NS, VM, 'hostname')).toContain(VM);
});

test('the admin uploads an image as a bootable volume for everyone, and a VM boots it', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('admin');
  await openCatalog(page, shell, NS);
  await page.getByRole('button', { name: 'Add volume' }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('combobox', { name: 'Source type' })).toHaveValue('upload');
  await dialog.locator('input[type="file"]').setInputFiles(uploadedImage(testInfo.outputDir));
  await dialog.getByRole('textbox', { name: 'Volume name' }).fill(UPLOADED);
  await dialog.getByRole('combobox', { name: 'Preference' }).selectOption('centos.stream9');
  await shell.screenshot('catalog-add-volume-light');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });

  // The new volume is chosen and becomes ready; the VM boots the uploaded disk.
  await expect(volumeRadio(page, UPLOADED)).toBeChecked({ timeout: 60_000 });
  await page.getByRole('textbox', { name: 'Name' }).fill(UPLOADED_VM);
  await expect(page.getByRole('button', { name: 'Create VirtualMachine' })).toBeEnabled({
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Create VirtualMachine' }).click();
  await expect(shell.heading(UPLOADED_VM)).toBeVisible();
  const guest = new GuestSerial(page);
  expect(await guest.run(NS, UPLOADED_VM, 'cat /etc/os-release', 150_000)).toContain(
    'ID=uploaded-test-os',
  );
});

test('the developer quick-creates a VM from a template with a boot source', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('developer');
  await shell.open(`/k8s/ns/${NS}/catalog/template`);
  // Only templates whose boot source is there are shown at first; All items shows the rest.
  const fedora = page.getByRole('button', { name: 'Fedora VM fedora-server-small' });
  await expect(fedora).toBeVisible();
  const windows = page.getByRole('button', { name: /^Microsoft Windows Server 2022 VM / }).first();
  await expect(windows).toHaveCount(0);
  await page.getByRole('button', { name: 'All items' }).click();
  await expect(windows).toBeVisible();
  await shell.screenshot('catalog-templates-light');
  await shell.darkScreenshot('catalog-templates-dark');
  // Without its boot source a template cannot be quick-created, and the drawer says why.
  await windows.click();
  const missing = page.getByRole('dialog');
  const quick = missing.getByRole('button', { name: 'Quick create VirtualMachine' });
  await expect(quick).toHaveAttribute('aria-disabled', 'true');
  await expect(missing).toContainText('Choose a disk source under Storage, or customize');
  await shell.screenshot('catalog-template-missing-source-light');
  await missing.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Boot source available' }).click();

  await fedora.click();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('textbox', { name: 'VirtualMachine name' }).fill(TEMPLATE_VM);
  await shell.screenshot('catalog-template-drawer-light');
  await drawer.getByRole('button', { name: 'Quick create VirtualMachine' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${TEMPLATE_VM}`),
  );
  await expect(shell.heading(TEMPLATE_VM)).toBeVisible();
  const guest = new GuestSerial(page);
  expect(await guest.run(NS, TEMPLATE_VM, 'hostname', 150_000)).toContain(TEMPLATE_VM);
});

test('the developer customizes a template’s VM with a disk and an SSH key before creating it', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('developer');
  await shell.open(`/k8s/ns/${NS}/catalog/template`);
  await page.getByRole('button', { name: 'Fedora VM fedora-server-small' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('textbox', { name: 'VirtualMachine name' }).fill(CUSTOMIZED_VM);
  await drawer.getByRole('button', { name: 'Customize VirtualMachine' }).click();
  await expect(shell.heading('Customize and create VirtualMachine')).toBeVisible();

  // A blank disk: in the draft, so nothing is created yet.
  await page.getByRole('tab', { name: 'Disks' }).click();
  await page.getByRole('button', { name: 'Add disk' }).click();
  const disk = page.getByRole('dialog');
  await disk.getByRole('textbox', { name: 'Name' }).fill('extra');
  await disk.getByRole('textbox', { name: 'Size' }).fill('1');
  await disk.getByRole('button', { name: 'Add' }).click();
  await expect(disk).toBeHidden();
  await expect(page.getByRole('main')).toContainText('extra');

  // A new authorized key: its Secret is created with the VM.
  await page.getByRole('tab', { name: 'Scripts' }).click();
  await page.getByRole('button', { name: 'Edit Authorized SSH key', exact: true }).click();
  const ssh = page.getByRole('dialog', { name: 'Authorized SSH key' });
  await ssh.getByRole('radio', { name: 'Add new' }).check();
  await ssh.getByRole('textbox', { name: 'Public key' }).fill(SSH_KEY);
  await ssh.getByRole('button', { name: 'Save' }).click();
  await expect(ssh).toBeHidden();
  await expect(page.getByText(/Created first:/)).toBeVisible();
  await shell.screenshot('catalog-customize-light', { tall: true });
  await shell.darkScreenshot('catalog-customize-dark', { tall: true });

  await page.getByRole('button', { name: 'Create VirtualMachine' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${CUSTOMIZED_VM}`),
  );
  const guest = new GuestSerial(page);
  // The guest has the template's disks and the added one, and the key from cloud-init.
  expect(
    (await guest.run(NS, CUSTOMIZED_VM, 'ls /sys/block | grep -c "^vd"', 150_000)).trim(),
  ).toBe('3');
  expect(await guest.run(NS, CUSTOMIZED_VM, 'cat /root/.ssh/authorized_keys')).toContain(SSH_KEY);
});

test('the developer adds a registry volume to its project, and quick-creates a template whose boot source is missing by overriding its disk source', async ({
  page,
  playwright,
}, testInfo) => {
  test.setTimeout(300_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('developer');
  await openCatalog(page, shell, NS);

  // Add volume from a container disk: a developer's volume lands in its own project.
  await page.getByRole('button', { name: 'Add volume' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Source type' }).selectOption('registry');
  await dialog
    .getByRole('textbox', { name: 'Container image' })
    .fill('docker://quay.io/containerdisks/debian:12');
  await dialog.getByRole('textbox', { name: 'Volume name' }).fill(REGISTRY_VOLUME);
  await dialog.getByRole('combobox', { name: 'Preference' }).selectOption('debian');
  await shell.darkScreenshot('catalog-add-volume-registry-dark');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(volumeRadio(page, REGISTRY_VOLUME)).toBeChecked({ timeout: 60_000 });
  const api = await BffApi.logIn(playwright, BASE, 'developer');
  try {
    await expect
      .poll(async () => {
        const source = await api.find(
          `/apis/cdi.kubevirt.io/v1beta1/namespaces/${NS}/datasources/${REGISTRY_VOLUME}`,
        );
        const ready = (
          source?.status as { conditions?: { type: string; status: string }[] } | undefined
        )?.conditions?.find((c) => c.type === 'Ready');
        return [
          source?.metadata.labels?.['instancetype.kubevirt.io/default-preference'],
          ready?.status,
        ];
      }, BOOT)
      .toEqual(['debian', 'True']);
  } finally {
    await api.dispose();
  }

  // The Windows template has no boot source here; a container disk in Storage stands in.
  await shell.open(`/k8s/ns/${NS}/catalog/template`);
  await page.getByRole('button', { name: 'All items' }).click();
  await page
    .getByRole('button', { name: /^Microsoft Windows Server 2022 VM / })
    .first()
    .click();
  const drawer = page.getByRole('dialog');
  const quick = drawer.getByRole('button', { name: 'Quick create VirtualMachine' });
  await expect(quick).toHaveAttribute('aria-disabled', 'true');
  await drawer.getByRole('textbox', { name: 'VirtualMachine name' }).fill(OVERRIDE_VM);
  // The Storage section is open already: the template's own source is missing.
  await drawer.getByRole('combobox', { name: 'Disk source' }).selectOption('registry');
  await drawer
    .getByRole('textbox', { name: 'Container image' })
    .fill('quay.io/containerdisks/fedora:latest');
  await expect(quick).not.toHaveAttribute('aria-disabled', 'true');
  await shell.darkScreenshot('catalog-template-drawer-override-dark', { tall: true });
  await quick.click();
  await expect(page).toHaveURL(
    new RegExp(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${OVERRIDE_VM}`),
  );
  await expect(shell.heading(OVERRIDE_VM)).toBeVisible();
  const guest = new GuestSerial(page);
  expect(await guest.run(NS, OVERRIDE_VM, 'cat /etc/os-release', 200_000)).toContain('ID=fedora');
});
