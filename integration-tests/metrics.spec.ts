import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ConsoleShell } from './pages/ConsoleShell';
import { GuestSerial } from './pages/GuestSerial';
import { failOnPageProblems } from './pages/pageProblems';
import { BffApi, type KubeObject } from './pages/VirtualMachinesPage';
import { SERVERS } from './playwright.config';

// Metrics against the embedded cluster and the local Prometheus: a running QEMU guest's charts
// show what Prometheus answers for the same query at the same moment; a guest made busy tops
// the Top consumers; the developer sees its own project's numbers only; with Prometheus
// stopped, the pages say so and keep working.
const BASE = SERVERS.embedded;
const NS = 'developer-vms';
const VM = 'fedora-running';
const ELSEWHERE = 'metrics-elsewhere';
const OTHER_VM = 'metrics-other-vm';

test.describe.configure({ mode: 'serial' });
failOnPageProblems(test);

const UNITS: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  cores: 1,
  'ops/s': 1,
};

/** A figure as the charts print it ("1.5 KiB/s", "0.0123 cores", "1,023 MiB") as a number. */
const figure = (text: string): number => {
  const match = /^([\d.,]+)(k)?\s*([^\s/]+(?:\/s)?)?$/.exec(text.trim());
  if (!match) throw new Error(`not a figure: ${text}`);
  const unit = (match[3] ?? '').replace(/\/s$/, '');
  const scale = unit in UNITS ? UNITS[unit] : 1;
  return Number((match[1] ?? '').replace(/,/g, '')) * (match[2] ? 1000 : 1) * (scale ?? 1);
};

/** The card of one chart: the one holding the chart's plot. */
const chartCard = (page: Page, title: string) =>
  page
    .locator('.pf-v6-c-card')
    .filter({ has: page.getByRole('slider', { name: `${title} over time`, exact: true }) });

/**
 * The values a chart shows at its last-but-one point (the last may still gain a late sample):
 * the plot's time and, per series, the figure, read the way a screen reader reads them.
 */
const chartReading = async (plot: Locator) => {
  await plot.focus();
  await plot.press('End');
  await plot.press('ArrowLeft');
  const time = Number(await plot.getAttribute('aria-valuenow'));
  const [, ...rows] = ((await plot.getAttribute('aria-valuetext')) ?? '').split('; ');
  const values = new Map(
    rows.map((row) => {
      const at = row.lastIndexOf(': ');
      return [row.slice(0, at), row.slice(at + 2)] as const;
    }),
  );
  return { time, values };
};

/** The PromQL a chart runs, from its "Show query in Observe" link. */
const chartQuery = async (card: Locator) => {
  const href = await card.getByRole('link', { name: 'Show query in Observe' }).getAttribute('href');
  return new URL(href ?? '', BASE).searchParams.get('query0') ?? '';
};

const closeTo = (shown: number, actual: number) =>
  expect(Math.abs(shown - actual)).toBeLessThanOrEqual(Math.max(Math.abs(actual) * 0.01, 1e-4));

test.afterAll(async ({ playwright }) => {
  const admin = await BffApi.logIn(playwright, BASE, 'admin');
  try {
    await admin.fetch('DELETE', `/api/v1/namespaces/${ELSEWHERE}`);
  } finally {
    await admin.dispose();
  }
});

test('a running QEMU guest has CPU, memory, network and storage charts whose values are Prometheus’s', async ({
  page,
  playwright,
}, testInfo) => {
  test.setTimeout(240_000);
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('admin');
  await shell.open(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${VM}/metrics?range=15m`);
  for (const title of ['CPU usage', 'Memory', 'Network total', 'Storage read', 'Storage write']) {
    const plot = page.getByRole('slider', { name: `${title} over time` });
    // A chart with data has a plot; the guest has run since the server started.
    await expect(plot).toBeVisible({ timeout: 90_000 });
    const { values } = await chartReading(plot);
    expect(values.size, `${title} has series`).toBeGreaterThan(0);
    for (const value of values.values()) expect(value).not.toBe('no value');
  }
  await shell.screenshot('metrics-vm-light', { tall: true });
  await shell.darkScreenshot('metrics-vm-dark', { tall: true });

  const admin = await BffApi.logIn(playwright, BASE, 'admin');
  try {
    // CPU: one series, the same query at the same moment.
    const cpuCard = chartCard(page, 'CPU usage');
    const cpu = await chartReading(cpuCard.getByRole('slider'));
    const [cpuShown] = [...cpu.values.values()];
    const [cpuSample] = await admin.prometheusVector(await chartQuery(cpuCard), {
      time: String(cpu.time),
    });
    closeTo(figure(cpuShown ?? ''), Number(cpuSample?.value[1]));

    // Memory: used and allocated, each series its own sample.
    const memoryCard = chartCard(page, 'Memory');
    const memory = await chartReading(memoryCard.getByRole('slider'));
    const samples = await admin.prometheusVector(await chartQuery(memoryCard), {
      time: String(memory.time),
    });
    expect(samples.length).toBe(2);
    const shown = [...memory.values.values()].map(figure).sort((a, b) => a - b);
    const actual = samples.map((s) => Number(s.value[1])).sort((a, b) => a - b);
    shown.forEach((value, index) => closeTo(value, actual[index] ?? NaN));
  } finally {
    await admin.dispose();
  }
});

test('a busy guest tops the Top consumers; the developer sees its own project only', async ({
  page,
  browser,
  playwright,
}, testInfo) => {
  test.setTimeout(360_000);
  const admin = await BffApi.logIn(playwright, BASE, 'admin');
  try {
    // A VM in a project the developer cannot see, so that there is something to hide.
    await admin.create('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ELSEWHERE },
    });
    await admin.create(admin.vmPath(ELSEWHERE), {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: OTHER_VM, namespace: ELSEWHERE },
      spec: {
        runStrategy: 'Always',
        template: {
          spec: {
            domain: {
              memory: { guest: '256Mi' },
              devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] },
            },
            volumes: [
              {
                name: 'root',
                containerDisk: { image: 'quay.io/containerdisks/fedora:latest' },
              },
            ],
          },
        },
      },
    });
  } finally {
    await admin.dispose();
  }

  // The developer makes its guest busy: one vCPU spinning.
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('developer');
  await shell.open(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${VM}`);
  const guest = new GuestSerial(page);
  // In its own session, so that it outlives the console's shell.
  await guest.run(
    NS,
    VM,
    "(setsid sh -c 'echo $$ > /tmp/busy.pid; while :; do :; done' </dev/null >/dev/null 2>&1 &)",
  );
  try {
    // Prometheus sees it spin before the page is asked to rank it.
    const watcher = await BffApi.logIn(playwright, BASE, 'developer');
    try {
      await expect
        .poll(
          async () => {
            const [sample] = await watcher.prometheusVector(
              `sum(rate(kubevirt_vmi_cpu_usage_seconds_total{namespace="${NS}",name="${VM}"}[1m]))`,
              { namespace: NS },
            );
            return Number(sample?.value[1] ?? 0);
          },
          { timeout: 90_000, intervals: [5_000] },
        )
        .toBeGreaterThan(0.3);
    } finally {
      await watcher.dispose();
    }
    const topCpu = page.getByRole('list', { name: 'Top consumers of CPU' });
    await expect(async () => {
      await shell.open(`/k8s/ns/${NS}/virtualization-overview?tab=top-consumers&range=5m`);
      await expect(topCpu.getByRole('listitem').first()).toContainText(VM, { timeout: 10_000 });
    }).toPass({ timeout: 120_000, intervals: [5_000] });
    // Only the developer's project is ranked.
    const rows = await topCpu.getByRole('listitem').allTextContents();
    for (const row of rows) expect(row).toContain(NS);
    await shell.screenshot('metrics-top-consumers-developer-light', { tall: true });

    // The admin, in a browser of its own, sees the whole cluster: the other project's VM is
    // ranked too, the busy one first.
    const adminContext = await browser.newContext();
    const adminShell = new ConsoleShell(await adminContext.newPage(), BASE, testInfo);
    await adminShell.logInAs('admin');
    const adminTopCpu = adminShell.page.getByRole('list', { name: 'Top consumers of CPU' });
    await expect(async () => {
      await adminShell.open(
        `/k8s/all-namespaces/virtualization-overview?tab=top-consumers&range=5m&top=10`,
      );
      await expect(adminTopCpu.getByRole('listitem').first()).toContainText(VM, {
        timeout: 10_000,
      });
      await expect(adminTopCpu).toContainText(OTHER_VM, { timeout: 10_000 });
    }).toPass({ timeout: 150_000, intervals: [5_000] });
    await adminShell.screenshot('metrics-top-consumers-light', { tall: true });
    await adminShell.darkScreenshot('metrics-top-consumers-dark', { tall: true });
    await adminContext.close();
  } finally {
    await guest.run(NS, VM, 'kill $(cat /tmp/busy.pid)');
  }

  // The BFF holds the developer to its project, whatever the query asks.
  const developer = await BffApi.logIn(playwright, BASE, 'developer');
  try {
    const samples = await developer.prometheusVector(
      'sum by (namespace) (kubevirt_vmi_memory_domain_bytes)',
      { namespace: NS },
    );
    expect(samples.map((s) => s.metric.namespace)).toEqual([NS]);
    // Without a project the BFF asks for one; another's project is refused.
    await expect(developer.prometheusVector('up')).rejects.toThrow(/HTTP 400.*Add namespace=/);
    await expect(developer.prometheusVector('up', { namespace: ELSEWHERE })).rejects.toThrow(
      /HTTP 403/,
    );
  } finally {
    await developer.dispose();
  }
});

test('a live migration shows its progress on the Migrations tab and on the VM’s migration charts', async ({
  page,
  playwright,
}, testInfo) => {
  test.setTimeout(300_000);
  const HCO =
    '/apis/hco.kubevirt.io/v1beta1/namespaces/openshift-cnv/hyperconvergeds/kubevirt-hyperconverged';
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('admin');
  await shell.open(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${VM}`);
  const guest = new GuestSerial(page);
  // 48 MiB of memory that cannot be skipped as zero pages, sent at 4 MiB/s: a migration that
  // lasts long enough to be watched and scraped.
  await guest.run(NS, VM, 'head -c 50000000 /dev/urandom > /tmp/fill && echo filled', 120_000);
  const admin = await BffApi.logIn(playwright, BASE, 'admin');
  const MIGRATIONS = `/apis/kubevirt.io/v1/namespaces/${NS}/virtualmachineinstancemigrations`;
  let migration: KubeObject | undefined;
  try {
    await admin.mergePatch(HCO, {
      spec: { liveMigrationConfig: { bandwidthPerMigration: '4Mi' } },
    });
    migration = await admin.create(MIGRATIONS, {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachineInstanceMigration',
      metadata: { generateName: `${VM}-metrics-`, namespace: NS },
      spec: { vmiName: VM },
    });
    await shell.open('/k8s/all-namespaces/virtualization-overview?tab=migrations');
    const progress = page.getByRole('progressbar', {
      name: `Progress of the migration of ${VM}`,
    });
    await expect(progress).toBeVisible({ timeout: 60_000 });
    await shell.screenshot('metrics-migrations-running-light');
    const row = page.getByRole('row').filter({ hasText: VM }).first();
    await expect(row).toContainText('Completed', { timeout: 120_000 });
    await shell.screenshot('metrics-migrations-light', { tall: true });
    await shell.darkScreenshot('metrics-migrations-dark', { tall: true });

    // The VM's Migration section has the data the migration moved.
    await shell.open(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${VM}/metrics?range=15m`);
    const migrationData = page.getByRole('slider', { name: 'Migration data over time' });
    await expect(migrationData).toBeVisible({ timeout: 60_000 });
    const { values } = await chartReading(migrationData);
    expect(values.size).toBeGreaterThan(0);
  } finally {
    await admin.mergePatch(HCO, { spec: { liveMigrationConfig: { bandwidthPerMigration: null } } });
    // The migration goes with the test: the VM's other tests count its migrations.
    if (migration) {
      const path = `${MIGRATIONS}/${migration.metadata.name}`;
      await admin.fetch('DELETE', path);
      await expect.poll(() => admin.find(path)).toBeUndefined();
    }
    await admin.dispose();
    await new GuestSerial(page).run(NS, VM, 'rm -f /tmp/fill');
  }
});

test('the Virtualization overview shows health, alerts with runbooks, and inventory', async ({
  page,
}, testInfo) => {
  const shell = new ConsoleShell(page, BASE, testInfo);
  await shell.logInAs('admin');
  await shell.open('/k8s/all-namespaces/virtualization-overview');
  await expect(shell.heading('Virtualization overview')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Healthy');
  await expect(page.getByRole('main')).not.toContainText('Not reported');
  await expect(page.getByRole('main')).toContainText('Running');
  // KubeVirt's rules are loaded: LowKVMNodesCount is true here (no node offers KVM).
  await expect(page.getByRole('link', { name: /View runbook/ }).first()).toHaveAttribute(
    'href',
    /github\.com\/openshift\/runbooks\/.*openshift-virtualization-operator/,
    { timeout: 60_000 },
  );
  await shell.screenshot('metrics-overview-light', { tall: true });
  await shell.darkScreenshot('metrics-overview-dark', { tall: true });
});

test.describe('with Prometheus stopped', () => {
  const PORT = 9314;
  const URL_ = `http://127.0.0.1:${PORT}`;
  const DATA = path.resolve('.cache/e2e-metrics-stopped');
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    rmSync(DATA, { recursive: true, force: true });
    server = spawn(
      'node',
      [
        'dist/server/main.js',
        '--embedded',
        '--port',
        String(PORT),
        '--data-dir',
        DATA,
        '--log-level',
        'warn',
      ],
      { stdio: 'ignore' },
    );
    await expect
      .poll(
        async () =>
          fetch(`${URL_}/api/proxy/plugin/virtualization-plugin/bff/readyz`)
            .then((r) => r.status)
            .catch(() => 0),
        { timeout: 60_000 },
      )
      .toBe(200);
    // The server's Prometheus stores its data under the data directory: stop that one only.
    execFileSync('pkill', ['-f', `storage.tsdb.path=${DATA}`]);
  });

  test.afterAll(() => {
    server?.kill();
  });

  test('the pages say why there are no metrics, and everything else works', async ({
    page,
  }, testInfo) => {
    const shell = new ConsoleShell(page, URL_, testInfo);
    await shell.logInAs('admin');
    await shell.open(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${VM}/metrics`);
    await expect(page.getByRole('heading', { name: /^Prometheus is not available/ })).toBeVisible({
      timeout: 30_000,
    });
    await shell.screenshot('metrics-prometheus-stopped-light');
    // The VM's overview still shows its details; the utilization card says why it is empty.
    await shell.open(`/k8s/ns/${NS}/kubevirt.io~v1~VirtualMachine/${VM}`);
    await expect(page.getByRole('heading', { name: 'Details' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(
      /Metrics unavailable|Prometheus is not available/,
    );
    // The overview keeps its counts; Top consumers say why they have none.
    await shell.open('/k8s/all-namespaces/virtualization-overview?tab=top-consumers');
    await expect(page.getByRole('main')).toContainText(/Prometheus is not available/, {
      timeout: 30_000,
    });
    await shell.open('/k8s/all-namespaces/virtualization-overview');
    await expect(page.getByRole('main')).toContainText('ReconcileComplete');
  });
});
