import { expect, test, type Page } from '@playwright/test';
import { ConfigurationPage, CONFIG_SUB_TABS, type ConfigSubTab } from './pages/ConfigurationPage';
import { ConsoleShell } from './pages/ConsoleShell';
import { failOnPageProblems } from './pages/pageProblems';
import { GuestSerial } from './pages/GuestSerial';
import { BffApi, VirtualMachinesPage, type KubeObject } from './pages/VirtualMachinesPage';
import { SERVERS } from './playwright.config';

// The Configuration tab against a real QEMU guest of the embedded cluster, as the developer in its
// own project. One VM of its own (so the VirtualMachines spec's seeded VMs are left alone); the
// tests run in order and share it: hot-plug first (running), then restart-bound changes gathered
// before one restart, then the unschedulable node selector last.
const BASE = SERVERS.embedded;
const NS = 'developer-vms';
const VM = 'config-demo';
const NAD = 'lab-bridge';
const BOOT = { timeout: 90_000 };
const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl e2e@config-demo';

test.describe.configure({ mode: 'serial' });

failOnPageProblems(test);

const vmObject = () => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: VM, namespace: NS, labels: { app: VM } },
  spec: {
    runStrategy: 'Always',
    template: {
      metadata: { labels: { 'kubevirt.io/domain': VM } },
      spec: {
        domain: {
          cpu: { cores: 1 },
          memory: { guest: '128Mi' },
          devices: {
            disks: [
              { name: 'rootdisk', disk: { bus: 'virtio' } },
              { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
            ],
            interfaces: [{ name: 'default', masquerade: {} }],
          },
        },
        networks: [{ name: 'default', pod: {} }],
        volumes: [
          { name: 'rootdisk', containerDisk: { image: 'quay.io/containerdisks/fedora:latest' } },
          {
            name: 'cloudinitdisk',
            cloudInitNoCloud: { userData: '#cloud-config\nuser: fedora\n' },
          },
        ],
      },
    },
  },
});

const nadObject = () => ({
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name: NAD, namespace: NS },
  spec: {
    config: JSON.stringify({ cniVersion: '0.3.1', name: NAD, type: 'bridge', bridge: 'br1' }),
  },
});

const setUp = async (page: Page, testInfo: Parameters<Parameters<typeof test>[2]>[1]) => {
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('developer');
  const config = new ConfigurationPage(page, BASE);
  const vms = new VirtualMachinesPage(page, BASE);
  return { shell, config, vms, api: vms.api(), guest: new GuestSerial(page) };
};

const templateSpec = (vm: KubeObject) => (vm.spec?.template as { spec: Record<string, any> }).spec; // eslint-disable-line @typescript-eslint/no-explicit-any

test.describe('VM configuration as the developer', () => {
  test.beforeAll(async ({ playwright }) => {
    const admin = await BffApi.logIn(playwright, BASE, 'admin');
    const developer = await BffApi.logIn(playwright, BASE, 'developer');
    try {
      await admin.create(
        `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions`,
        nadObject(),
      );
      await developer.create(developer.vmPath(NS), vmObject());
    } finally {
      await admin.dispose();
      await developer.dispose();
    }
  });

  // The VirtualMachines spec shares this cluster and counts its VMs: leave nothing behind.
  test.afterAll(async ({ playwright }) => {
    const admin = await BffApi.logIn(playwright, BASE, 'admin');
    try {
      await admin.fetch('DELETE', admin.vmPath(NS, VM));
      await admin.fetch(
        'DELETE',
        `/apis/k8s.cni.cncf.io/v1/namespaces/${NS}/network-attachment-definitions/${NAD}`,
      );
      await expect.poll(() => admin.find(admin.vmPath(NS, VM)), BOOT).toBeUndefined();
    } finally {
      await admin.dispose();
    }
  });

  test('every sub-tab has its own URL and shows the VM', async ({ page }, testInfo) => {
    test.setTimeout(150_000);
    const { shell, config, vms } = await setUp(page, testInfo);
    await config.open(NS, VM);
    await vms.waitForGuestShell(NS, VM);
    for (const sub of Object.keys(CONFIG_SUB_TABS) as ConfigSubTab[]) {
      await config.openSubTab(sub);
      await shell.screenshot(`config-${sub}-light`, { tall: true });
      await shell.expectAccessible();
    }
    await shell.chooseDarkTheme();
    for (const sub of ['details', 'disks'] as ConfigSubTab[]) {
      await config.openSubTab(sub);
      await shell.screenshot(`config-${sub}-dark`, { tall: true });
    }
    await shell.chooseLightTheme();
    // A sub-tab's URL opens it directly, after a reload too.
    await page.reload();
    await config.waitFor('disks');
  });

  test('a blank disk hot-plugged into the running VM reaches the guest; one is made persistent, one detached', async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    const { shell, config, vms, api, guest } = await setUp(page, testInfo);
    await config.open(NS, VM, 'disks');
    await vms.waitForGuestShell(NS, VM);
    const scsiDisks = async () =>
      (await guest.run(NS, VM, 'ls /sys/block')).split(/\s+/).filter((d) => /^sd[a-z]+$/.test(d));
    expect(await scsiDisks()).toEqual([]);
    const table = page
      .getByRole('grid', { name: 'Disks' })
      .or(page.getByRole('table', { name: 'Disks' }));

    // Invalid input: clear messages, nothing sent.
    const sent = config.countRequests(
      (method, url) =>
        (method === 'POST' && url.includes('/datavolumes')) ||
        (method === 'PUT' && url.includes('/addvolume')) ||
        (method === 'PATCH' && url.includes(`/virtualmachines/${VM}`)),
    );
    await page.getByRole('button', { name: 'Add disk' }).click();
    const dialog = config.dialog('Add disk (hot plugged)');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Bad_Name!');
    await dialog.getByRole('textbox', { name: 'Size' }).fill('0');
    await dialog.getByRole('button', { name: 'Save' }).click({ force: true });
    await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(dialog.getByRole('textbox', { name: 'Size' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await shell.screenshot('config-add-disk-invalid-light');
    expect(sent).toEqual([]);

    // A blank disk, hot-plugged for this run only.
    await dialog.getByRole('textbox', { name: 'Name' }).fill('scratch');
    await dialog.getByRole('textbox', { name: 'Size' }).fill('1');
    await dialog.getByRole('checkbox', { name: 'Make this disk persistent' }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden({ timeout: 90_000 });
    await expect(config.row(table, 'scratch')).toContainText('Hot-plugged');
    await expect.poll(scsiDisks, { timeout: 30_000 }).toHaveLength(1);
    expect(
      templateSpec(await api.get(api.vmPath(NS, VM))).volumes.map((v: { name: string }) => v.name),
    ).not.toContain('scratch');

    // Made persistent: the VM keeps it, and no restart is asked for.
    await config.rowAction(table, 'scratch', 'Make persistent');
    const persist = config.dialog('Make persistent');
    await persist.getByRole('button', { name: 'Make persistent' }).click();
    await expect(persist).toBeHidden();
    await expect(config.row(table, 'scratch')).toContainText('Persistent hot-plug');
    await expect
      .poll(async () =>
        templateSpec(await api.get(api.vmPath(NS, VM))).volumes.map(
          (v: { name: string }) => v.name,
        ),
      )
      .toContain('scratch');
    await expect(config.pendingChanges()).toBeHidden();
    expect(await scsiDisks()).toHaveLength(1);

    // A second one, detached again: the guest loses it.
    await page.getByRole('button', { name: 'Add disk' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('spare');
    await dialog.getByRole('textbox', { name: 'Size' }).fill('1');
    await dialog.getByRole('checkbox', { name: 'Make this disk persistent' }).uncheck();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden({ timeout: 90_000 });
    await expect.poll(scsiDisks, { timeout: 30_000 }).toHaveLength(2);
    await shell.screenshot('config-disks-hotplugged-light', { tall: true });
    await config.rowAction(table, 'spare', 'Detach');
    const detach = config.dialog('Detach disk');
    await detach.getByRole('button', { name: 'Detach' }).click();
    await expect(detach).toBeHidden();
    await expect(config.row(table, 'spare')).toHaveCount(0);
    await expect.poll(scsiDisks, { timeout: 30_000 }).toHaveLength(1);
  });

  test('a bridge NIC is hot-plugged; boot order and an SSH key wait for the restart, then reach the guest', async ({
    page,
  }, testInfo) => {
    test.setTimeout(300_000);
    const { shell, config, vms, api, guest } = await setUp(page, testInfo);
    await config.open(NS, VM, 'network');
    await vms.waitForGuestShell(NS, VM);
    const nics = async () =>
      (await guest.run(NS, VM, 'ls /sys/class/net')).split(/\s+/).filter((n) => /^eth\d+$/.test(n));
    expect(await nics()).toEqual(['eth0']);

    // A NIC on the project's bridge network, attached to the running guest.
    await page.getByRole('button', { name: 'Add network interface' }).click();
    const nic = config.dialog('Add network interface');
    await nic.getByRole('textbox', { name: /^Name/ }).fill('lab');
    await nic.getByRole('combobox', { name: 'Network' }).selectOption({ label: `${NS}/${NAD}` });
    await expect(nic.getByRole('textbox', { name: 'Type' })).toHaveValue('Bridge');
    await shell.screenshot('config-add-nic-light');
    await nic.getByRole('button', { name: 'Save' }).click();
    await expect(nic).toBeHidden();
    const nicTable = page
      .getByRole('grid', { name: 'Network interfaces' })
      .or(page.getByRole('table', { name: 'Network interfaces' }));
    await expect(config.row(nicTable, 'lab')).toBeVisible();
    await expect.poll(nics, { timeout: 60_000 }).toEqual(['eth0', 'eth1']);
    await expect(config.row(nicTable, 'lab')).toContainText('Up');

    // Boot order: the NIC first, then the root disk; a running VM takes it at its restart.
    await config.openSubTab('details');
    await config.editButton('Boot order').click();
    const boot = config.dialog('Edit boot order');
    await expect(
      boot.getByText(
        'No resource selected. VM will attempt to boot from disks by order of appearance in YAML file',
      ),
    ).toBeVisible();
    await boot.getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('menuitem', { name: 'rootdisk (Disk)' }).click();
    await boot.getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('menuitem', { name: 'default (NIC)' }).click();
    await boot.getByRole('button', { name: 'Reorder default' }).focus();
    await page.keyboard.press('ArrowUp');
    await expect(boot.getByRole('list', { name: 'Boot order' }).getByRole('listitem')).toHaveText([
      /default/,
      /rootdisk/,
    ]);
    await shell.screenshot('config-boot-order-light');
    await boot.getByRole('button', { name: 'Save' }).click();
    await expect(boot).toBeHidden();
    await expect(config.rowValue('Boot order')).toContainText('1. default');
    await expect(config.pendingChanges()).toBeVisible();
    await expect(config.pendingChanges()).toContainText('Boot order');

    // An authorized SSH key, new in a Secret of the project, given by cloud-init at the next boot.
    await config.openSubTab('ssh');
    await config.editButton('Authorized SSH key').click();
    const ssh = config.dialog('Authorized SSH key');
    await ssh.getByRole('radio', { name: 'Add new' }).check();
    await ssh.getByRole('textbox', { name: 'Public key' }).fill(SSH_KEY);
    await ssh.getByRole('button', { name: 'Save' }).click();
    await expect(ssh).toBeHidden();
    await expect(config.rowValue('Authorized SSH key')).not.toContainText('Not set');
    await shell.screenshot('config-ssh-light', { tall: true });

    // Restart from the banner: the changes reach the guest, the banner goes.
    const before = (await api.get(api.vmiPath(NS, VM))).metadata.uid;
    await config.pendingChanges().getByRole('button', { name: 'Restart' }).click();
    await expect
      .poll(async () => (await api.find(api.vmiPath(NS, VM)))?.metadata.uid, BOOT)
      .not.toBe(before);
    await vms.waitForGuestShell(NS, VM);
    await expect(config.pendingChanges()).toBeHidden({ timeout: 30_000 });
    const vmi = await api.get(api.vmiPath(NS, VM));
    const devices = (
      vmi.spec as {
        domain: {
          devices: {
            disks: { name: string; bootOrder?: number }[];
            interfaces: { name: string; bootOrder?: number }[];
          };
        };
      }
    ).domain.devices;
    expect(devices.interfaces.find((i) => i.name === 'default')?.bootOrder).toBe(1);
    expect(devices.disks.find((d) => d.name === 'rootdisk')?.bootOrder).toBe(2);
    expect(await guest.run(NS, VM, 'cat /root/.ssh/authorized_keys')).toContain(SSH_KEY);
    expect(await nics()).toEqual(['eth0', 'eth1']);
  });

  test('malformed cloud-init is refused before anything is sent, and what was typed stays', async ({
    page,
  }, testInfo) => {
    const { shell, config } = await setUp(page, testInfo);
    await config.open(NS, VM, 'initial-run');
    const sent = config.countRequests(
      (method, url) => method !== 'GET' && url.includes(`/virtualmachines/${VM}`),
    );
    await config.editButton('Cloud-init').click();
    const dialog = config.dialog('Cloud-init');
    await dialog.getByRole('button', { name: 'YAML view' }).click();
    const userData = dialog.getByRole('textbox', { name: 'User data' });
    const broken = '#cloud-config\nuser: [fedora\npassword: x\n';
    await userData.fill(broken);
    await dialog.getByRole('button', { name: 'Save' }).click({ force: true });
    await expect(dialog.getByText(/line \d+/i).first()).toBeVisible();
    await shell.screenshot('config-cloud-init-invalid-light');
    await expect(userData).toHaveValue(broken);
    expect(sent).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  test('a node selector no node matches: the VM says it cannot be scheduled', async ({
    page,
    browser,
  }, testInfo) => {
    test.setTimeout(150_000);
    // The developer may not list nodes: the form says the preview is not available.
    const developer = await setUp(page, testInfo);
    await developer.config.open(NS, VM, 'scheduling');
    await developer.config.editButton('Node selector').click();
    const refused = developer.config.dialog(/node selector/i);
    await expect(refused.getByRole('status', { name: 'Node preview' })).toContainText(
      'You cannot list nodes; the preview is not available.',
    );
    await refused.getByRole('button', { name: 'Cancel' }).click();

    // The administrator sees which nodes match while typing.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const adminPage = await context.newPage();
    const shell = new ConsoleShell(adminPage, BASE, testInfo);
    await shell.logInAs('admin');
    const config = new ConfigurationPage(adminPage, BASE);
    const api = new VirtualMachinesPage(adminPage, BASE).api();
    await config.open(NS, VM, 'scheduling');
    await config.editButton('Node selector').click();
    const dialog = config.dialog(/node selector/i);
    await dialog.getByRole('textbox', { name: 'Key 1' }).fill('zone');
    await dialog.getByRole('textbox', { name: 'Value 1' }).fill('nowhere');
    await expect(dialog.getByRole('status', { name: 'Node preview' })).toContainText(
      '0 of 3 nodes match',
    );
    await shell.screenshot('config-node-selector-light');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(config.rowValue('Node selector')).toContainText('zone');
    await expect(config.pendingChanges()).toContainText('Node selector');
    await config.pendingChanges().getByRole('button', { name: 'Restart' }).click();
    await expect(adminPage.getByText('Unschedulable', { exact: true }).first()).toBeVisible(BOOT);
    await expect
      .poll(async () => (await api.get(api.vmPath(NS, VM))).status?.printableStatus, BOOT)
      .toBe('ErrorUnschedulable');
    const vmi = await api.get(api.vmiPath(NS, VM));
    const scheduled = (
      (vmi.status?.conditions ?? []) as {
        type: string;
        status: string;
        reason?: string;
        message?: string;
      }[]
    ).find((c) => c.type === 'PodScheduled');
    expect(scheduled).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    await shell.screenshot('config-unschedulable-light');
    // Leave the cluster quiet for the specs after this one.
    await api.mergePatch(api.vmPath(NS, VM), { spec: { runStrategy: 'Halted' } });
    await context.close();
  });
});
