/** A disk the guest boots with: a raw image file on a bus, as the VMI's disks and volumes say. */
export interface GuestDisk {
  /** The disk's (and volume's) name in the VMI. */
  name: string;
  /** The raw image: a claim's file, or a small image the controller made (cloud-init…). */
  path: string;
  bus: 'virtio' | 'sata' | 'scsi';
  readOnly: boolean;
  cdrom: boolean;
  serial?: string;
  bootOrder?: number;
}

/** A NIC: on the pod network (QEMU user mode) or on a Multus network's L2 segment. */
export interface GuestInterface {
  /** The interface's name in the VMI. */
  name: string;
  mac: string;
  model: 'virtio' | 'e1000' | 'e1000e' | 'rtl8139';
  /** `pod`, or the NetworkAttachmentDefinition as `namespace/name`. */
  network: { pod: true } | { multus: string };
  /** `state: down` in the VMI: the NIC is there with its link (carrier) down. */
  linkDown?: boolean;
}

/** What the VMI controller asks of whatever runs the guests: QEMU, or a simulation without it. */
export interface GuestSpec {
  key: string; // namespace/name
  name: string;
  namespace: string;
  os: string;
  memoryMiB: number;
  cpus: number;
  paused: boolean;
  /** In the VMI's disk order (the guest names virtio disks vda, vdb… in this order). */
  disks?: GuestDisk[];
  /** In the VMI's interface order (eth0, eth1… in the guest). Default: one pod NIC. */
  interfaces?: GuestInterface[];
}

export interface ExitInfo {
  crashed: boolean;
  reason: string;
}

/** A byte stream to a guest's serial console or VNC server. */
export interface ConsoleStream {
  write(data: Buffer): void;
  onData(listener: (data: Buffer) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}

/** Why a console cannot open; `status` is the HTTP status the API answers with. */
export class ConsoleUnavailableError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409 | 503,
  ) {
    super(message);
  }
}

export interface VmRuntime {
  /** Opens the serial console (with its scroll-back first) or a VNC session of a running guest. */
  openConsole(
    key: string,
    kind: 'serial' | 'vnc',
    options: { preserveSession: boolean },
  ): ConsoleStream;
  readonly kind: 'qemu' | 'simulated';
  /** Starts the guest; resolves with what it really got (RAM is capped on this host). */
  start(spec: GuestSpec): Promise<{ memoryMiB: number; note?: string }>;
  /** Asks the guest to power off; forces it after `graceSeconds`. Resolves once it is gone. */
  stop(key: string, graceSeconds: number): Promise<void>;
  pause(key: string): Promise<void>;
  /** Attaches a raw disk image to the running guest as a SCSI disk; detaches it by name. */
  hotplugDisk?(key: string, disk: { name: string; path: string; serial: string }): Promise<void>;
  unplugDisk?(key: string, name: string): Promise<void>;
  /** Adds a NIC to the running guest (a new ethN), removes one, or takes its link down / up. */
  hotplugInterface?(key: string, nic: GuestInterface): Promise<void>;
  unplugInterface?(key: string, name: string): Promise<void>;
  setLinkState?(key: string, name: string, up: boolean): Promise<void>;
  /**
   * Runs a shell command on a running guest's serial console and resolves with what it printed
   * and its exit code; rejects when the guest is not running or the command does not finish in
   * `timeoutMs` (default 30 s). Commands on one guest run one at a time.
   */
  guestCommand?(
    key: string,
    command: string,
    options?: { timeoutMs?: number },
  ): Promise<{ output: string; exitCode: number }>;
  /**
   * What the guest printed on its serial console (the kept scroll-back), as the
   * `guest-console-log` container of its virt-launcher pod logs it; undefined when not running.
   */
  serialLog?(key: string): string | undefined;
  /** A PNG of the guest's screen (`vnc/screenshot`), where there is a screen. */
  screenshot?(key: string): Promise<Buffer>;
  resume(key: string): Promise<void>;
  running(key: string): boolean;
  onExit(listener: (key: string, info: ExitInfo) => void): void;
  stopAll(): Promise<void>;
}

/**
 * The lifecycle without processes, where QEMU is not installed: guests "run" at once, pause and
 * stop on request, and never crash. The consoles say there is no display in this environment.
 */
export class SimulatedRuntime implements VmRuntime {
  readonly kind = 'simulated' as const;
  private readonly guests = new Set<string>();
  private readonly listeners: ((key: string, info: ExitInfo) => void)[] = [];

  async start(spec: GuestSpec) {
    this.guests.add(spec.key);
    return {
      memoryMiB: spec.memoryMiB,
      note: 'QEMU is not installed: the VM runs its lifecycle without a guest.',
    };
  }

  async stop(key: string) {
    if (!this.guests.delete(key)) return;
    for (const listener of this.listeners) listener(key, { crashed: false, reason: 'Stopped' });
  }

  openConsole(): ConsoleStream {
    throw new ConsoleUnavailableError(
      'no display in this environment: QEMU is not installed, so the VM runs without a guest',
      503,
    );
  }

  async pause() {}

  async resume() {}

  running(key: string) {
    return this.guests.has(key);
  }

  onExit(listener: (key: string, info: ExitInfo) => void) {
    this.listeners.push(listener);
  }

  async stopAll() {
    for (const key of [...this.guests]) await this.stop(key);
  }

  /** What a QEMU crash looks like to the controllers (tests of restart policies use it). */
  crash(key: string) {
    if (!this.guests.delete(key)) return;
    for (const listener of this.listeners)
      listener(key, { crashed: true, reason: 'process killed' });
  }
}
