/**
 * A controller's queue: keys, deduplicated while waiting, reconciled one at a time, retried with
 * a bounded backoff when reconcile throws. What client-go's workqueue gives controllers.
 */
const YIELD_EVERY_MS = 20;

export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly retries = new Map<string, number>();
  private running = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly reconcile: (key: string) => Promise<void>,
    private readonly onError: (key: string, error: unknown) => void = () => undefined,
  ) {}

  add(key: string) {
    if (this.stopped) return;
    this.pending.add(key);
    void this.drain();
  }

  /** Re-adds the key after `ms` (a requeue, e.g. to re-check a process or a deadline). */
  addAfter(key: string, ms: number) {
    const timer = setTimeout(() => this.add(key), ms);
    timer.unref();
  }

  private async drain() {
    if (this.running) return;
    this.running = true;
    let slice = Date.now();
    while (this.pending.size && !this.stopped) {
      // A reconcile that does no I/O resolves in a microtask: yield now and then, so a busy
      // queue never starves the API server (or the other controllers) of the event loop.
      if (Date.now() - slice > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = Date.now();
        continue; // stop() may have emptied the queue meanwhile
      }
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      try {
        await this.reconcile(key);
        this.retries.delete(key);
      } catch (error) {
        const attempt = (this.retries.get(key) ?? 0) + 1;
        this.retries.set(key, attempt);
        this.onError(key, error);
        if (attempt < 8) this.addAfter(key, Math.min(5_000, 50 * 2 ** attempt));
      }
    }
    this.running = false;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** Resolves when nothing is queued or running (tests use it instead of sleeping). */
  idle(): Promise<void> {
    if (!this.running && !this.pending.size) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop() {
    this.stopped = true;
    this.pending.clear();
  }
}
