// Holds QEMU's serial unix socket for the whole life of the VM. QEMU's socket chardev takes one
// client at a time and drops output while nobody is connected, so the hub connects from the
// start, keeps a bounded scroll-back of everything the guest printed, and fans output out to
// any number of subscribers (WebSocket consoles, the boot queue, tests). Binary-safe.
import { EventEmitter } from 'node:events';
import type net from 'node:net';
import { connectUnixSocket } from './qmp';

export const DEFAULT_SCROLLBACK_BYTES = 256 * 1024;

export interface SerialHubOptions {
  /** Bytes of guest output kept for late subscribers (default 256 KiB). */
  scrollbackBytes?: number;
  /** Pause between connection attempts (default 50 ms). */
  retryMs?: number;
  /** Input written while disconnected is queued up to this many bytes (default 64 KiB). */
  maxPendingInputBytes?: number;
}

export interface SubscribeOptions {
  /** Send the scroll-back first (default true). */
  replay?: boolean;
}

export interface WaitForOptions {
  /** Search output from this byte offset (see {@link SerialHub.mark}); default: the scroll-back. */
  since?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface SerialHubEvents {
  connect: [];
  disconnect: [];
  data: [Buffer];
  close: [];
}

export type SerialListener = (chunk: Buffer) => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SerialHub extends EventEmitter<SerialHubEvents> {
  readonly socketPath: string;
  readonly #limit: number;
  readonly #retryMs: number;
  readonly #maxPending: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #total = 0;
  #subscribers = new Set<SerialListener>();
  #socket?: net.Socket;
  #pendingInput: Buffer[] = [];
  #pendingBytes = 0;
  #closed = false;
  #running?: Promise<void>;

  constructor(socketPath: string, options: SerialHubOptions = {}) {
    super();
    this.socketPath = socketPath;
    this.#limit = Math.max(1, options.scrollbackBytes ?? DEFAULT_SCROLLBACK_BYTES);
    this.#retryMs = options.retryMs ?? 50;
    this.#maxPending = options.maxPendingInputBytes ?? 64 * 1024;
  }

  /**
   * Starts holding the socket: connects (retrying while it is missing or refuses) and
   * reconnects whenever the connection drops, until {@link close}. Resolves on the first
   * connection or rejects if that did not happen within `timeoutMs`.
   */
  start(timeoutMs = 10_000): Promise<void> {
    if (!this.#running) {
      this.#running = new Promise<void>((resolve, reject) => {
        let settled = false;
        const timer = setTimeout(() => {
          if (settled) return;
          settled = true;
          reject(
            new Error(`Serial socket ${this.socketPath} not connected within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        this.once('connect', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve();
        });
        void this.#loop();
      });
      this.#running.catch(() => undefined);
    }
    return this.#running;
  }

  get connected(): boolean {
    return this.#socket !== undefined;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Total bytes received since the start: an offset for {@link waitFor}'s `since`. */
  mark(): number {
    return this.#total;
  }

  /** A copy of the scroll-back (the last `scrollbackBytes` of output). */
  scrollback(): Buffer {
    return Buffer.concat(this.#chunks, this.#buffered);
  }

  /** The scroll-back decoded as text (UTF-8, invalid bytes replaced). */
  text(since = 0): string {
    return this.#since(since).toString('utf8');
  }

  /**
   * Calls `onData` with the scroll-back (unless `replay: false`) and then every new chunk.
   * Returns the unsubscribe function.
   */
  subscribe(onData: SerialListener, { replay = true }: SubscribeOptions = {}): () => void {
    if (replay && this.#buffered > 0) onData(this.scrollback());
    this.#subscribers.add(onData);
    return () => {
      this.#subscribers.delete(onData);
    };
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Forwards input to the guest; queued (bounded) while the socket is reconnecting. */
  write(bytes: Buffer | Uint8Array | string): boolean {
    if (this.#closed) return false;
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
    if (this.#socket) return this.#socket.write(buffer);
    if (this.#pendingBytes + buffer.length > this.#maxPending) return false;
    this.#pendingInput.push(buffer);
    this.#pendingBytes += buffer.length;
    return true;
  }

  /**
   * Resolves with the first match of `pattern` in the output from `since` (default: all that is
   * still in the scroll-back), waiting for more output if needed; rejects on timeout, abort or
   * close. Output is matched as latin1 text so that every byte is one character.
   */
  waitFor(
    pattern: RegExp | string,
    { since, timeoutMs = 30_000, signal }: WaitForOptions = {},
  ): Promise<RegExpExecArray> {
    const regex =
      typeof pattern === 'string'
        ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        : pattern;
    const start = since ?? 0;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        regex.lastIndex = 0;
        const match = regex.exec(this.#since(start).toString('latin1'));
        if (!match) return false;
        cleanup();
        resolve(match);
        return true;
      };
      const fail = (message: string) => {
        cleanup();
        reject(new Error(message));
      };
      const onData = () => void check();
      const onClose = () => fail(`Serial closed before ${regex} appeared`);
      const onAbort = () => fail(`Stopped waiting for ${regex}: aborted`);
      const timer = setTimeout(
        () => fail(`${regex} did not appear on serial within ${timeoutMs} ms`),
        timeoutMs,
      );
      const cleanup = () => {
        clearTimeout(timer);
        this.off('data', onData);
        this.off('close', onClose);
        signal?.removeEventListener('abort', onAbort);
      };
      if (check()) return;
      if (this.#closed) return onClose();
      if (signal?.aborted) return onAbort();
      this.on('data', onData);
      this.once('close', onClose);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Stops holding the socket; subscribers stay registered but get nothing more. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket?.destroy();
    this.#socket = undefined;
    this.#pendingInput = [];
    this.#pendingBytes = 0;
    this.emit('close');
  }

  /** Appends output (exposed for tests and for feeding output from elsewhere). */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#total += chunk.length;
    if (chunk.length >= this.#limit) {
      this.#chunks = [Buffer.from(chunk.subarray(chunk.length - this.#limit))];
      this.#buffered = this.#limit;
    } else {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
      for (let first = this.#chunks[0]; first && this.#buffered > this.#limit;) {
        const excess = this.#buffered - this.#limit;
        if (first.length <= excess) {
          this.#chunks.shift();
          this.#buffered -= first.length;
        } else {
          this.#chunks[0] = first.subarray(excess);
          this.#buffered -= excess;
        }
        first = this.#chunks[0];
      }
    }
    for (const subscriber of [...this.#subscribers]) {
      try {
        subscriber(chunk);
      } catch {
        // A failing subscriber must not starve the others.
      }
    }
    this.emit('data', chunk);
  }

  #since(offset: number): Buffer {
    const start = this.#total - this.#buffered;
    const all = this.scrollback();
    return offset <= start ? all : all.subarray(Math.min(offset - start, all.length));
  }

  async #loop(): Promise<void> {
    while (!this.#closed) {
      let socket: net.Socket;
      try {
        // Retry forever (in slices) until closed: QEMU may not have made the socket yet.
        socket = await connectUnixSocket(this.socketPath, {
          timeoutMs: 1_000,
          retryMs: this.#retryMs,
        });
      } catch {
        await sleep(this.#retryMs);
        continue;
      }
      if (this.#closed) {
        socket.destroy();
        return;
      }
      this.#socket = socket;
      socket.on('data', (chunk: Buffer) => this.push(chunk));
      socket.on('error', () => undefined);
      const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      for (const pending of this.#pendingInput) socket.write(pending);
      this.#pendingInput = [];
      this.#pendingBytes = 0;
      this.emit('connect');
      await ended;
      if (this.#socket === socket) this.#socket = undefined;
      if (!this.#closed) {
        this.emit('disconnect');
        await sleep(this.#retryMs);
      }
    }
  }
}
