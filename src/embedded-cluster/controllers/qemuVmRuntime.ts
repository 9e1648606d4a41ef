import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { guestImagePaths, kernelCommandLine } from '../runtime/guestImage';
import { type DiskSpec, netdevIdFor, type NicSpec, qemuId } from '../runtime/qemuArgs';
import type { QemuProcess } from '../runtime/qemuProcess';
import { promptFor, QemuRuntime } from '../runtime/runtime';
import { SecondaryNetworks, type SegmentPort } from '../network/secondaryNetworks';
import { GuestShell } from './guestCommand';
import type { MigrationOptions } from './migrationController';
import { openVncSession, SessionDeniedError, SessionRegistry } from '../runtime/vncProxy';
import type { GuestStats } from '../metrics';
import { enableGuestStats, GuestMemoryViews, readGuestMemory } from '../monitoring/guestMemory';
import { migrationProgress } from '../monitoring/migrationProgress';
import { NicTraffic } from '../monitoring/nicTraffic';
import {
  ConsoleUnavailableError,
  type ConsoleStream,
  type ExitInfo,
  type GuestDisk,
  type GuestInterface,
  type GuestSpec,
  type VmRuntime,
} from './vmRuntime';

/** A VMI disk as QEMU's: the raw file on its bus, with the VMI's name as device id. */
export const qemuDisk = (disk: GuestDisk): DiskSpec => ({
  id: qemuId(disk.name),
  path: disk.path,
  format: 'raw',
  bus: disk.bus,
  readOnly: disk.readOnly || disk.cdrom,
  cdrom: disk.cdrom,
  ...(disk.serial ? { serial: disk.serial } : {}),
  ...(disk.bootOrder !== undefined ? { bootOrder: disk.bootOrder } : {}),
});

/** A VMI interface as QEMU's NIC: user mode for the pod network, else its segment's tunnel. */
export const qemuNic = (nic: GuestInterface, port?: SegmentPort): NicSpec & { id: string } => ({
  id: qemuId(`net-${nic.name}`),
  model: nic.model,
  mac: nic.mac,
  ...(port ? { dgram: { localPort: port.localPort, remotePort: port.remotePort } } : {}),
});

const OS_VALUE = /^[A-Za-z0-9._-]{1,64}$/;

/** Run-queue wait of QEMU's vCPU threads (`CPU n/TCG`), from /proc/PID/task/N/schedstat. */
const vcpuWaitSeconds = async (pid: number): Promise<number | undefined> => {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  let waitNs = 0;
  let found = false;
  for (const task of tasks) {
    const comm = await readFile(`/proc/${pid}/task/${task}/comm`, 'utf8').catch(() => '');
    if (!comm.startsWith('CPU ')) continue;
    const schedstat = await readFile(`/proc/${pid}/task/${task}/schedstat`, 'utf8').catch(() => '');
    const wait = Number(schedstat.split(' ')[1]);
    if (Number.isFinite(wait)) {
      waitNs += wait;
      found = true;
    }
  }
  return found ? waitNs / 1e9 : undefined;
};
const STATS_EVERY_MS = 5_000;

/**
 * Guests as real QEMU processes (TCG), booting the project's guest image, behind the
 * controllers' VmRuntime interface: consoles, pause, migration and live figures for /metrics.
 */
export class QemuVmRuntime implements VmRuntime {
  readonly kind = 'qemu' as const;
  private readonly qemu: QemuRuntime;
  private readonly vnc = new SessionRegistry();
  private readonly exitListeners: ((key: string, info: ExitInfo) => void)[] = [];
  private readonly cache = new Map<string, GuestStats>();
  private readonly timer: NodeJS.Timeout;
  /** Multus networks' L2 segments, and each guest's ports on them. */
  readonly networks = new SecondaryNetworks();
  /** Each guest's places on segments, by interface name (a migration target's under `key#migration`). */
  private readonly ports = new Map<string, { name: string; port: SegmentPort }[]>();
  private readonly shells = new Map<string, GuestShell>();
  /** Each running guest's interfaces (a migration target gets the same NICs). */
  private readonly interfaces = new Map<string, GuestInterface[]>();
  /** Each running guest's disks: QEMU device id → name in the VMI (KubeVirt's `drive`). */
  private readonly drives = new Map<string, Map<string, string>>();
  /** The NIC traffic counters of each QEMU process (a migration target gets its own). */
  private readonly traffic = new WeakMap<QemuProcess, NicTraffic>();
  /** Whether each guest sends balloon statistics, and so what memory used is. */
  private readonly memoryViews = new GuestMemoryViews();
  /** Figures of the migrations in flight, by VMI key. */
  private readonly migrating = new Map<string, GuestStats['migration']>();

  constructor(options: { maxMemoryMiB?: number; baseDir?: string } = {}) {
    this.qemu = new QemuRuntime({
      maxMemoryMiB: options.maxMemoryMiB ?? 256,
      baseDir: options.baseDir,
    });
    this.qemu.on('exit', (key: string, info: { crashed: boolean; reason: string }) => {
      this.cache.delete(key);
      this.vnc.evict(key);
      this.shells.delete(key);
      this.interfaces.delete(key);
      this.drives.delete(key);
      this.memoryViews.gone(key);
      void this.releasePorts(key);
      for (const listener of this.exitListeners)
        listener(key, { crashed: info.crashed, reason: info.reason });
    });
    // /metrics is read synchronously; the figures are refreshed in the background.
    this.timer = setInterval(() => void this.refreshStats(), STATS_EVERY_MS);
    this.timer.unref();
  }

  /** QEMU installed and the guest image built. */
  static available(): boolean {
    return new QemuRuntime({}).available();
  }

  async start(spec: GuestSpec) {
    const image = guestImagePaths();
    const os = OS_VALUE.test(spec.os) ? spec.os : 'linux';
    const interfaces = spec.interfaces ?? [
      { name: 'default', mac: '52:54:00:12:34:56', model: 'virtio', network: { pod: true } },
    ];
    const nics = await this.nicsFor(spec.key, interfaces);
    try {
      const process = await this.qemu.start(spec.key, {
        name: spec.name,
        namespace: spec.namespace,
        os,
        memoryMiB: spec.memoryMiB,
        cpus: spec.cpus,
        paused: spec.paused,
        kernel: image.kernel,
        initrd: image.initrd,
        append: kernelCommandLine({ name: spec.name, namespace: spec.namespace, os }),
        disks: (spec.disks ?? []).map(qemuDisk),
        nics,
        balloon: true,
      });
      this.interfaces.set(spec.key, interfaces);
      this.drives.set(spec.key, new Map((spec.disks ?? []).map((d) => [qemuId(d.name), d.name])));
      await this.watch(spec.key);
      for (const nic of interfaces.filter((i) => i.linkDown))
        await process.setLink(qemuId(`net-${nic.name}`), false);
      return { memoryMiB: process.memoryMiB };
    } catch (error) {
      await this.releasePorts(spec.key);
      throw error;
    }
  }

  /** QEMU NICs for a guest's interfaces; Multus ones get ports on their segments (kept per key). */
  private async nicsFor(
    key: string,
    interfaces: GuestInterface[],
    owner = key,
  ): Promise<NicSpec[]> {
    const nics: NicSpec[] = [];
    for (const nic of interfaces) {
      const port = await this.portFor(owner, nic);
      nics.push(qemuNic(nic, port));
    }
    return nics;
  }

  /** A Multus NIC's port on its segment (kept under `owner`); none for the pod network. */
  private async portFor(owner: string, nic: GuestInterface): Promise<SegmentPort | undefined> {
    if (!('multus' in nic.network)) return undefined;
    const port = await this.networks.attach(nic.network.multus);
    this.ports.set(owner, [...(this.ports.get(owner) ?? []), { name: nic.name, port }]);
    return port;
  }

  private async releasePorts(owner: string, name?: string) {
    const all = this.ports.get(owner) ?? [];
    const going = all.filter((p) => name === undefined || p.name === name);
    const staying = all.filter((p) => !going.includes(p));
    if (staying.length) this.ports.set(owner, staying);
    else this.ports.delete(owner);
    for (const { port } of going) await port.release();
  }

  /**
   * Runs `command` on the guest's serial console (sh, stdin from /dev/null) and resolves with
   * its output and exit code. Commands on one guest run one at a time, each after the prompt.
   */
  async guestCommand(key: string, command: string, options: { timeoutMs?: number } = {}) {
    const process = this.qemu.get(key);
    if (!process) throw new Error(`the guest of ${key} is not running`);
    let shell = this.shells.get(key);
    if (!shell) {
      shell = new GuestShell(() => this.qemu.get(key)?.serial, promptFor(process.spec.name));
      this.shells.set(key, shell);
    }
    return shell.run(command, options.timeoutMs ?? 30_000);
  }

  async stop(key: string, graceSeconds: number) {
    await this.qemu.stop(key, graceSeconds);
  }

  private process(key: string) {
    const process = this.qemu.get(key);
    if (!process) throw new Error(`no QEMU process for ${key}`);
    return process;
  }

  async pause(key: string) {
    await this.process(key).pause();
  }

  async resume(key: string) {
    await this.process(key).resume();
  }

  running(key: string) {
    return !!this.qemu.get(key) || this.qemu.isStarting(key);
  }

  onExit(listener: (key: string, info: ExitInfo) => void) {
    this.exitListeners.push(listener);
  }

  async stopAll() {
    clearInterval(this.timer);
    await this.qemu.stopAll(0);
    for (const key of [...this.ports.keys()]) await this.releasePorts(key);
    await this.networks.closeAll();
  }

  async migrate(key: string, options: MigrationOptions = {}) {
    // The target's Multus NICs need UDP ports of their own while the source still holds its.
    const interfaces = this.interfaces.get(key);
    const owner = `${key}#migration`;
    let target;
    const source = this.qemu.get(key);
    let finished = false; // an answer arriving after the end must not bring the figures back
    const progress = setInterval(
      () =>
        void source
          ?.queryMigrate()
          .then((info) => !finished && this.migrating.set(key, migrationProgress(info)))
          .catch(() => undefined),
      1_000,
    );
    try {
      const nics = interfaces ? await this.nicsFor(key, interfaces, owner) : undefined;
      // A limited bandwidth takes longer: KubeVirt allows 800 s per GiB before it gives up.
      const timeout = options.bandwidthBytesPerSecond ? 600_000 : 60_000;
      target = await this.qemu.migrate(
        key,
        timeout,
        nics ? { nics } : {},
        options.bandwidthBytesPerSecond,
      );
    } catch (error) {
      await this.releasePorts(owner);
      throw error;
    } finally {
      finished = true;
      clearInterval(progress);
      this.migrating.delete(key);
    }
    await this.watch(key);
    const sourcePorts = this.ports.get(key) ?? [];
    this.ports.set(key, this.ports.get(owner) ?? []);
    this.ports.delete(owner);
    for (const { port } of sourcePorts) await port.release();
    const info = await target.queryMigrate().catch(() => undefined);
    return {
      dataProcessedBytes: (info as { ram?: { transferred?: number } } | undefined)?.ram
        ?.transferred,
    };
  }

  async hotplugDisk(key: string, disk: { name: string; path: string; serial: string }) {
    await this.process(key).hotplugDisk({
      id: qemuId(disk.name),
      path: disk.path,
      format: 'raw',
      serial: disk.serial,
    });
    this.drives.get(key)?.set(qemuId(disk.name), disk.name);
  }

  async unplugDisk(key: string, name: string) {
    await this.process(key).removeDisk(qemuId(name));
    this.drives.get(key)?.delete(qemuId(name));
  }

  /** Hot-plugs a NIC: a Multus one gets its port on the segment first. */
  async hotplugInterface(key: string, nic: GuestInterface) {
    const process = this.process(key);
    const port = await this.portFor(key, nic);
    try {
      await process.hotplugNic({ ...qemuNic(nic, port), id: qemuId(`net-${nic.name}`) });
      if (nic.linkDown) await process.setLink(qemuId(`net-${nic.name}`), false);
    } catch (error) {
      await this.releasePorts(key, nic.name);
      throw error;
    }
    this.interfaces.set(key, [
      ...(this.interfaces.get(key) ?? []).filter((i) => i.name !== nic.name),
      nic,
    ]);
    await this.watch(key);
  }

  /** Unplugs a NIC once the guest has let it go, and gives its segment port back. */
  async unplugInterface(key: string, name: string) {
    await this.process(key).removeNic(qemuId(`net-${name}`));
    await this.releasePorts(key, name);
    this.interfaces.set(
      key,
      (this.interfaces.get(key) ?? []).filter((i) => i.name !== name),
    );
    await this.watch(key);
  }

  async setLinkState(key: string, name: string, up: boolean) {
    await this.process(key).setLink(qemuId(`net-${name}`), up);
    this.interfaces.set(
      key,
      (this.interfaces.get(key) ?? []).map((i) => (i.name === name ? { ...i, linkDown: !up } : i)),
    );
  }

  async screenshot(key: string): Promise<Buffer> {
    const process = this.process(key);
    const file = join(process.runDir, `screen-${Date.now()}.png`);
    await process.screendump(file);
    try {
      return await readFile(file);
    } finally {
      await rm(file, { force: true });
    }
  }

  async cancelMigration(key: string) {
    await this.process(key).qmp.execute('migrate_cancel');
  }

  /** The QEMU process id of a guest (what a crash test kills). */
  processId(key: string): number | undefined {
    return this.qemu.get(key)?.pid;
  }

  stats(key: string): GuestStats | undefined {
    const cached = this.cache.get(key);
    const migration = this.migrating.get(key);
    return cached && migration ? { ...cached, migration } : cached;
  }

  /**
   * Starts counting the traffic of the guest's NICs as they are now (and its balloon's
   * statistics, once per process): after a start, a NIC hot-plug or unplug, a migration.
   */
  private async watch(key: string) {
    const process = this.qemu.get(key);
    if (!process) return;
    let traffic = this.traffic.get(process);
    if (!traffic) {
      traffic = new NicTraffic(process.qmp, process.runDir);
      this.traffic.set(process, traffic);
      if (process.spec.balloon)
        await enableGuestStats(process.qmp, STATS_EVERY_MS / 1000).catch(() => undefined);
    }
    const nics = (this.interfaces.get(key) ?? []).map((nic) => {
      const id = qemuId(`net-${nic.name}`);
      return { name: nic.name, id, netdev: netdevIdFor(id) };
    });
    await traffic.track(nics).catch(() => undefined);
  }

  private async refreshStats() {
    for (const key of this.qemu.keys()) {
      const process = this.qemu.get(key);
      if (!process) continue;
      try {
        await this.watch(key);
        const [stats, net, guestMemory] = await Promise.all([
          process.stats(),
          this.traffic.get(process)?.read(),
          process.spec.balloon ? readGuestMemory(process.qmp) : undefined,
        ]);
        const drives = this.drives.get(key);
        this.cache.set(key, {
          cpuSeconds: stats.cpuSeconds,
          vcpuWaitSeconds: await vcpuWaitSeconds(process.pid),
          rssBytes: stats.rssBytes,
          ...this.memoryViews.view(key, guestMemory),
          block: stats.block.map((b) => ({
            drive: drives?.get(b.id) ?? b.id.replace(/^ua-/, ''),
            readBytes: b.rdBytes,
            writeBytes: b.wrBytes,
            readOps: b.rdOperations,
            writeOps: b.wrOperations,
            readSeconds: b.rdTotalTimeNs / 1e9,
            writeSeconds: b.wrTotalTimeNs / 1e9,
            flushOps: b.flushOperations,
            flushSeconds: b.flushTotalTimeNs / 1e9,
          })),
          ...(net ? { net } : {}),
        });
      } catch {
        // A process on its way out: its figures go with it.
      }
    }
  }

  serialLog(key: string): string | undefined {
    return this.qemu.get(key)?.serial.text();
  }

  openConsole(
    key: string,
    kind: 'serial' | 'vnc',
    options: { preserveSession: boolean },
  ): ConsoleStream {
    const process = this.qemu.get(key);
    if (!process) throw new ConsoleUnavailableError('the guest of this VMI is not running', 409);
    const dataListeners: ((data: Buffer) => void)[] = [];
    const closeListeners: (() => void)[] = [];
    const closed = () => closeListeners.splice(0).forEach((listener) => listener());
    if (kind === 'serial') {
      // The scroll-back is replayed as the subscription starts, before anyone listens: it is
      // kept for the first listener, so a console opened after boot still shows the boot log.
      const early: Buffer[] = [];
      const unsubscribe = process.serial.subscribe((data) => {
        if (!dataListeners.length) early.push(Buffer.from(data));
        else dataListeners.forEach((listener) => listener(Buffer.from(data)));
      });
      return {
        write: (data) => void process.serial.write(data),
        onData: (listener) => {
          dataListeners.push(listener);
          for (const chunk of early.splice(0)) listener(chunk);
        },
        onClose: (listener) => closeListeners.push(listener),
        close: () => {
          unsubscribe();
          closed();
        },
      };
    }
    try {
      this.vnc.check(key, options.preserveSession);
    } catch (error) {
      if (error instanceof SessionDeniedError)
        throw new ConsoleUnavailableError(error.message, 409);
      throw error;
    }
    // The VNC socket connects asynchronously; what the client sends meanwhile waits.
    const pending: Buffer[] = [];
    let socket: { write(data: Buffer): void; destroy(): void } | undefined;
    let ended = false;
    void openVncSession(this.vnc, key, process.vncSocketPath, {
      preserveSession: options.preserveSession,
      onEvicted: closed,
    })
      .then((session) => {
        if (ended) {
          session.socket.destroy();
          return;
        }
        socket = session.socket;
        session.socket.on('data', (data: Buffer) =>
          dataListeners.forEach((listener) => listener(data)),
        );
        session.socket.on('close', closed);
        for (const data of pending.splice(0)) session.socket.write(data);
      })
      .catch(closed);
    return {
      write: (data) => (socket ? socket.write(data) : pending.push(data)),
      onData: (listener) => dataListeners.push(listener),
      onClose: (listener) => closeListeners.push(listener),
      close: () => {
        ended = true;
        socket?.destroy();
        closed();
      },
    };
  }
}
