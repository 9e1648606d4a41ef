// A QMP (QEMU Machine Protocol) client over a unix socket: newline-delimited JSON, a greeting
// from QEMU, `qmp_capabilities` before anything else, then commands answered in order and
// asynchronous events (STOP, RESUME, SHUTDOWN, POWERDOWN, RESET, DEVICE_DELETED, …).
import { EventEmitter } from 'node:events';
import net from 'node:net';

export interface QmpTimestamp {
  seconds: number;
  microseconds: number;
}

export interface QmpEvent {
  event: string;
  data: Record<string, unknown>;
  timestamp: QmpTimestamp;
}

export interface QmpGreeting {
  version: { qemu: { major: number; minor: number; micro: number }; package: string };
  capabilities: string[];
}

/** A command QEMU answered with `error`: the message is QEMU's `desc`. */
export class QmpError extends Error {
  constructor(
    message: string,
    /** QMP's error class, e.g. `GenericError`, `DeviceNotFound`, `CommandNotFound`. */
    readonly errorClass: string,
    readonly command: string,
  ) {
    super(message);
    this.name = 'QmpError';
  }
}

export interface QmpConnectOptions {
  /** How long to keep retrying while the socket does not exist or refuses (default 10 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 50 ms). */
  retryMs?: number;
  /** Stops retrying, e.g. when the QEMU process has exited. */
  signal?: AbortSignal;
}

interface QmpEvents {
  event: [QmpEvent];
  close: [];
}

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const RETRYABLE = new Set(['ENOENT', 'ECONNREFUSED', 'EAGAIN']);

/** Connects a unix socket, retrying while it does not exist yet or refuses (bounded). */
export const connectUnixSocket = async (
  path: string,
  { timeoutMs = 10_000, retryMs = 50, signal }: QmpConnectOptions = {},
): Promise<net.Socket> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) throw new Error(`Gave up connecting to ${path}: aborted`);
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        const socket = net.createConnection(path);
        socket.once('connect', () => {
          socket.removeListener('error', reject);
          resolve(socket);
        });
        socket.once('error', reject);
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!RETRYABLE.has(code) || Date.now() + retryMs > deadline) {
        throw new Error(`Cannot connect to ${path}: ${(error as Error).message}`);
      }
      await sleep(retryMs);
    }
  }
};

/**
 * One QMP session. Use {@link QmpClient.connect}; it resolves once the capabilities are
 * negotiated. `execute` resolves with the command's `return` or rejects with a {@link QmpError}
 * carrying QEMU's `error.desc`. Events are emitted as `event`; `close` fires once when the
 * connection ends (commands still waiting are rejected).
 */
export class QmpClient extends EventEmitter<QmpEvents> {
  #socket: net.Socket;
  #buffer = '';
  #nextId = 1;
  #pending = new Map<number, Pending>();
  #closed = false;
  #greeting: Promise<QmpGreeting>;
  #onGreeting?: (greeting: QmpGreeting) => void;
  greeting?: QmpGreeting;

  private constructor(socket: net.Socket) {
    super();
    this.#socket = socket;
    this.#greeting = new Promise<QmpGreeting>((resolve, reject) => {
      this.#onGreeting = resolve;
      this.once('close', () => reject(new Error('QMP connection closed before the greeting')));
    });
    // The greeting promise may never be awaited after a successful connect.
    this.#greeting.catch(() => undefined);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.#onData(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => this.#onClose());
  }

  /** Connects (retrying while the socket is not there yet) and negotiates capabilities. */
  static async connect(path: string, options: QmpConnectOptions = {}): Promise<QmpClient> {
    const socket = await connectUnixSocket(path, options);
    const client = new QmpClient(socket);
    const timeoutMs = options.timeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        (async () => {
          client.greeting = await client.#greeting;
          await client.execute('qmp_capabilities');
        })(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`QMP on ${path} did not greet within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      client.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return client;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Runs a command; resolves with its `return` value. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
    if (this.#closed) {
      return Promise.reject(new Error(`QMP connection closed; cannot run ${command}`));
    }
    const id = this.#nextId++;
    const message: Record<string, unknown> = { execute: command, id };
    if (args !== undefined) message.arguments = args;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject });
      this.#socket.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Resolves with the next event of that name (and matching `filter`), or rejects on timeout. */
  waitForEvent(
    name: string,
    timeoutMs: number,
    filter: (event: QmpEvent) => boolean = () => true,
  ): Promise<QmpEvent> {
    return new Promise((resolve, reject) => {
      const onEvent = (event: QmpEvent) => {
        if (event.event !== name || !filter(event)) return;
        cleanup();
        resolve(event);
      };
      const onClose = () => {
        cleanup();
        reject(new Error(`QMP connection closed while waiting for ${name}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`No ${name} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('event', onEvent);
        this.off('close', onClose);
      };
      this.on('event', onEvent);
      this.once('close', onClose);
      if (this.#closed) onClose();
    });
  }

  close(): void {
    this.#socket.destroy();
    this.#onClose();
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    let newline: number;
    while ((newline = this.#buffer.indexOf('\n')) >= 0) {
      const line = this.#buffer.slice(0, newline).trim();
      this.#buffer = this.#buffer.slice(newline + 1);
      if (line) this.#onMessage(line);
    }
  }

  #onMessage(line: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    if ('QMP' in message) {
      this.#onGreeting?.(message.QMP as QmpGreeting);
      return;
    }
    if (typeof message.event === 'string') {
      this.emit('event', {
        event: message.event,
        data: (message.data as Record<string, unknown> | undefined) ?? {},
        timestamp: (message.timestamp as QmpTimestamp | undefined) ?? {
          seconds: 0,
          microseconds: 0,
        },
      });
      return;
    }
    const id = typeof message.id === 'number' ? message.id : undefined;
    const pending = id === undefined ? undefined : this.#pending.get(id);
    if (!pending || id === undefined) return;
    this.#pending.delete(id);
    if ('error' in message) {
      const error = (message.error ?? {}) as { class?: string; desc?: string };
      pending.reject(
        new QmpError(
          error.desc ?? `${pending.command} failed`,
          error.class ?? 'GenericError',
          pending.command,
        ),
      );
    } else {
      pending.resolve(message.return);
    }
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const pending of this.#pending.values()) {
      pending.reject(new Error(`QMP connection closed while running ${pending.command}`));
    }
    this.#pending.clear();
    this.emit('close');
  }
}
