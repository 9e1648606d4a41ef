// One running QEMU: spawns it (stdout/stderr to runDir/qemu.log), holds its QMP and serial
// sockets from the start, tracks its run state from QMP events, and tells a crash (killed,
// segfault, external SIGTERM) from a normal end (guest poweroff, `quit`, our own kill).
import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { type ImageSize, ppmToPng, readPngSize } from './png';
import { type ProcessManager, processManager, withParentDeathSignal } from './processManager';
import {
  blockdevOptions,
  buildQemuCommand,
  type DiskFormat,
  isValidQemuId,
  netdevIdFor,
  netdevOptions,
  type NicSpec,
  nicDeviceOptions,
  nodeNameFor,
  type QemuCommand,
  type QemuLimits,
  type QemuSpec,
  SCSI_BUS,
} from './qemuArgs';
import { QmpClient, QmpError, type QmpEvent } from './qmp';
import { SerialHub } from './serialHub';

export type QemuState = 'starting' | 'running' | 'paused' | 'stopped' | 'crashed';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when QEMU died unexpectedly: killed by someone else, segfault, error exit. */
  crashed: boolean;
  /** `guest-shutdown`, `host-qmp-quit`, `stopped` (our kill), `killed by SIGKILL`, … */
  reason: string;
  /** The end of qemu.log (QEMU's own error messages), at most 4 KiB. */
  logTail: string;
}

export interface QemuProcessOptions extends QemuLimits {
  /** QEMU binary (default `qemu-system-x86_64` from PATH). */
  binary?: string;
  /** Bound for QMP and serial to come up (default 15 s). */
  startTimeoutMs?: number;
  /** How long `kill()` waits after QMP `quit` before SIGKILL (default 5 s). */
  killGraceMs?: number;
  scrollbackBytes?: number;
  /** Have the kernel kill QEMU when this Node process dies (`setpriv --pdeathsig`; default true). */
  dieWithParent?: boolean;
  manager?: ProcessManager;
}

export interface HotplugDiskSpec {
  /** QEMU device id (letters, digits, `-`, `.`, `_`; starts with a letter). */
  id: string;
  path: string;
  format: DiskFormat;
  readOnly?: boolean;
  serial?: string;
}

export interface BlockDeviceStats {
  /** The QEMU device id (`disk0`, a hot-plugged id), else the block node name. */
  id: string;
  nodeName?: string;
  rdBytes: number;
  wrBytes: number;
  rdOperations: number;
  wrOperations: number;
  flushOperations: number;
  /** Time spent on reads, writes and flushes (QEMU's `*_total_time_ns`), in nanoseconds. */
  rdTotalTimeNs: number;
  wrTotalTimeNs: number;
  flushTotalTimeNs: number;
}

export interface QemuStats {
  /** User + system CPU time of the QEMU process. */
  cpuSeconds: number;
  rssBytes: number;
  block: BlockDeviceStats[];
}

export interface QueryStatus {
  status: string;
  running: boolean;
  singlestep?: boolean;
}

export interface MigrationInfo {
  status?: 'none' | 'setup' | 'active' | 'completed' | 'failed' | 'cancelled' | string;
  ram?: { transferred: number; remaining: number; total: number };
  'error-desc'?: string;
  [key: string]: unknown;
}

interface QemuProcessEvents {
  exit: [ExitInfo];
  state: [QemuState];
  /** Every QMP event, as received. */
  event: [QmpEvent];
}

/** SHUTDOWN reasons that end QEMU normally (nobody else holds the QMP socket, so quit is ours). */
const NORMAL_SHUTDOWN = new Set(['guest-shutdown', 'host-qmp-quit']);
const CLK_TCK = 100; // USER_HZ: 100 on every Linux architecture QEMU runs on here

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const readTail = (path: string, bytes = 4096): string => {
  try {
    const size = statSync(path).size;
    const fd = openSync(path, 'r');
    try {
      const length = Math.min(size, bytes);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
};

/** Resolves true when `promise` settles within `ms`, false otherwise (the timer never leaks). */
const within = async (promise: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

interface RawExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export class QemuProcess extends EventEmitter<QemuProcessEvents> {
  readonly spec: QemuSpec;
  readonly pid: number;
  readonly qmp: QmpClient;
  readonly serial: SerialHub;
  readonly vncSocketPath: string;
  readonly runDir: string;
  readonly logPath: string;
  /** Guest RAM after capping (96 MiB … maxMemoryMiB). */
  readonly memoryMiB: number;
  /** vCPUs after capping. */
  readonly cpus: number;
  /** QEMU's argv (without the binary). */
  readonly args: string[];
  /** Resolves once, when QEMU has exited and its sockets are closed. */
  readonly exited: Promise<ExitInfo>;
  readonly startedAt = new Date();

  #child: ChildProcess;
  #command: QemuCommand;
  #state: QemuState = 'starting';
  #stopRequested = false;
  #shutdownReason?: string;
  #exitInfo?: ExitInfo;
  #killGraceMs: number;
  #hotplugged = new Map<string, HotplugDiskSpec>();
  /** Disks of the command line removed with {@link removeDisk} (a migration target leaves them out). */
  #detached = new Set<string>();
  /** NICs added with {@link hotplugNic} and not removed, and NICs of the command line removed. */
  #hotpluggedNics = new Map<string, NicSpec & { id: string }>();
  #detachedNics = new Set<string>();
  /** NICs whose link {@link setLink} took down. */
  #linksDown = new Set<string>();

  private constructor(
    child: ChildProcess,
    qmp: QmpClient,
    serial: SerialHub,
    command: QemuCommand,
    spec: QemuSpec,
    options: QemuProcessOptions,
    rawExit: Promise<RawExit>,
  ) {
    super();
    this.#child = child;
    this.#command = command;
    this.spec = spec;
    if (child.pid === undefined) throw new Error('QEMU was not spawned');
    this.pid = child.pid;
    this.qmp = qmp;
    this.serial = serial;
    this.vncSocketPath = command.paths.vnc;
    this.runDir = spec.runDir;
    this.logPath = command.paths.log;
    this.memoryMiB = command.memoryMiB;
    this.cpus = command.cpus;
    this.args = command.args;
    this.#killGraceMs = options.killGraceMs ?? 5_000;
    qmp.on('event', (event) => this.#onEvent(event));
    this.exited = rawExit.then((raw) => this.#finish(raw));
  }

  /**
   * Spawns QEMU for `spec` and resolves once QMP and the serial console are connected and the
   * CPUs run (or stay stopped for `paused` and migration targets). Rejects, with the end of
   * qemu.log, when QEMU exits or does not come up in time.
   */
  static async start(spec: QemuSpec, options: QemuProcessOptions = {}): Promise<QemuProcess> {
    const command = buildQemuCommand(spec, options);
    const { paths } = command;
    mkdirSync(spec.runDir, { recursive: true });
    for (const stale of [paths.vnc, paths.serial, paths.qmp, paths.pidfile]) {
      rmSync(stale, { force: true });
    }
    const binary = options.binary ?? 'qemu-system-x86_64';
    const [file, argv] =
      options.dieWithParent === false
        ? [binary, command.args]
        : withParentDeathSignal(binary, command.args);
    const log = openSync(paths.log, 'w');
    let child: ChildProcess;
    try {
      child = spawn(file, argv, { cwd: spec.runDir, stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
    const rawExit = new Promise<RawExit>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
    });
    (options.manager ?? processManager).track(child);

    const exitedEarly = new AbortController();
    void rawExit.then(() => exitedEarly.abort());
    const timeoutMs = options.startTimeoutMs ?? 15_000;
    const serial = new SerialHub(paths.serial, { scrollbackBytes: options.scrollbackBytes });
    let qmp: QmpClient | undefined;
    const fail = async (reason: string): Promise<never> => {
      serial.close();
      qmp?.close();
      child.kill('SIGKILL');
      await within(rawExit, 2_000);
      const tail = readTail(paths.log).trim();
      throw new Error(
        `QEMU for ${spec.namespace}/${spec.name} ${reason}${tail ? `: ${tail}` : ''}`,
      );
    };
    let problem: string | undefined;
    try {
      const connected = Promise.all([
        QmpClient.connect(paths.qmp, { timeoutMs, signal: exitedEarly.signal }).then((client) => {
          qmp = client;
        }),
        serial.start(timeoutMs),
      ]);
      const outcome = await Promise.race([connected.then(() => undefined), rawExit]);
      if (outcome) {
        problem = outcome.error
          ? `could not start (${outcome.error.message})`
          : `exited during start (code ${outcome.code}, signal ${outcome.signal})`;
      }
    } catch (error) {
      problem = `did not come up: ${(error as Error).message}`;
    }
    if (problem !== undefined || !qmp) return fail(problem ?? 'did not come up');
    const qemu = new QemuProcess(child, qmp, serial, command, spec, options, rawExit);
    try {
      await qemu.#boot();
    } catch (error) {
      return fail(`failed to start its CPUs: ${(error as Error).message}`);
    }
    return qemu;
  }

  get state(): QemuState {
    return this.#state;
  }

  /** The exit information once QEMU has exited. */
  get exitInfo(): ExitInfo | undefined {
    return this.#exitInfo;
  }

  /** Disks added with {@link hotplugDisk} and not removed, in the order they were added. */
  get hotpluggedDisks(): HotplugDiskSpec[] {
    return [...this.#hotplugged.values()];
  }

  /** Whether disks can be hot-plugged (the `scsi0` controller exists). */
  get canHotplug(): boolean {
    return this.#command.scsiController;
  }

  pause(): Promise<void> {
    return this.#run('stop', undefined, 'paused');
  }

  resume(): Promise<void> {
    return this.#run('cont', undefined, 'running');
  }

  /** ACPI power button: the guest shuts down (if it listens) and QEMU exits. */
  powerdown(): Promise<void> {
    return this.#run('system_powerdown');
  }

  reset(): Promise<void> {
    return this.#run('system_reset');
  }

  queryStatus(): Promise<QueryStatus> {
    return this.qmp.execute<QueryStatus>('query-status');
  }

  /** Alias of {@link queryStatus}. */
  querystatus(): Promise<QueryStatus> {
    return this.queryStatus();
  }

  /**
   * Stops QEMU: QMP `quit`, then SIGKILL when it has not exited after `graceMs`. Not a crash.
   * Resolves with the exit information.
   */
  async kill(graceMs = this.#killGraceMs): Promise<ExitInfo> {
    if (this.#exitInfo) return this.#exitInfo;
    this.#stopRequested = true;
    if (!this.qmp.closed) this.qmp.execute('quit').catch(() => undefined);
    if (!(await within(this.exited, graceMs))) this.#child.kill('SIGKILL');
    return this.exited;
  }

  /** Adds a disk to the running guest on the virtio-scsi controller (`blockdev-add` + `scsi-hd`). */
  async hotplugDisk(disk: HotplugDiskSpec): Promise<void> {
    if (!isValidQemuId(disk.id))
      throw new Error(`Invalid QEMU device id ${JSON.stringify(disk.id)}`);
    if (!this.#command.scsiController) {
      throw new Error('This VM has no SCSI controller for hot-plug (spec.hotplug was false)');
    }
    const node = nodeNameFor(disk.id);
    await this.qmp.execute(
      'blockdev-add',
      blockdevOptions(node, disk.path, disk.format, disk.readOnly),
    );
    const device: Record<string, unknown> = {
      driver: 'scsi-hd',
      id: disk.id,
      drive: node,
      bus: SCSI_BUS,
    };
    if (disk.serial) device.serial = disk.serial;
    try {
      await this.qmp.execute('device_add', device);
    } catch (error) {
      await this.qmp.execute('blockdev-del', { 'node-name': node }).catch(() => undefined);
      throw error;
    }
    this.#hotplugged.set(disk.id, { ...disk });
  }

  /**
   * Removes a hot-plugged disk (or a SCSI disk of the command line): `device_del`, wait for
   * DEVICE_DELETED, then `blockdev-del`.
   */
  async removeDisk(id: string, timeoutMs = 10_000): Promise<void> {
    const deleted = this.qmp.waitForEvent(
      'DEVICE_DELETED',
      timeoutMs,
      (event) => event.data.device === id,
    );
    deleted.catch(() => undefined);
    await this.qmp.execute('device_del', { id });
    await deleted;
    await this.qmp.execute('blockdev-del', { 'node-name': nodeNameFor(id) });
    if (!this.#hotplugged.delete(id)) this.#detached.add(id);
  }

  /** Ids of command-line disks removed since the start. */
  get detachedDiskIds(): string[] {
    return [...this.#detached];
  }

  /**
   * Adds a NIC to the running guest (`netdev_add` of its backend, then `device_add` on the PCI
   * bus; the `pc` machine's ACPI hot-plug makes the guest see a new ethN at once).
   */
  async hotplugNic(nic: NicSpec & { id: string }): Promise<void> {
    if (!isValidQemuId(nic.id)) throw new Error(`Invalid QEMU device id ${JSON.stringify(nic.id)}`);
    await this.qmp.execute('netdev_add', netdevOptions(nic.id, nic));
    try {
      await this.qmp.execute('device_add', nicDeviceOptions(nic.id, nic));
    } catch (error) {
      await this.qmp.execute('netdev_del', { id: netdevIdFor(nic.id) }).catch(() => undefined);
      throw error;
    }
    this.#hotpluggedNics.set(nic.id, { ...nic });
  }

  /** Removes a NIC: `device_del`, wait for the guest to let it go (DEVICE_DELETED), `netdev_del`. */
  async removeNic(id: string, timeoutMs = 10_000): Promise<void> {
    const deleted = this.qmp.waitForEvent(
      'DEVICE_DELETED',
      timeoutMs,
      (event) => event.data.device === id,
    );
    deleted.catch(() => undefined);
    await this.qmp.execute('device_del', { id });
    await deleted;
    await this.qmp.execute('netdev_del', { id: netdevIdFor(id) });
    if (!this.#hotpluggedNics.delete(id)) this.#detachedNics.add(id);
    this.#linksDown.delete(id);
  }

  /** The link of a NIC up or down (QMP `set_link`): the guest sees its carrier come and go. */
  async setLink(id: string, up: boolean): Promise<void> {
    await this.qmp.execute('set_link', { name: id, up });
    if (up) this.#linksDown.delete(id);
    else this.#linksDown.add(id);
  }

  /** NICs whose link is down. */
  get linksDown(): string[] {
    return [...this.#linksDown];
  }

  /** The NICs the guest has now: the command line's (with ids) less removed ones, then hot-plugged. */
  get currentNics(): (NicSpec & { id: string })[] {
    return [
      ...(this.spec.nics ?? [])
        .map((nic, index) => ({ ...nic, id: nic.id ?? `net${index}` }))
        .filter((nic) => !this.#detachedNics.has(nic.id)),
      ...this.#hotpluggedNics.values(),
    ];
  }

  /** The PCI slot of each device with an id, from `query-pci`. */
  async pciSlots(): Promise<Map<string, number>> {
    const buses =
      await this.qmp.execute<{ devices: { slot: number; qdev_id?: string }[] }[]>('query-pci');
    const slots = new Map<string, number>();
    for (const bus of buses)
      for (const device of bus.devices) if (device.qdev_id) slots.set(device.qdev_id, device.slot);
    return slots;
  }

  /**
   * Writes a PNG of the display to `pngPath` (QMP `screendump` with `format: png`, else a PPM
   * converted here) and returns its size.
   */
  async screendump(pngPath: string): Promise<ImageSize> {
    try {
      await this.qmp.execute('screendump', { filename: pngPath, format: 'png' });
    } catch (error) {
      if (!(error instanceof QmpError) || !/format|png|parameter/i.test(error.message)) throw error;
      const ppmPath = `${pngPath}.ppm`;
      try {
        await this.qmp.execute('screendump', { filename: ppmPath });
        await writeFile(pngPath, ppmToPng(await readFile(ppmPath)));
      } finally {
        await rm(ppmPath, { force: true });
      }
    }
    return readPngSize(await readFile(pngPath));
  }

  async stats(): Promise<QemuStats> {
    const [stat, status, blockstats] = await Promise.all([
      readFile(`/proc/${this.pid}/stat`, 'utf8'),
      readFile(`/proc/${this.pid}/status`, 'utf8'),
      this.qmp.execute<Record<string, unknown>[]>('query-blockstats'),
    ]);
    // Fields after the parenthesised command name start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return {
      cpuSeconds: ticks / CLK_TCK,
      rssBytes: rss ? Number(rss[1]) * 1024 : 0,
      block: blockstats.map((entry) => {
        const stats = (entry.stats ?? {}) as Record<string, number>;
        const qdev = typeof entry.qdev === 'string' ? entry.qdev : '';
        const id =
          qdev.replace(/^\/machine\/peripheral\//, '').replace(/\/virtio-backend$/, '') ||
          (entry.device as string | undefined) ||
          String(entry['node-name'] ?? '');
        return {
          id,
          nodeName: entry['node-name'] as string | undefined,
          rdBytes: stats.rd_bytes ?? 0,
          wrBytes: stats.wr_bytes ?? 0,
          rdOperations: stats.rd_operations ?? 0,
          wrOperations: stats.wr_operations ?? 0,
          flushOperations: stats.flush_operations ?? 0,
          rdTotalTimeNs: stats.rd_total_time_ns ?? 0,
          wrTotalTimeNs: stats.wr_total_time_ns ?? 0,
          flushTotalTimeNs: stats.flush_total_time_ns ?? 0,
        };
      }),
    };
  }

  /** Starts an outgoing migration (`migrate`); follow it with {@link queryMigrate}. */
  migrateTo(uri: string): Promise<void> {
    return this.#run('migrate', { uri });
  }

  /** For a target started with `incomingURI: 'defer'`: starts listening on `uri`. */
  migrateIncoming(uri: string): Promise<void> {
    return this.#run('migrate-incoming', { uri });
  }

  queryMigrate(): Promise<MigrationInfo> {
    return this.qmp.execute<MigrationInfo>('query-migrate');
  }

  /** Polls `query-migrate` until completed, failed or cancelled (bounded). */
  async waitForMigration(timeoutMs = 60_000, intervalMs = 100): Promise<MigrationInfo> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const info = await this.queryMigrate();
      if (['completed', 'failed', 'cancelled'].includes(info.status ?? '')) return info;
      if (Date.now() > deadline)
        throw new Error(`Migration still ${info.status} after ${timeoutMs} ms`);
      await sleep(intervalMs);
    }
  }

  async #boot(): Promise<void> {
    const status = await this.queryStatus();
    if (!this.spec.paused && status.status === 'prelaunch') await this.qmp.execute('cont');
    const now = await this.queryStatus();
    this.#setState(now.running ? 'running' : 'paused');
  }

  async #run(command: string, args?: Record<string, unknown>, next?: QemuState): Promise<void> {
    if (this.#exitInfo) throw new Error(`QEMU for ${this.spec.name} has exited`);
    await this.qmp.execute(command, args);
    if (next) this.#setState(next);
  }

  #setState(state: QemuState): void {
    if (this.#state === state) return;
    if (this.#exitInfo && state !== 'stopped' && state !== 'crashed') return;
    this.#state = state;
    this.emit('state', state);
  }

  #onEvent(event: QmpEvent): void {
    if (event.event === 'STOP') this.#setState('paused');
    else if (event.event === 'RESUME') this.#setState('running');
    else if (event.event === 'SHUTDOWN') {
      this.#shutdownReason = String(event.data.reason ?? 'none');
    }
    this.emit('event', event);
  }

  async #finish(raw: RawExit): Promise<ExitInfo> {
    // QEMU's last events (SHUTDOWN) and output may still be in the sockets: let them drain.
    await within(
      new Promise<void>((resolve) =>
        this.qmp.closed ? resolve() : this.qmp.once('close', resolve),
      ),
      500,
    );
    await within(
      new Promise<void>((resolve) =>
        this.serial.connected ? this.serial.once('disconnect', resolve) : resolve(),
      ),
      300,
    );
    this.qmp.close();
    this.serial.close();
    const { code, signal } = raw;
    const shutdown = this.#shutdownReason;
    let crashed: boolean;
    let reason: string;
    if (this.#stopRequested) {
      crashed = false;
      reason = shutdown && NORMAL_SHUTDOWN.has(shutdown) ? shutdown : 'stopped';
    } else if (shutdown && NORMAL_SHUTDOWN.has(shutdown) && signal === null) {
      crashed = false;
      reason = shutdown;
    } else {
      crashed = true;
      reason = signal
        ? `killed by ${signal}`
        : shutdown
          ? `shutdown: ${shutdown}`
          : `exited with code ${code}`;
    }
    const info: ExitInfo = { code, signal, crashed, reason, logTail: readTail(this.logPath) };
    this.#exitInfo = info;
    this.#setState(crashed ? 'crashed' : 'stopped');
    this.emit('exit', info);
    return info;
  }
}
