import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ConsoleShell } from './pages/ConsoleShell';
import { failOnPageProblems } from './pages/pageProblems';
import { GuestSerial } from './pages/GuestSerial';
import { TcpProxy } from './pages/TcpProxy';
import { VirtualMachinesPage } from './pages/VirtualMachinesPage';
import { SERVERS } from './playwright.config';

// The Console tab against the seeded running QEMU guest, as the developer: the heavy console
// libraries load only with it, the VNC canvas shows the guest's screen, the serial console runs
// a command, and a console of a project the developer may not see is refused.
const BASE = SERVERS.embedded;
const NS = 'developer-vms';
const VM = 'fedora-running';
const BOOT = { timeout: 90_000 };

test.describe.configure({ mode: 'serial' });

failOnPageProblems(test);

/** What the build says each JavaScript file of the plugin carries (scripts/lib/chunkPackagesPlugin). */
const chunkPackages = JSON.parse(
  readFileSync(
    path.join(
      path.dirname(fileURLToPath(import.meta.url)),
      '..',
      'dist',
      'plugin',
      'chunk-packages.json',
    ),
    'utf8',
  ),
) as Record<string, string[]>;

/** The npm packages of the plugin's JavaScript the page has loaded so far. */
const loadedPackages = (files: Set<string>) =>
  new Set([...files].flatMap((file) => chunkPackages[file] ?? []));

const recordPluginScripts = (page: Page) => {
  const files = new Set<string>();
  page.on('response', (response) => {
    const match = /\/api\/plugins\/virtualization-plugin\/([^/?]+\.js)/.exec(response.url());
    if (match?.[1]) files.add(match[1]);
  });
  return files;
};

/** How many pixels of the canvas inside `screen` are not dark: text on the guest's screen. */
const litPixels = (screen: Locator) =>
  screen.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d');
    if (!context || !canvas.width || !canvas.height) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4)
      if ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0) > 150) lit++;
    return lit;
  });

test('the VM list loads neither noVNC nor xterm.js; the Console tab loads noVNC and shows the guest screen', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const files = recordPluginScripts(page);
  const shell = new ConsoleShell(page, BASE, testInfo);
  const vms = new VirtualMachinesPage(page, BASE);
  await shell.logInAs('developer');
  await vms.openList(NS);
  await expect(vms.status(VM)).toHaveText('Running', BOOT);
  expect(files.size).toBeGreaterThan(0);
  const onList = loadedPackages(files);
  expect([...onList].filter((p) => /@novnc|@xterm/.test(p))).toEqual([]);

  await vms.waitForGuestShell(NS, VM);
  await vms.openDetails(NS, VM, 'console');
  await page.getByRole('button', { name: 'VNC console' }).click();
  const screen = page.getByRole('application', { name: `VNC console of ${VM}` });
  await expect(screen).toBeVisible();
  await expect(page.getByText('Connected', { exact: true }).first()).toBeVisible({
    timeout: 30_000,
  });
  expect(loadedPackages(files)).toContain('@novnc/novnc');
  expect([...loadedPackages(files)].filter((p) => p.startsWith('@xterm'))).toEqual([]);

  // The guest's text console is on the screen: many distinct pixels, not a blank canvas.
  await expect
    .poll(() => litPixels(screen), { timeout: 30_000, message: 'lit pixels of the guest screen' })
    .toBeGreaterThan(500);
  await shell.screenshot('console-vnc-light');
  await shell.chooseDarkTheme();
  await shell.screenshot('console-vnc-dark');
  await shell.chooseLightTheme();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByText('Disconnected', { exact: true }).first()).toBeVisible();
});

test('the serial console shows the guest prompt and runs a command', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const files = recordPluginScripts(page);
  const shell = new ConsoleShell(page, BASE, testInfo);
  const vms = new VirtualMachinesPage(page, BASE);
  await shell.logInAs('developer');
  await vms.openDetails(NS, VM, 'console');
  await page.getByRole('button', { name: 'Serial console' }).click();
  const terminal = page.getByRole('group', { name: `Serial console of ${VM}` });
  await expect(terminal).toBeVisible();
  await expect(page.getByText('Connected', { exact: true }).first()).toBeVisible({
    timeout: 30_000,
  });
  expect(loadedPackages(files)).toContain('@xterm/xterm');
  await terminal.click();
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText(`[${VM}]#`, { timeout: 30_000 });
  await page.keyboard.type('echo serial-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(terminal.locator('.xterm-rows')).toContainText('serial-42');
  await shell.screenshot('console-serial-light');
  await shell.chooseDarkTheme();
  await shell.screenshot('console-serial-dark');
  await shell.chooseLightTheme();

  // The transcript holds the boot log replayed on connect (the guest printed its banner at boot,
  // before this page opened) and the command just run, as plain text.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download transcript' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${VM}-serial-.*\\.txt$`));
  const transcript = readFileSync(await download.path(), 'utf8');
  expect(transcript).toContain(`Virtual machine ${VM} in namespace ${NS}`);
  expect(transcript).toContain('echo serial-$((6*7))\nserial-42');
  expect(transcript).not.toContain('\u001b');

  // The choice is remembered: the tab opens on the serial console next time.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Serial console' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('typing, a paste and Ctrl+Alt+Del on the VNC console reach the guest', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  const vms = new VirtualMachinesPage(page, BASE);
  const guest = new GuestSerial(page);
  await shell.logInAs('developer');
  await vms.openDetails(NS, VM, 'console');
  await page.getByRole('button', { name: 'VNC console' }).click();
  const screen = page.getByRole('application', { name: `VNC console of ${VM}` });
  await expect(page.getByText('Connected', { exact: true }).first()).toBeVisible({
    timeout: 30_000,
  });

  // Typed on the guest's screen (unshifted text: FACTS.md), seen by the guest.
  await screen.click();
  await page.keyboard.type('touch /tmp/vnc-typed');
  await page.keyboard.press('Enter');
  await guest.waitFor(NS, VM, 'ls /tmp', (out) => out.includes('vnc-typed'));

  // Pasted text is typed as key events, shifted characters included.
  await page.getByRole('button', { name: 'Paste' }).click();
  const paste = page.getByRole('dialog');
  await paste
    .getByRole('textbox', { name: 'Text to type into the console' })
    .fill('echo "Pasted: OK" > /tmp/pasted\n');
  await paste.getByRole('button', { name: 'Type text' }).click();
  await guest.waitFor(NS, VM, 'cat /tmp/pasted', (out) => out.includes('Pasted: OK'));

  // Ctrl+Alt+Del from the menu: the guest's init reboots it (a new boot id).
  const bootId = (await guest.run(NS, VM, 'cat /proc/sys/kernel/random/boot_id')).trim();
  await page.getByRole('button', { name: 'Send key' }).click();
  await page.getByRole('menuitem', { name: 'Ctrl+Alt+Del' }).click();
  await guest.waitFor(
    NS,
    VM,
    'cat /proc/sys/kernel/random/boot_id',
    (out) => out.trim().length > 0 && out.trim() !== bootId,
    120_000,
  );
});

test('the VNC console reconnects by itself when its connection to the BFF drops', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  // The page talks to the BFF through a relay that can reset every connection at once, as a
  // failing network or proxy would: the console's WebSocket ends with 1006.
  const relay = await TcpProxy.start(BASE);
  try {
    const shell = new ConsoleShell(page, relay.url, testInfo);
    const vms = new VirtualMachinesPage(page, relay.url);
    await shell.logInAs('developer');
    await vms.openDetails(NS, VM, 'console');
    await page.getByRole('button', { name: 'VNC console' }).click();
    await expect(page.getByText('Connected', { exact: true }).first()).toBeVisible({
      timeout: 60_000,
    });
    const newSockets: string[] = [];
    page.on('websocket', (socket) => newSockets.push(socket.url()));

    expect(relay.cut()).toBeGreaterThan(0);
    await expect(page.getByText(/Reconnecting in \d+ s…/).first()).toBeVisible();
    await shell.screenshot('console-vnc-reconnecting-light');
    // A new console socket, without a click, and the guest's screen again.
    await expect(page.getByText('Connected', { exact: true }).first()).toBeVisible({
      timeout: 30_000,
    });
    expect(newSockets.some((url) => url.includes('/console/vnc/'))).toBe(true);
    await expect(page.getByRole('button', { name: 'Take over' })).toHaveCount(0);
  } finally {
    await relay.close();
  }
});

test('a second viewer finds the console in use and can take it over', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  const vms = new VirtualMachinesPage(page, BASE);
  await shell.logInAs('developer');
  await vms.openDetails(NS, VM, 'console');
  await page.getByRole('button', { name: 'VNC console' }).click();
  await expect(page.getByText('Connected', { exact: true }).first()).toBeVisible({
    timeout: 60_000,
  });

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const second = await context.newPage();
  try {
    await new ConsoleShell(second, BASE, testInfo).logInAs('developer');
    await new VirtualMachinesPage(second, BASE).openDetails(NS, VM, 'console');
    await second.getByRole('button', { name: 'VNC console' }).click();
    const takeOver = second.getByRole('button', { name: 'Take over' });
    await expect(takeOver).toBeVisible({ timeout: 30_000 });
    await takeOver.click();
    await expect(second.getByText('Connected', { exact: true }).first()).toBeVisible({
      timeout: 30_000,
    });
    // The first viewer is told someone took the console, and does not fight back by itself.
    await expect(page.getByText('Disconnected', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reconnect' }).first()).toBeVisible();
    await shell.screenshot('console-vnc-taken-light');
  } finally {
    await context.close();
  }
});

test('the Overview tab shows a live, view-only picture of the guest screen', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  const vms = new VirtualMachinesPage(page, BASE);
  await shell.logInAs('developer');
  await vms.openDetails(NS, VM, 'overview');
  const preview = page.getByRole('img', { name: `Live preview of the VNC console of ${VM}` });
  await expect(preview).toBeVisible();
  await expect
    .poll(() => litPixels(preview), { timeout: 30_000, message: 'lit pixels of the preview' })
    .toBeGreaterThan(200);
  await shell.screenshot('overview-console-preview-light');
  // The Console tab gets the console: the preview let it go as the tab opened.
  await page.getByRole('link', { name: 'Open the console' }).click();
  await page.getByRole('button', { name: 'VNC console' }).click();
  await expect(page.getByText('Connected', { exact: true }).first()).toBeVisible({
    timeout: 30_000,
  });
});

test('the developer cannot open a console in a project it may not see', async ({
  page,
}, testInfo) => {
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('developer');
  await shell.open('/k8s/ns/openshift-cnv/kubevirt.io~v1~VirtualMachine/any-vm/console/standalone');
  await expect(
    page.getByRole('heading', { name: /Access denied|VirtualMachine not found/ }),
  ).toBeVisible();
  await expect(page.getByRole('application')).toHaveCount(0);
});
