import { spawn } from 'node:child_process';
import {
  canUsePdeathsig,
  findExecutable,
  ProcessManager,
  withParentDeathSignal,
} from './processManager';

describe('processManager', () => {
  it('finds executables on PATH', () => {
    expect(findExecutable('sh')).toMatch(/\/sh$/);
    expect(findExecutable('/bin/sh')).toBe('/bin/sh');
    expect(findExecutable('no-such-binary-here')).toBeUndefined();
  });

  it('wraps commands with setpriv --pdeathsig when available', () => {
    const [command, args] = withParentDeathSignal('qemu', ['-S']);
    if (canUsePdeathsig()) {
      expect(command).toBe('setpriv');
      expect(args).toEqual(['--pdeathsig', 'SIGKILL', '--', 'qemu', '-S']);
    } else {
      expect([command, args]).toEqual(['qemu', ['-S']]);
    }
  });

  it('tracks children until they exit and kills the rest', async () => {
    const manager = new ProcessManager();
    const quick = spawn('true');
    const slow = spawn('sleep', ['30']);
    manager.track(quick);
    manager.track(slow);
    expect(manager.size).toBe(2);
    await new Promise((resolve) => quick.once('exit', resolve));
    expect(manager.pids).toEqual([slow.pid]);
    const killed = new Promise<NodeJS.Signals | null>((resolve) =>
      slow.once('exit', (_code, signal) => resolve(signal)),
    );
    manager.killAll();
    await expect(killed).resolves.toBe('SIGKILL');
    expect(manager.size).toBe(0);
  });
});
