// Boots VMs a few at a time. Under TCG a boot is CPU-bound: one VM reaches its prompt in about
// 5 s, three at once take about 10 s each on 2 cores. A slot is held from the start of QEMU
// until the serial console shows the prompt, a timeout passes, or the process exits.
import type { SerialHub } from './serialHub';

export const DEFAULT_BOOT_CONCURRENCY = 2;
export const DEFAULT_BOOT_TIMEOUT_MS = 60_000;
/** The guest image's shell prompt: `[vm-name]# `. */
export const DEFAULT_PROMPT = /\[[^\]\r\n]+\]# /;

export interface BootQueueOptions {
  /** VMs booting at once (default 2). */
  concurrency?: number;
  /** A slot is released after this long even without a prompt (default 60 s). */
  timeoutMs?: number;
  prompt?: RegExp;
}

/** What the queue watches while a VM boots. */
export interface Bootable {
  serial: Pick<SerialHub, 'waitFor'>;
  exited: Promise<unknown>;
}

export interface BootOptions {
  prompt?: RegExp;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told how the slot was released: `prompt`, `timeout`, `exit` or `error`. */
  onBooted?: (how: BootOutcome) => void;
}

export type BootOutcome = 'prompt' | 'timeout' | 'exit' | 'error';

export class BootCancelledError extends Error {
  constructor() {
    super('Boot cancelled while waiting for a slot');
    this.name = 'BootCancelledError';
  }
}

interface Waiter {
  grant: (release: () => void) => void;
}

export class BootQueue {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly prompt: RegExp;
  #active = 0;
  #waiting: Waiter[] = [];

  constructor(options: BootQueueOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_BOOT_CONCURRENCY);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
    this.prompt = options.prompt ?? DEFAULT_PROMPT;
  }

  /** Slots in use. */
  get active(): number {
    return this.#active;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** Waits for a slot; resolves with its idempotent release function. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new BootCancelledError());
    if (this.#active < this.concurrency) {
      this.#active++;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        this.#waiting = this.#waiting.filter((entry) => entry !== waiter);
        reject(new BootCancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /**
   * Takes a slot, runs `start`, and resolves with what it started as soon as it has started;
   * the slot stays held in the background until the prompt shows, the timeout passes or the
   * process exits. A failing `start` releases the slot and rejects.
   */
  async boot<T extends Bootable>(start: () => Promise<T>, options: BootOptions = {}): Promise<T> {
    const release = await this.acquire(options.signal);
    let started: T;
    try {
      started = await start();
    } catch (error) {
      release();
      throw error;
    }
    void this.#holdUntilBooted(started, release, options);
    return started;
  }

  async #holdUntilBooted(vm: Bootable, release: () => void, options: BootOptions): Promise<void> {
    const stop = new AbortController();
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const outcomes: Promise<BootOutcome>[] = [
      vm.serial
        .waitFor(options.prompt ?? this.prompt, {
          since: 0,
          timeoutMs: timeoutMs + 1_000,
          signal: stop.signal,
        })
        .then(
          () => 'prompt' as const,
          () => new Promise<never>(() => undefined),
        ),
      vm.exited.then(
        () => 'exit' as const,
        () => 'error' as const,
      ),
      new Promise<BootOutcome>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      }),
    ];
    const how = await Promise.race(outcomes);
    clearTimeout(timer);
    stop.abort();
    release();
    options.onBooted?.(how);
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next.grant(this.#releaser());
      else this.#active--;
    };
  }
}
