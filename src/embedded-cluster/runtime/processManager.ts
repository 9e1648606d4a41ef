// Keeps track of the QEMU processes this Node process started, so none outlives it: every child
// is SIGKILLed when Node exits normally, and children started through `setpriv --pdeathsig`
// are killed by the kernel even when Node itself is killed.
import { type ChildProcess, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Finds an executable on PATH (or checks an absolute path). */
export const findExecutable = (name: string): string | undefined => {
  if (name.includes('/')) return existsSync(name) ? name : undefined;
  for (const dir of (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
};

let pdeathsigSupport: boolean | undefined;

/** Whether util-linux `setpriv --pdeathsig` is available (checked once). */
export const canUsePdeathsig = (): boolean => {
  if (pdeathsigSupport === undefined) {
    const setpriv = findExecutable('setpriv');
    pdeathsigSupport =
      setpriv !== undefined &&
      spawnSync(setpriv, ['--pdeathsig', 'SIGKILL', '--', 'true']).status === 0;
  }
  return pdeathsigSupport;
};

/**
 * Prefixes a command so that the kernel SIGKILLs it when this Node process dies (however it
 * dies). The exec keeps the pid, so `child.pid` is QEMU's pid.
 */
export const withParentDeathSignal = (command: string, args: string[]): [string, string[]] =>
  canUsePdeathsig()
    ? ['setpriv', ['--pdeathsig', 'SIGKILL', '--', command, ...args]]
    : [command, args];

export class ProcessManager {
  #children = new Set<ChildProcess>();
  #hooked = false;

  /** Tracks a child until it exits; it is SIGKILLed if Node exits first. */
  track(child: ChildProcess): void {
    if (child.exitCode !== null || child.signalCode !== null) return;
    this.#children.add(child);
    child.once('exit', () => this.#children.delete(child));
    if (!this.#hooked) {
      this.#hooked = true;
      process.once('exit', () => this.killAll());
    }
  }

  get size(): number {
    return this.#children.size;
  }

  get pids(): number[] {
    return [...this.#children].flatMap((child) => (child.pid === undefined ? [] : [child.pid]));
  }

  /** Sends `signal` (default SIGKILL) to every tracked child, synchronously. */
  killAll(signal: NodeJS.Signals = 'SIGKILL'): void {
    for (const child of this.#children) {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  }
}

/** The process-wide manager every {@link QemuProcess} registers with. */
export const processManager = new ProcessManager();
