// Benchmarks VMs of the embedded cluster running as real QEMU processes (not a test: it prints
// figures, asserts nothing):
// - start to serial prompt: from the POST of a VirtualMachine to `[NAME]# ` on the console
//   WebSocket, for 1 VM alone (3 runs, deleted in between) and for 3 VMs started together;
// - memory: RSS of each QEMU process once its guest has booted, and the guest's configured RAM.
// Baseline measured in the same run: the same guest image booted by a bare qemu-system-x86_64
// with the runtime's flags, serial read straight from its unix socket. The ratio is what the
// cluster (API, controllers, boot queue, WebSocket) adds. Figures go to stdout and
// docs/benchmarks.md. Run: npx tsx scripts/bench-vm.ts
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { writeBenchmarkSection } from './lib/benchmarksDoc';
import WebSocket from 'ws';
import { startEmbeddedCluster, type EmbeddedCluster } from '../src/embedded-cluster/cluster';
import { QemuVmRuntime } from '../src/embedded-cluster/controllers/qemuVmRuntime';
import {
  guestImagePaths,
  guestPrompt,
  kernelCommandLine,
} from '../src/embedded-cluster/runtime/guestImage';
import { withParentDeathSignal } from '../src/embedded-cluster/runtime/processManager';
import { buildQemuCommand } from '../src/embedded-cluster/runtime/qemuArgs';

const SECTION = 'Embedded cluster: VM boot and memory';
const NAMESPACE = 'default';
const GUEST_MEMORY = '128Mi';
const GUEST_MEMORY_MIB = 128;
/** What QemuVmRuntime caps guest RAM at (its default). */
const RUNTIME_MAX_MEMORY_MIB = 256;
/** The whole script stops (and cleans up) after this long, whatever it is doing. */
const DEADLINE_MS = 170_000;
const PROMPT_TIMEOUT_MS = 60_000;
const GONE_TIMEOUT_MS = 45_000;

const startedAt = Date.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A bound for Promise.race that does not keep the process alive once the race is won. */
const bound = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
const remaining = () => DEADLINE_MS - (Date.now() - startedAt);
const until = (ms: number) => Math.max(1, Math.min(ms, remaining()));

/** VmRSS of a process in MiB (undefined when it is gone). */
const rssMiB = (pid: number | undefined): number | undefined => {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
};

/** The guest RAM a QEMU process was given: its `-m` argument, in MiB. */
const guestMiB = (pid: number | undefined): number | undefined => {
  if (pid === undefined) return undefined;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const value = args[args.indexOf('-m') + 1];
    return args.includes('-m') && value ? Number.parseInt(value, 10) : undefined;
  } catch {
    return undefined;
  }
};

/** QEMU processes on this machine that are not this script's (they compete for the CPUs). */
const foreignQemus = (): number => {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so split after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (comm.startsWith('qemu-system') && ppid !== process.pid) count++;
    } catch {
      // gone meanwhile
    }
  }
  return count;
};
let mostForeign = 0;
const noteForeign = () => (mostForeign = Math.max(mostForeign, foreignQemus()));

interface Boot {
  name: string;
  /** Start (POST or spawn) to prompt. */
  ms: number;
  /** When the prompt was seen (performance.now()). */
  at: number;
  rssMiB?: number;
  guestMiB?: number;
}

// ---------------------------------------------------------------------------------------------
// Baseline: a bare QEMU with the runtime's flags, serial and QMP read straight from the sockets.

const bareChildren = new Set<ChildProcess>();
const bareDir = mkdtempSync(path.join(os.tmpdir(), 'vp-bench-'));

/** Connects to a unix socket, retrying while QEMU has not created it yet. */
const connectUnix = async (socketPath: string, timeoutMs: number): Promise<net.Socket> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        const socket = net.createConnection(socketPath);
        socket.once('connect', () => {
          socket.off('error', reject);
          resolve(socket);
        });
        socket.once('error', reject);
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(10);
    }
  }
};

/** Waits until `text()` matches `pattern`, checking whenever `source` has data. */
const waitForText = (
  source: NodeJS.EventEmitter,
  text: () => string,
  pattern: string,
  timeoutMs: number,
  what: string,
) =>
  new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!text().includes(pattern)) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what}: no ${JSON.stringify(pattern)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      source.off('data', check);
    };
    source.on('data', check);
    check();
  });

/**
 * Boots one bare QEMU to its prompt and reads its RSS there. The QEMU keeps running (an idle
 * guest, as the cluster's VMs stay up) until `stop()`.
 */
const bareBoot = async (name: string): Promise<{ boot: Boot; stop: () => Promise<void> }> => {
  const image = guestImagePaths();
  const runDir = path.join(bareDir, name);
  mkdirSync(runDir, { recursive: true });
  const command = buildQemuCommand(
    {
      runDir,
      name,
      namespace: NAMESPACE,
      os: 'linux',
      memoryMiB: GUEST_MEMORY_MIB,
      cpus: 1,
      kernel: image.kernel,
      initrd: image.initrd,
      append: kernelCommandLine({ name, namespace: NAMESPACE, os: 'linux' }),
      nics: [{ model: 'virtio' }],
    },
    { maxMemoryMiB: RUNTIME_MAX_MEMORY_MIB },
  );
  noteForeign();
  const start = performance.now();
  // setpriv execs QEMU (same pid); it only makes sure QEMU dies with this script.
  const [file, argv] = withParentDeathSignal('qemu-system-x86_64', command.args);
  const child = spawn(file, argv, { cwd: runDir, stdio: 'ignore' });
  bareChildren.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => bareChildren.delete(child));
  let serial: net.Socket | undefined;
  let qmp: net.Socket | undefined;
  const stop = async () => {
    serial?.destroy();
    qmp?.destroy();
    child.kill('SIGKILL');
    await Promise.race([exited, bound(5_000)]);
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    // As the runtime does: QEMU starts with its CPUs stopped (-S); connect serial and QMP,
    // then `cont`, so no boot output is lost.
    [serial, qmp] = await Promise.all([
      connectUnix(command.paths.serial, until(15_000)),
      connectUnix(command.paths.qmp, until(15_000)),
    ]);
    let output = '';
    serial.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
    let replies = '';
    qmp.on('data', (chunk: Buffer) => (replies += chunk.toString('utf8')));
    await waitForText(qmp, () => replies, '{"QMP"', until(15_000), `${name} QMP greeting`);
    replies = '';
    qmp.write('{"execute":"qmp_capabilities"}\n');
    await waitForText(qmp, () => replies, '"return"', until(15_000), `${name} QMP`);
    qmp.write('{"execute":"cont"}\n');
    await waitForText(
      serial,
      () => output,
      guestPrompt(name),
      until(PROMPT_TIMEOUT_MS),
      `bare QEMU ${name}`,
    );
    const at = performance.now();
    noteForeign();
    const boot = {
      name,
      ms: at - start,
      at,
      rssMiB: rssMiB(child.pid),
      guestMiB: guestMiB(child.pid),
    };
    return { boot, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};

/** Bare QEMUs booted together; all are stopped once the last has its prompt. */
const bareBoots = async (names: string[]): Promise<Boot[]> => {
  const started = await Promise.allSettled(names.map((name) => bareBoot(name)));
  await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
  return started.map((s) => {
    if (s.status === 'rejected') throw s.reason;
    return s.value.boot;
  });
};

// ---------------------------------------------------------------------------------------------
// The embedded cluster: POST a VM, read its serial console over the WebSocket.

let cluster: EmbeddedCluster | undefined;
let runtime: QemuVmRuntime | undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-vm-'));
const sockets = new Set<WebSocket>();
/** Set by cleanup: console waits stop reconnecting (an open WebSocket holds the server open). */
let stopping = false;

const api = async (method: string, url: string, token: string, body?: unknown) => {
  const res = await fetch(`${cluster!.httpURL}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
};

const vmURL = (namespace: string, name = '') =>
  `/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachines${name ? `/${name}` : ''}`;
const vmiURL = (namespace: string, name: string) =>
  `/apis/kubevirt.io/v1/namespaces/${namespace}/virtualmachineinstances/${name}`;

/**
 * Resolves when `[NAME]# ` arrives on the VMI's serial console WebSocket. The VMI and its QEMU
 * appear some time after the POST: until then the upgrade is refused, so it is retried every
 * 50 ms; the console's scroll-back brings what the guest printed before the connection.
 */
const promptOnConsole = (namespace: string, name: string, token: string, timeoutMs: number) =>
  new Promise<number>((resolve, reject) => {
    const prompt = guestPrompt(name);
    const url = `${cluster!.httpURL.replace(/^http/, 'ws')}/apis/subresources.kubevirt.io/v1/namespaces/${namespace}/virtualmachineinstances/${name}/console`;
    let finished = false;
    let current: WebSocket | undefined;
    const finish = (error?: Error, at?: number) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      current?.terminate();
      if (error) reject(error);
      else resolve(at!);
    };
    const timer = setTimeout(
      () => finish(new Error(`${namespace}/${name}: no prompt on the console in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const attempt = () => {
      if (finished) return;
      if (stopping) return finish(new Error(`${namespace}/${name}: stopped`));
      const ws = new WebSocket(url, ['plain.kubevirt.io'], {
        headers: { Authorization: `Bearer ${token}` },
      });
      current = ws;
      sockets.add(ws);
      let output = '';
      let opened = false;
      ws.on('open', () => (opened = true));
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary) return;
        output += data.toString('latin1');
        if (output.includes(prompt)) finish(undefined, performance.now());
      });
      ws.on('error', () => undefined);
      ws.on('close', () => {
        sockets.delete(ws);
        // Refused (no VMI yet, not Running yet) or dropped: try again.
        if (!finished) setTimeout(attempt, opened ? 0 : 50);
      });
    };
    attempt();
  });

const virtualMachine = (name: string) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: NAMESPACE },
  spec: {
    runStrategy: 'Always',
    template: { spec: { domain: { memory: { guest: GUEST_MEMORY }, devices: {} } } },
  },
});

/** POSTs a VM and waits for its prompt on the console; reads its QEMU's RSS there. */
const clusterBoot = async (name: string, token: string): Promise<Boot> => {
  noteForeign();
  const start = performance.now();
  const status = await api('POST', vmURL(NAMESPACE), token, virtualMachine(name));
  if (status !== 201) throw new Error(`POST of VM ${name} answered ${status}`);
  const at = await promptOnConsole(NAMESPACE, name, token, until(PROMPT_TIMEOUT_MS));
  noteForeign();
  const pid = runtime!.processId(`${NAMESPACE}/${name}`);
  return { name, ms: at - start, at, rssMiB: rssMiB(pid), guestMiB: guestMiB(pid) };
};

/** DELETEs a VM and resolves (with the time it took) once VM, VMI and QEMU are all gone. */
const deleteVm = async (namespace: string, name: string, token: string) => {
  const start = performance.now();
  const status = await api('DELETE', vmURL(namespace, name), token);
  if (status !== 200 && status !== 202) throw new Error(`DELETE of VM ${name} answered ${status}`);
  const deadline = Date.now() + until(GONE_TIMEOUT_MS);
  while (Date.now() < deadline) {
    const gone =
      runtime!.processId(`${namespace}/${name}`) === undefined &&
      !runtime!.running(`${namespace}/${name}`) &&
      (await api('GET', vmiURL(namespace, name), token)) === 404 &&
      (await api('GET', vmURL(namespace, name), token)) === 404;
    if (gone) {
      const ms = performance.now() - start;
      await cluster!.controllersIdle();
      return ms;
    }
    await sleep(50);
  }
  throw new Error(`${namespace}/${name} was not gone ${GONE_TIMEOUT_MS} ms after its DELETE`);
};

// ---------------------------------------------------------------------------------------------

let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    stopping = true;
    for (const ws of sockets) ws.terminate();
    for (const child of bareChildren) child.kill('SIGKILL');
    if (cluster) await Promise.race([cluster.stop(), bound(20_000)]);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(bareDir, { recursive: true, force: true });
  })());

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** A markdown table with padded columns (as prettier would write it). */
const table = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
};

const machineNote = () => {
  const cpus = os.cpus();
  const qemu =
    spawnSync('qemu-system-x86_64', ['--version'], { encoding: 'utf8' })
      .stdout.split('\n')[0]
      ?.replace(/^QEMU emulator version\s+/, '')
      .replace(/\s*\(.*\)$/, '') ?? 'unknown';
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, QEMU ${qemu} under TCG, Node ${process.version}`;
};

const main = async () => {
  if (!QemuVmRuntime.available()) {
    console.error(
      'bench-vm: QEMU (qemu-system-x86_64) or the guest image (.cache/guest) is missing, so there are no real VMs to measure.\n' +
        'Set them up with `node scripts/guest-image.mjs` (it installs QEMU on Debian as root), then run this again.',
    );
    await cleanup();
    process.exitCode = 1;
    return;
  }
  const watchdog = setTimeout(() => {
    console.error(`bench-vm: not done after ${DEADLINE_MS / 1000} s; stopping everything.`);
    void cleanup().finally(() => process.exit(1));
  }, DEADLINE_MS);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.error(`bench-vm: ${signal}; stopping everything.`);
      void cleanup().finally(() => process.exit(130));
    });

  if (noteForeign() > 0)
    console.warn(
      `bench-vm: ${mostForeign} other QEMU process(es) already run on this machine; they share the CPUs, so the figures will be slower than on a quiet machine.`,
    );
  runtime = new QemuVmRuntime();
  cluster = await startEmbeddedCluster({ dataDir, runtime });
  const token = cluster.users.find((u) => u.username === 'admin')!.token;

  // The seeded sample VM developer-vms/fedora-running (runStrategy Always) boots with the
  // cluster. Let it reach its prompt (it warms the page cache for the image), then delete it so
  // the measurements have the machine to themselves.
  const seeded = cluster.store.get(
    'kubevirt.io/virtualmachines',
    'developer-vms',
    'fedora-running',
  );
  if (seeded) {
    console.log(
      'Warm-up: waiting for the seeded VM developer-vms/fedora-running, then deleting it…',
    );
    await promptOnConsole('developer-vms', 'fedora-running', token, until(PROMPT_TIMEOUT_MS));
    await deleteVm('developer-vms', 'fedora-running', token);
  }

  // 1 VM alone, 3 runs; bare QEMU and cluster interleaved so drift hits both alike.
  const bareSingles: Boot[] = [];
  const clusterSingles: Boot[] = [];
  const deletes: number[] = [];
  for (let run = 1; run <= 3; run++) {
    bareSingles.push(...(await bareBoots([`bare-${run}`])));
    const boot = await clusterBoot(`single-${run}`, token);
    clusterSingles.push(boot);
    deletes.push(await deleteVm(NAMESPACE, boot.name, token));
    console.log(
      `run ${run}: bare QEMU ${seconds(bareSingles.at(-1)!.ms)}, cluster ${seconds(boot.ms)}`,
    );
  }

  // 3 VMs started together.
  const bareStart = performance.now();
  const bareTrio = await bareBoots(['bare-a', 'bare-b', 'bare-c']);
  const bareAll = Math.max(...bareTrio.map((b) => b.at)) - bareStart;
  const trioStart = performance.now();
  const clusterTrio = await Promise.all(
    ['trio-a', 'trio-b', 'trio-c'].map((n) => clusterBoot(n, token)),
  );
  const clusterAll = Math.max(...clusterTrio.map((b) => b.at)) - trioStart;
  const trioDeleteStart = performance.now();
  await Promise.all(clusterTrio.map((boot) => deleteVm(NAMESPACE, boot.name, token)));
  const trioDelete = performance.now() - trioDeleteStart;
  console.log(`3 together: bare QEMU ${seconds(bareAll)}, cluster ${seconds(clusterAll)}\n`);

  clearTimeout(watchdog);
  await cleanup();

  // The table.
  const runs = (boots: Boot[]) => boots.map((b) => (b.ms / 1000).toFixed(2)).join(', ');
  const singleCluster = median(clusterSingles.map((b) => b.ms));
  const singleBare = median(bareSingles.map((b) => b.ms));
  const byFinish = (boots: Boot[]) => [...boots].sort((a, b) => a.at - b.at);
  const trioC = byFinish(clusterTrio);
  const trioB = byFinish(bareTrio);
  const ordinal = ['1st', '2nd', '3rd'];
  const clusterRss = [...clusterSingles, ...clusterTrio].flatMap((b) => b.rssMiB ?? []);
  const bareRss = [...bareSingles, ...bareTrio].flatMap((b) => b.rssMiB ?? []);
  const mib = (values: number[]) =>
    values.length
      ? `${median(values).toFixed(0)} MiB (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`
      : 'n/a';
  const guest = (boots: Boot[]) => {
    const values = [...new Set(boots.map((b) => b.guestMiB ?? NaN))];
    return values.map((v) => (Number.isNaN(v) ? 'n/a' : `${v} MiB`)).join(', ');
  };
  const rows: string[][] = [
    ['measurement', 'embedded cluster', 'bare QEMU (baseline)', 'ratio'],
    [
      '1 VM alone, start → prompt, median of 3 (runs)',
      `${seconds(singleCluster)} (${runs(clusterSingles)})`,
      `${seconds(singleBare)} (${runs(bareSingles)})`,
      ratio(singleCluster, singleBare),
    ],
    ...trioC.map((boot, i) => [
      `3 VMs together, ${ordinal[i]} to its prompt (start → prompt)`,
      `${seconds(boot.ms)} (${boot.name})`,
      `${seconds(trioB[i]!.ms)} (${trioB[i]!.name})`,
      ratio(boot.ms, trioB[i]!.ms),
    ]),
    [
      '3 VMs together, until all three have prompts',
      seconds(clusterAll),
      seconds(bareAll),
      ratio(clusterAll, bareAll),
    ],
    [
      `QEMU RSS per VM once booted, median (min–max) of ${clusterRss.length} / ${bareRss.length}`,
      mib(clusterRss),
      mib(bareRss),
      clusterRss.length && bareRss.length ? ratio(median(clusterRss), median(bareRss)) : 'n/a',
    ],
    [
      'guest memory configured (QEMU `-m`)',
      `${guest([...clusterSingles, ...clusterTrio])} (spec: ${GUEST_MEMORY})`,
      guest([...bareSingles, ...bareTrio]),
      '',
    ],
  ];
  const lines = table(rows);
  if (mostForeign > 0)
    lines.push(
      '',
      `**Not a quiet machine:** up to ${mostForeign} QEMU process(es) of something else ran during the measurement and shared the CPUs.`,
    );
  lines.push(
    '',
    `3 bare QEMUs booting at once took ${ratio(bareAll, singleBare)} the time of one alone: under TCG a boot is CPU-bound, so that is what this machine's cores allow without any cluster.`,
    '',
    `Deleting a booted VM until the VM, its VMI and its QEMU are gone (ACPI power-down): median ${seconds(median(deletes))} of ${deletes.length} (${deletes.map((ms) => (ms / 1000).toFixed(2)).join(', ')}); the 3 VMs deleted together: ${seconds(trioDelete)}.`,
  );
  for (const line of lines) console.log(line);

  const written = await writeBenchmarkSection(
    SECTION,
    `Measured by \`npm run bench:vm\` on ${new Date().toISOString().slice(0, 10)} (${machineNote()}). Each VM is a kubevirt.io/v1 VirtualMachine (runStrategy Always, \`memory.guest: ${GUEST_MEMORY}\`) booting the project's guest image; "start → prompt" runs from the POST of the VM to \`[NAME]# \` arriving on its serial console WebSocket. The baseline, measured in the same run (interleaved), is the same image booted by a bare \`qemu-system-x86_64\` with the runtime's flags (\`buildQemuCommand\`), from spawn to the prompt read straight from the serial unix socket: the ratio is what the cluster adds (API, controllers, the boot queue of 2, the console WebSocket). The 3 bare QEMUs boot all at once, without a queue. RSS is \`VmRSS\` of each QEMU process when its prompt appears. The seeded sample VM \`developer-vms/fedora-running\` boots first (warming the page cache) and is deleted before measuring.\n\n${lines.join('\n')}`,
  );
  console.log(`\nWritten to ${written} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
};

main().catch(async (error: unknown) => {
  // Interrupted (Ctrl-C, the deadline): the cleanup in progress says why and exits.
  if (stopping) return;
  console.error('bench-vm failed:', error);
  await cleanup();
  process.exit(1);
});
