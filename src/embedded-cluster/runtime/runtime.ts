// The QEMU runtime the controllers use: one QEMU process per running VMI, started through the
// boot queue with the guest image (direct kernel boot), stopped with ACPI power-down and a
// grace period. When QEMU or the guest image is missing, `available()` is false and callers run
// the VMI lifecycle without processes.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BootOutcome, BootQueue } from './bootQueue';
import { guestImageAvailable, guestImagePaths, guestPrompt, kernelCommandLine } from './guestImage';
import { findExecutable } from './processManager';
import type { QemuSpec } from './qemuArgs';
import { type ExitInfo, QemuProcess, type QemuProcessOptions, type QemuState } from './qemuProcess';

export interface GuestImage {
  kernel: string;
  initrd: string;
  /** The kernel command line for a VM. */
  append: (vm: { name: string; namespace: string; os?: string }) => string;
}

export interface QemuRuntimeOptions extends QemuProcessOptions {
  /**
   * Where run directories go (one per VMI: sockets, pidfile, qemu.log). Keep it short: unix
   * socket paths are limited to 107 bytes. Default: a fresh `/tmp/vp-qemu-XXXXXX`, removed by
   * `stopAll()`.
   */
  baseDir?: string;
  /** VMs booting at once (default 2). */
  bootConcurrency?: number;
  /** A boot slot is released after this long without a prompt (default 60 s). */
  bootTimeoutMs?: number;
  /** The image to boot; default: the project's guest image (`./guestImage`). */
  image?: GuestImage;
}

/** A VMI's spec for {@link QemuRuntime.start}: `runDir` and the boot image are filled in. */
export type RuntimeStartSpec = Omit<QemuSpec, 'runDir'> & { runDir?: string };

interface QemuRuntimeEvents {
  /** QEMU is up (QMP and serial connected); the guest is booting. */
  started: [vmiKey: string, qemu: QemuProcess];
  /** The boot slot was released: the prompt appeared, the boot timed out, or QEMU exited. */
  booted: [vmiKey: string, how: BootOutcome];
  state: [vmiKey: string, state: QemuState];
  exit: [vmiKey: string, info: ExitInfo];
  /** The VMI now runs in `target`; `source` is being shut down. */
  migrated: [vmiKey: string, target: QemuProcess, source: QemuProcess];
}

const defaultImage = (): GuestImage => {
  const { kernel, initrd } = guestImagePaths();
  return {
    kernel,
    initrd,
    append: ({ name, namespace, os }) => kernelCommandLine({ name, namespace, os }),
  };
};

/** The guest image's shell prompt for a VM, as a RegExp (the boot queue waits for it). */
export const promptFor = (name: string): RegExp =>
  new RegExp(guestPrompt(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

const within = async (promise: Promise<unknown>, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

interface Starting {
  abort: AbortController;
  done: Promise<unknown>;
}

export class QemuRuntime extends EventEmitter<QemuRuntimeEvents> {
  readonly options: QemuRuntimeOptions;
  readonly queue: BootQueue;
  #baseDir?: string;
  #ownsBaseDir = false;
  #processes = new Map<string, QemuProcess>();
  #starting = new Map<string, Starting>();
  #migrations = 0;

  constructor(options: QemuRuntimeOptions = {}) {
    super();
    this.options = options;
    this.queue = new BootQueue({
      concurrency: options.bootConcurrency,
      timeoutMs: options.bootTimeoutMs,
    });
    this.#baseDir = options.baseDir;
  }

  /** Whether QEMU is installed and the guest image is built. */
  available(): boolean {
    if (!findExecutable(this.options.binary ?? 'qemu-system-x86_64')) return false;
    if (this.options.image) {
      return existsSync(this.options.image.kernel) && existsSync(this.options.image.initrd);
    }
    try {
      return guestImageAvailable();
    } catch {
      return false;
    }
  }

  /** The run directory a VMI gets (short: name prefix and a hash of the key). */
  runDirFor(vmiKey: string): string {
    if (!this.#baseDir) {
      this.#baseDir = mkdtempSync(join(tmpdir(), 'vp-qemu-'));
      this.#ownsBaseDir = true;
    }
    const hash = createHash('sha256').update(vmiKey).digest('hex').slice(0, 10);
    const name = (vmiKey.split('/').pop() ?? 'vm').replace(/[^A-Za-z0-9._-]/g, '').slice(0, 24);
    return join(this.#baseDir, `${name}-${hash}`);
  }

  /**
   * Starts QEMU for a VMI through the boot queue. Resolves once QEMU is up (the guest is still
   * booting; see the `booted` event); rejects with `BootCancelledError` when `stop()` was
   * called while it waited for a slot, or with QEMU's error when it could not start.
   */
  async start(vmiKey: string, spec: RuntimeStartSpec): Promise<QemuProcess> {
    if (this.#processes.has(vmiKey) || this.#starting.has(vmiKey)) {
      throw new Error(`${vmiKey} is already running`);
    }
    const abort = new AbortController();
    const image = spec.kernel ? undefined : (this.options.image ?? defaultImage());
    const full: QemuSpec = {
      ...spec,
      runDir: spec.runDir ?? this.runDirFor(vmiKey),
      ...(image && {
        kernel: image.kernel,
        initrd: image.initrd,
        append: image.append({ name: spec.name, namespace: spec.namespace, os: spec.os }),
      }),
    };
    const task = (async () => {
      // A paused VM does not boot, so it takes no boot slot (and would hold one until the
      // timeout); it boots outside the queue when resumed.
      const qemu = spec.paused
        ? await QemuProcess.start(full, this.options)
        : await this.queue.boot(() => QemuProcess.start(full, this.options), {
            signal: abort.signal,
            prompt: promptFor(spec.name),
            onBooted: (how) => this.emit('booted', vmiKey, how),
          });
      this.#adopt(vmiKey, qemu);
      this.emit('started', vmiKey, qemu);
      return qemu;
    })();
    this.#starting.set(vmiKey, { abort, done: task.catch(() => undefined) });
    try {
      return await task;
    } finally {
      this.#starting.delete(vmiKey);
    }
  }

  /** Makes `qemu` the VMI's process; its events count only while it is. */
  #adopt(vmiKey: string, qemu: QemuProcess): void {
    this.#processes.set(vmiKey, qemu);
    qemu.on('state', (state) => {
      if (this.#processes.get(vmiKey) === qemu) this.emit('state', vmiKey, state);
    });
    void qemu.exited.then((info) => {
      if (this.#processes.get(vmiKey) !== qemu) return;
      this.#processes.delete(vmiKey);
      this.emit('exit', vmiKey, info);
    });
  }

  /**
   * Live-migrates a running VMI to a new QEMU on this machine (what a
   * VirtualMachineInstanceMigration does on a one-node cluster): starts a target with the same
   * devices (hot-plugged disks included) waiting on `-incoming defer`, migrates over a unix
   * socket, makes the target the VMI's process and quits the source. The source's exit is not
   * reported as the VMI's. Serial subscribers and VNC connections must move to the new
   * process (`migrated` event). On failure the target is killed and the source keeps running.
   */
  async migrate(
    vmiKey: string,
    timeoutMs = 60_000,
    /** What the target gets instead of the source's (NICs with their own UDP ports). */
    targetSpec: Partial<Pick<QemuSpec, 'nics'>> = {},
    /** KubeVirt's `bandwidthPerMigration` in bytes a second; unlimited (1 GiB/s) without it. */
    bandwidthBytesPerSecond?: number,
  ): Promise<QemuProcess> {
    const source = this.#processes.get(vmiKey);
    if (!source || source.exitInfo) throw new Error(`${vmiKey} is not running`);
    const runDir = `${this.runDirFor(vmiKey)}-m${++this.#migrations}`;
    const detached = new Set(source.detachedDiskIds);
    const disks = [
      ...(source.spec.disks ?? [])
        .map((disk, index) => ({ ...disk, id: disk.id ?? `disk${index}` }))
        .filter((disk) => !detached.has(disk.id)),
      ...source.hotpluggedDisks.map((disk) => ({ ...disk, bus: 'scsi' as const })),
    ];
    // The target's NICs sit in the source's PCI slots (hot-plugged ones got the next free one).
    const slots = await source.pciSlots().catch(() => new Map<string, number>());
    const nics = (targetSpec.nics ?? source.currentNics).map((nic, index) => {
      const id = nic.id ?? `net${index}`;
      const slot = slots.get(id);
      return { ...nic, id, ...(slot !== undefined ? { addr: slot } : {}) };
    });
    const wasRunning = source.state === 'running';
    const target = await QemuProcess.start(
      { ...source.spec, runDir, disks, nics, incomingURI: 'defer', paused: false },
      this.options,
    );
    try {
      const uri = `unix:${join(runDir, 'migration.sock')}`;
      await target.migrateIncoming(uri);
      // Local socket: QEMU 7.2's default 32 MiB/s throttle only slows it down, unless the
      // cluster asks for a limit (bandwidthPerMigration), as virt-handler passes it to libvirt.
      await source.qmp.execute('migrate-set-parameters', {
        'max-bandwidth': bandwidthBytesPerSecond ?? 2 ** 30,
      });
      await source.migrateTo(uri);
      const info = await source.waitForMigration(timeoutMs);
      if (info.status !== 'completed') {
        throw new Error(`Migration ${info.status}: ${info['error-desc'] ?? 'no reason given'}`);
      }
      // The target runs on its own when the source ran (QEMU carries the run state over).
      if (wasRunning) await this.#waitRunning(target, 10_000);
      // Link state belongs to the host side of a NIC: it does not travel with the guest.
      for (const id of source.linksDown) await target.setLink(id, false);
    } catch (error) {
      await target.kill(1_000);
      throw error;
    }
    if (source.exitInfo) {
      await target.kill(1_000);
      throw new Error(`${vmiKey} exited during migration`);
    }
    this.#adopt(vmiKey, target);
    this.emit('migrated', vmiKey, target, source);
    void source.kill(2_000);
    return target;
  }

  async #waitRunning(qemu: QemuProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await qemu.queryStatus()).running) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Migration target did not start running within ${timeoutMs} ms`);
  }

  get(vmiKey: string): QemuProcess | undefined {
    return this.#processes.get(vmiKey);
  }

  /** Whether the VMI waits for a boot slot or for QEMU to come up. */
  isStarting(vmiKey: string): boolean {
    return this.#starting.has(vmiKey);
  }

  /** Running VMIs' keys. */
  keys(): string[] {
    return [...this.#processes.keys()];
  }

  /**
   * Stops a VMI: ACPI power-down, then QMP quit / SIGKILL when the guest has not powered off
   * after `graceSeconds` (a paused guest cannot react, so it is killed at once). A VMI still
   * waiting for a boot slot is taken out of the queue. Resolves with the exit information, or
   * undefined when nothing ran.
   */
  async stop(vmiKey: string, graceSeconds = 30): Promise<ExitInfo | undefined> {
    const starting = this.#starting.get(vmiKey);
    if (starting) {
      starting.abort.abort();
      await starting.done;
    }
    const qemu = this.#processes.get(vmiKey);
    if (!qemu) return undefined;
    if (qemu.exitInfo) return qemu.exitInfo;
    if (graceSeconds > 0 && qemu.state === 'running') {
      try {
        await qemu.powerdown();
        if (await within(qemu.exited, graceSeconds * 1000)) return await qemu.exited;
      } catch {
        // QMP gone or the guest refused: fall through to kill
      }
    }
    return qemu.kill(Math.min(5_000, Math.max(500, graceSeconds * 1000)));
  }

  /** Stops everything (for shutdown) and removes the run directories this runtime made. */
  async stopAll(graceSeconds = 0): Promise<void> {
    for (const { abort } of this.#starting.values()) abort.abort();
    await Promise.all([...this.#starting.values()].map(({ done }) => done));
    await Promise.all(this.keys().map((key) => this.stop(key, graceSeconds)));
    if (this.#ownsBaseDir && this.#baseDir) {
      rmSync(this.#baseDir, { recursive: true, force: true });
      this.#baseDir = undefined;
      this.#ownsBaseDir = false;
    }
  }
}
