/** What the VMI controller asks of whatever runs the guests: QEMU, or a simulation without it. */
export interface GuestSpec {
  key: string; // namespace/name
  name: string;
  namespace: string;
  os: string;
  memoryMiB: number;
  cpus: number;
  paused: boolean;
}

export interface ExitInfo {
  crashed: boolean;
  reason: string;
}

export interface VmRuntime {
  readonly kind: 'qemu' | 'simulated';
  /** Starts the guest; resolves with what it really got (RAM is capped on this host). */
  start(spec: GuestSpec): Promise<{ memoryMiB: number; note?: string }>;
  /** Asks the guest to power off; forces it after `graceSeconds`. Resolves once it is gone. */
  stop(key: string, graceSeconds: number): Promise<void>;
  pause(key: string): Promise<void>;
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
