// The runtime against a real QEMU (TCG) booting the project's guest image. One VM is booted
// once and reused across the assertions, in order; two more start paused (no boot) for the
// crash and stop cases. Bounded throughout; everything is killed in afterAll.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { guestBannerLine, guestImageAvailable } from './guestImage';
import { findExecutable } from './processManager';
import type { ExitInfo, QemuProcess } from './qemuProcess';
import { QemuRuntime } from './runtime';
import { tempDir } from './testSupport';
import { connectVnc, openVncSession, SessionRegistry, VNC_DENIED_MESSAGE } from './vncProxy';

const projectRoot = join(import.meta.dirname, '../../..');

const prepare = (): string | undefined => {
  if (!findExecutable('qemu-system-x86_64')) {
    return 'qemu-system-x86_64 is not installed (apt-get install -y --no-install-recommends qemu-system-x86)';
  }
  if (!guestImageAvailable() && existsSync(join(projectRoot, 'scripts/guest-image.mjs'))) {
    spawnSync(process.execPath, ['scripts/guest-image.mjs'], {
      cwd: projectRoot,
      stdio: 'ignore',
      timeout: 240_000,
    });
  }
  return guestImageAvailable()
    ? undefined
    : 'the guest image is not built and could not be built (node scripts/guest-image.mjs)';
};

const skipReason = prepare();
if (skipReason) console.warn(`Skipping the QEMU runtime integration test: ${skipReason}`);

const BOOT_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 15_000;
const VM = 'default/vm1';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Types a command on the serial console and waits for `answer` in what follows. */
const run = async (qemu: QemuProcess, command: string, answer: RegExp) => {
  const mark = qemu.serial.mark();
  qemu.serial.write(`${command}\r`);
  return qemu.serial.waitFor(answer, { since: mark, timeoutMs: COMMAND_TIMEOUT_MS });
};

const guestSeconds = async (qemu: QemuProcess) =>
  Number((await run(qemu, 'echo T-$(date +%s)-E', /T-(\d+)-E/))[1]);

const scsiDiskCount = async (qemu: QemuProcess) =>
  Number((await run(qemu, "echo D-$(ls /dev | grep -c '^sd[a-z]*$')-E", /D-(\d+)-E/))[1]);

describe.skipIf(skipReason !== undefined)(
  `QemuRuntime with QEMU${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    const dir = tempDir('vp-it-');
    const runtime = new QemuRuntime({ baseDir: join(dir.path, 'run'), maxMemoryMiB: 128 });
    const exits: [string, ExitInfo][] = [];
    const booted: string[] = [];
    runtime.on('exit', (key, info) => exits.push([key, info]));
    runtime.on('booted', (key, how) => booted.push(`${key}:${how}`));
    let vm: QemuProcess;

    afterAll(async () => {
      await runtime.stopAll(0);
      dir.remove();
    }, 20_000);

    it('is available', () => {
      expect(runtime.available()).toBe(true);
    });

    it(
      'boots a VM through the queue; a late subscriber still sees the boot log',
      async () => {
        const started = Date.now();
        vm = await runtime.start(VM, {
          name: 'vm1',
          namespace: 'default',
          os: 'fedora',
          memoryMiB: 1024,
          cpus: 1,
          nics: [{ model: 'virtio' }],
        });
        const upMs = Date.now() - started;
        expect(vm.memoryMiB).toBe(128); // capped
        expect(vm.args.join(' ')).toContain('-m 128');
        expect(runtime.get(VM)).toBe(vm);
        expect(vm.state).toBe('running');
        expect(readFileSync(join(vm.runDir, 'qemu.pid'), 'utf8').trim()).toBe(String(vm.pid));
        await vm.serial.waitFor(/\[vm1\]# /, { timeoutMs: BOOT_TIMEOUT_MS });
        console.log(`runtime: QEMU up in ${upMs} ms, prompt after ${Date.now() - started} ms`);

        const late: Buffer[] = [];
        const unsubscribe = vm.serial.subscribe((chunk) => late.push(chunk));
        unsubscribe();
        expect(late[0]!.toString()).toContain(
          guestBannerLine({ name: 'vm1', namespace: 'default' }),
        );
        await vi.waitFor(() => expect(booted).toEqual([`${VM}:prompt`]), { timeout: 2_000 });
        expect(runtime.queue.active).toBe(0);
      },
      BOOT_TIMEOUT_MS + 10_000,
    );

    it('answers a command typed on serial', async () => {
      const [answer] = await run(vm, 'echo hello-$((40+2))', /hello-42/);
      expect(answer).toBe('hello-42');
    });

    it('pause stops the guest clock; resume restarts it', async () => {
      const events: string[] = [];
      vm.on('event', (event) => events.push(event.event));
      const before = await guestSeconds(vm);
      const hostStart = Date.now();
      await vm.pause();
      expect(vm.state).toBe('paused');
      expect(await vm.queryStatus()).toMatchObject({ status: 'paused', running: false });
      await sleep(4_000);
      await vm.resume();
      expect(vm.state).toBe('running');
      const after = await guestSeconds(vm);
      const hostSeconds = (Date.now() - hostStart) / 1000;
      console.log(
        `runtime: guest clock advanced ${after - before} s over ${hostSeconds.toFixed(1)} s, 4 s paused`,
      );
      // A running clock would advance about hostSeconds; a stopped one about hostSeconds - 4.
      expect(after - before).toBeLessThan(hostSeconds - 2);
      expect(events).toEqual(expect.arrayContaining(['STOP', 'RESUME']));
    }, 30_000);

    it('answers RFB 003.008 on the VNC socket, one session at a time', async () => {
      const socket = await connectVnc(vm.vncSocketPath);
      const hello = await new Promise<string>((resolve) =>
        socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))),
      );
      socket.destroy();
      expect(hello).toBe('RFB 003.008\n');

      const registry = new SessionRegistry();
      const first = await openVncSession(registry, VM, vm.vncSocketPath);
      await expect(
        openVncSession(registry, VM, vm.vncSocketPath, { preserveSession: true }),
      ).rejects.toThrow(VNC_DENIED_MESSAGE);
      const firstClosed = new Promise((resolve) => first.socket.once('close', resolve));
      const second = await openVncSession(registry, VM, vm.vncSocketPath);
      await firstClosed;
      second.socket.destroy();
    });

    it('writes a PNG screenshot', async () => {
      const png = join(dir.path, 'screen.png');
      const size = await vm.screendump(png);
      const bytes = readFileSync(png);
      expect(bytes.subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
      expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
      expect(size).toEqual({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });
      expect(size.width).toBeGreaterThanOrEqual(640);
      expect(size.height).toBeGreaterThanOrEqual(400);
    });

    it('hot-plugs a raw disk that shows up as /dev/sd*, and removes it', async () => {
      const image = join(dir.path, 'hotplug.raw');
      writeFileSync(image, '');
      truncateSync(image, 8 * 1024 * 1024);
      const before = await scsiDiskCount(vm);
      await vm.hotplugDisk({ id: 'hp1', path: image, format: 'raw', serial: 'HP1' });
      const deadline = Date.now() + COMMAND_TIMEOUT_MS;
      let count = before;
      while (count === before && Date.now() < deadline) {
        await sleep(300);
        count = await scsiDiskCount(vm);
      }
      expect(count).toBe(before + 1);
      const [, sectors] = await run(
        vm,
        'echo S-$(cat /sys/block/sd*/size | tail -n 1)-E',
        /S-(\d+)-E/,
      );
      expect(Number(sectors)).toBe(16_384);
      expect(vm.hotpluggedDisks.map((disk) => disk.id)).toEqual(['hp1']);

      const stats = await vm.stats();
      expect(stats.block.map((entry) => entry.id)).toContain('hp1');
      expect(stats.cpuSeconds).toBeGreaterThan(0);
      expect(stats.rssBytes).toBeGreaterThan(32 * 1024 * 1024);
      console.log(
        `runtime: cpu ${stats.cpuSeconds.toFixed(1)} s, RSS ${(stats.rssBytes / 2 ** 20).toFixed(0)} MiB`,
      );

      await vm.removeDisk('hp1');
      expect((await vm.stats()).block.map((entry) => entry.id)).not.toContain('hp1');
      expect(vm.hotpluggedDisks).toEqual([]);
      await vi.waitFor(async () => expect(await scsiDiskCount(vm)).toBe(before), {
        timeout: COMMAND_TIMEOUT_MS,
        interval: 300,
      });
    }, 45_000);

    it('live-migrates to a new QEMU; the guest keeps running there', async () => {
      const source = vm;
      const started = Date.now();
      vm = await runtime.migrate(VM);
      console.log(`runtime: migrated in ${Date.now() - started} ms`);
      expect(vm).not.toBe(source);
      expect(runtime.get(VM)).toBe(vm);
      expect(vm.state).toBe('running');
      await run(vm, 'echo moved-$((6*7))', /moved-42/);
      const sourceExit = await source.exited;
      expect(sourceExit.crashed).toBe(false);
      expect(exits).toEqual([]); // the source's exit is not the VMI's
    }, 45_000);

    it('powerdown ends QEMU without a crash', async () => {
      const started = Date.now();
      const info = await runtime.stop(VM, 20);
      console.log(`runtime: powered off in ${Date.now() - started} ms`);
      expect(info).toMatchObject({ crashed: false, reason: 'guest-shutdown', signal: null });
      expect(vm.state).toBe('stopped');
      expect(exits).toEqual([[VM, info]]);
      expect(runtime.get(VM)).toBeUndefined();
    }, 30_000);

    it('a SIGKILLed QEMU is a crash; a stopped paused one is not', async () => {
      const killedKey = 'default/vm2';
      const killed = await runtime.start(killedKey, {
        name: 'vm2',
        namespace: 'default',
        paused: true,
      });
      expect(killed.state).toBe('paused');
      expect((await killed.queryStatus()).running).toBe(false);
      process.kill(killed.pid, 'SIGKILL');
      const crash = await killed.exited;
      expect(crash).toMatchObject({
        crashed: true,
        signal: 'SIGKILL',
        reason: 'killed by SIGKILL',
      });
      expect(killed.state).toBe('crashed');
      expect(exits.at(-1)).toEqual([killedKey, crash]);

      const stoppedKey = 'default/vm3';
      const stopped = await runtime.start(stoppedKey, {
        name: 'vm3',
        namespace: 'default',
        paused: true,
      });
      const resets = new Promise((resolve) => stopped.once('event', resolve));
      await stopped.reset();
      expect(await resets).toMatchObject({ event: 'RESET' });
      const info = await runtime.stop(stoppedKey, 5);
      expect(info).toMatchObject({ crashed: false });
      expect(stopped.state).toBe('stopped');
    }, 30_000);
  },
);
