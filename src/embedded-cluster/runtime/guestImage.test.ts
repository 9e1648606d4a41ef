import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  guestBannerLine,
  guestImageAvailable,
  guestImagePaths,
  guestPrompt,
  kernelCommandLine,
  readGuestImageManifest,
} from './guestImage';

describe('kernelCommandLine', () => {
  it('puts the consoles first and the VM’s identity after them', () => {
    expect(kernelCommandLine({ name: 'fedora-abc', namespace: 'default', os: 'fedora' })).toBe(
      'console=tty0 console=ttyS0 quiet nokaslr vm.name=fedora-abc vm.namespace=default vm.os=fedora',
    );
  });

  it('makes the serial port the last console, so it is /dev/console', () => {
    const parameters = kernelCommandLine({ name: 'a', namespace: 'b' }).split(' ');
    const consoles = parameters.filter((p) => p.startsWith('console='));
    expect(consoles.at(-1)).toBe('console=ttyS0');
  });

  it('defaults the OS to linux and accepts versions and dotted names', () => {
    expect(kernelCommandLine({ name: 'a', namespace: 'b' })).toMatch(/ vm\.os=linux$/);
    expect(
      kernelCommandLine({ name: 'web.example-1', namespace: 'team-a', os: 'ubuntu22.04' }),
    ).toMatch(/ vm\.name=web\.example-1 vm\.namespace=team-a vm\.os=ubuntu22\.04$/);
  });

  it.each([
    ['a name with a space', { name: 'a b', namespace: 'default' }],
    ['a name with a quote', { name: "it's", namespace: 'default' }],
    ['a name with a double quote', { name: 'a"b', namespace: 'default' }],
    ['an upper-case name', { name: 'Fedora', namespace: 'default' }],
    ['an empty name', { name: '', namespace: 'default' }],
    ['a name ending in a dash', { name: 'vm-', namespace: 'default' }],
    ['a too long name', { name: 'a'.repeat(254), namespace: 'default' }],
    ['a namespace with a dot', { name: 'vm', namespace: 'a.b' }],
    ['a too long namespace', { name: 'vm', namespace: 'n'.repeat(64) }],
    ['an OS with a space', { name: 'vm', namespace: 'default', os: 'red hat' }],
    ['an OS with a quote', { name: 'vm', namespace: 'default', os: 'rhel"9' }],
    ['an OS with an equals sign', { name: 'vm', namespace: 'default', os: 'x=y' }],
    ['an empty OS', { name: 'vm', namespace: 'default', os: '' }],
    ['an OS with a newline', { name: 'vm', namespace: 'default', os: 'rhel\n9' }],
  ])('refuses %s', (_what, identity) => {
    expect(() => kernelCommandLine(identity)).toThrow(RangeError);
  });

  it('names the offending parameter', () => {
    expect(() => kernelCommandLine({ name: 'vm', namespace: 'x y' })).toThrow(/vm\.namespace/);
  });
});

describe('guestImagePaths', () => {
  it('puts the image in .cache/guest under the given root', () => {
    expect(guestImagePaths('/srv/app')).toEqual({
      dir: '/srv/app/.cache/guest',
      kernel: '/srv/app/.cache/guest/vmlinuz',
      initrd: '/srv/app/.cache/guest/initramfs.gz',
      manifest: '/srv/app/.cache/guest/manifest.json',
    });
  });

  it('defaults to this checkout, or to $GUEST_IMAGE_DIR', () => {
    vi.stubEnv('GUEST_IMAGE_DIR', '');
    const here = guestImagePaths();
    vi.stubEnv('GUEST_IMAGE_DIR', '/opt/guest');
    const elsewhere = guestImagePaths();
    vi.unstubAllEnvs();
    expect(elsewhere.kernel).toBe('/opt/guest/vmlinuz');
    expect(here.dir).toBe(fileURLToPath(new URL('../../../.cache/guest', import.meta.url)));
  });

  it('reports a missing image as unavailable', () => {
    expect(guestImageAvailable('/nonexistent')).toBe(false);
    expect(readGuestImageManifest('/nonexistent')).toBeUndefined();
  });
});

// ---- booting the image under QEMU -------------------------------------------------------------

const qemuBinary = 'qemu-system-x86_64';
const haveQemu = spawnSync('sh', ['-c', `command -v ${qemuBinary}`]).status === 0;
const skipReason = !haveQemu
  ? `${qemuBinary} is not installed (node scripts/system-packages.mjs qemu)`
  : !guestImageAvailable()
    ? 'the guest image is not built (node scripts/guest-image.mjs)'
    : undefined;
if (skipReason) console.warn(`Skipping the QEMU boot test: ${skipReason}`);

// Bounds. One VM boots to a prompt in about 7 s on 2 busy cores under TCG; leave room for load.
const BOOT_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 15_000;
const POWERDOWN_TIMEOUT_MS = 15_000;

/** Resolves once `predicate` holds, re-checked on every `wake()`; rejects after `ms`. */
class Waiter {
  private readonly waiting = new Set<() => void>();
  wake(): void {
    for (const check of [...this.waiting]) check();
  }
  until(predicate: () => boolean, ms: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        let done: boolean;
        try {
          done = predicate();
        } catch (error) {
          clearTimeout(timer);
          this.waiting.delete(check);
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (!done) return;
        clearTimeout(timer);
        this.waiting.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }, ms);
      this.waiting.add(check);
      check();
    });
  }
}

/** Connects to a unix socket QEMU is about to create, retrying until it exists. */
const connectUnix = async (socketPath: string, ms: number): Promise<net.Socket> => {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(socketPath);
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
      });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
};

// eslint-disable-next-line no-control-regex
const stripEscapes = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

describe.skipIf(skipReason !== undefined)(
  `the guest image under QEMU${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let tempDir: string | undefined;
    const sockets: net.Socket[] = [];
    let qemu: ChildProcess | undefined;
    let logFd: number | undefined;

    afterAll(() => {
      for (const socket of sockets) socket.destroy();
      if (qemu && qemu.exitCode === null && qemu.signalCode === null) qemu.kill('SIGKILL');
      if (logFd !== undefined) closeSync(logFd);
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    });

    it(
      'boots to a prompt with its disk and network, and powers off on the ACPI button',
      { timeout: BOOT_TIMEOUT_MS + 2 * COMMAND_TIMEOUT_MS + POWERDOWN_TIMEOUT_MS },
      async () => {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'guest-image-'));
        tempDir = dir;
        const image = guestImagePaths();
        const identity = { name: 'fedora-abc', namespace: 'default', os: 'fedora' };
        const disk = path.join(dir, 'disk.img');
        writeFileSync(disk, '');
        truncateSync(disk, 1024 * 1024); // 1 MiB: 2048 sectors of 512 bytes
        logFd = openSync(path.join(dir, 'qemu.log'), 'w');

        const started = Date.now();
        const child = spawn(
          qemuBinary,
          [
            ...['-machine', 'pc', '-accel', 'tcg', '-m', '128', '-smp', '1'],
            ...['-kernel', image.kernel, '-initrd', image.initrd],
            ...['-append', kernelCommandLine(identity)],
            ...['-display', 'none', '-nodefaults', '-no-user-config', '-vga', 'std'],
            ...['-vnc', `unix:${dir}/vnc.sock`],
            ...['-serial', `unix:${dir}/serial.sock,server=on,wait=off`],
            ...['-qmp', `unix:${dir}/qmp.sock,server=on,wait=off`],
            ...['-pidfile', `${dir}/qemu.pid`],
            ...['-netdev', 'user,id=net0', '-device', 'virtio-net-pci,netdev=net0'],
            ...['-drive', `file=${disk},format=raw,if=virtio`],
          ],
          { stdio: ['ignore', logFd, logFd] },
        );
        qemu = child;
        const waiter = new Waiter();
        const exited = new Promise<number | null>((resolve) =>
          child.once('exit', (code) => {
            resolve(code);
            waiter.wake();
          }),
        );
        const qemuLog = () => readFileSync(path.join(dir, 'qemu.log'), 'utf8');
        const running = () => {
          if (child.exitCode !== null || child.signalCode !== null)
            throw new Error(`QEMU exited early (${child.exitCode}): ${qemuLog()}`);
          return false;
        };

        // Serial output with nobody connected is lost: connect at once, keep everything.
        const serial = await connectUnix(`${dir}/serial.sock`, 10_000);
        sockets.push(serial);
        let output = '';
        serial.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          waiter.wake();
        });
        const prompt = guestPrompt(identity.name);
        const seen = (text: string, from = 0) =>
          stripEscapes(output).indexOf(text, from) >= 0 || running();

        await waiter.until(() => seen(guestBannerLine(identity)), BOOT_TIMEOUT_MS, 'the banner');
        await waiter.until(() => seen(prompt), BOOT_TIMEOUT_MS, 'the prompt');
        // The OS line follows the banner and precedes the prompt (checked once both are in).
        expect(stripEscapes(output)).toContain('Fedora Linux');
        const bootSeconds = (Date.now() - started) / 1000;
        console.log(`guest image: boot to prompt in ${bootSeconds.toFixed(1)} s`);

        const mark = stripEscapes(output).length;
        serial.write('cat /sys/block/vda/size; ip addr show eth0\n');
        // The answer is complete when the next prompt follows it.
        await waiter.until(
          () => stripEscapes(output).slice(mark).includes(`\n${prompt}`) || running(),
          COMMAND_TIMEOUT_MS,
          'the answer to the command',
        );
        const answer = stripEscapes(output).slice(mark).replaceAll('\r', '');
        expect(answer).toMatch(/^2048$/m);
        expect(answer).toMatch(/^\s+inet 10\.0\.2\.15\/24 /m);

        const qmp = await connectUnix(`${dir}/qmp.sock`, 5_000);
        sockets.push(qmp);
        const replies: Record<string, unknown>[] = [];
        let pending = '';
        qmp.on('data', (chunk: Buffer) => {
          pending += chunk.toString('utf8');
          const lines = pending.split('\n');
          pending = lines.pop() ?? '';
          for (const line of lines)
            if (line.trim()) replies.push(JSON.parse(line) as Record<string, unknown>);
          waiter.wake();
        });
        const returns = () => replies.filter((reply) => 'return' in reply).length;
        await waiter.until(() => replies.some((r) => 'QMP' in r), 5_000, 'the QMP greeting');
        qmp.write(`${JSON.stringify({ execute: 'qmp_capabilities' })}\n`);
        await waiter.until(() => returns() === 1, 5_000, 'qmp_capabilities');

        const poweringDown = Date.now();
        qmp.write(`${JSON.stringify({ execute: 'system_powerdown' })}\n`);
        await waiter.until(
          () => child.exitCode !== null || child.signalCode !== null,
          POWERDOWN_TIMEOUT_MS,
          'QEMU to exit after system_powerdown',
        );
        expect(await exited).toBe(0);
        expect(replies.some((r) => r.event === 'SHUTDOWN')).toBe(true);
        console.log(
          `guest image: powered off ${((Date.now() - poweringDown) / 1000).toFixed(1)} s ` +
            'after system_powerdown',
        );
      },
    );
  },
);
