import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BootCancelledError } from './bootQueue';
import { MAX_SOCKET_PATH } from './qemuArgs';
import { QemuProcess } from './qemuProcess';
import { promptFor, QemuRuntime } from './runtime';
import { tempDir } from './testSupport';

describe('QemuRuntime without QEMU', () => {
  let dir: ReturnType<typeof tempDir>;
  const runtimes: QemuRuntime[] = [];

  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((runtime) => runtime.stopAll()));
    dir.remove();
  });

  /** A "QEMU" that never makes its sockets. */
  const fakeQemu = () => {
    const path = join(dir.path, 'fake-qemu');
    writeFileSync(path, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(path, 0o755);
    return path;
  };
  const image = () => {
    const kernel = join(dir.path, 'vmlinuz');
    const initrd = join(dir.path, 'initramfs.gz');
    writeFileSync(kernel, '');
    writeFileSync(initrd, '');
    return { kernel, initrd, append: () => 'console=ttyS0' };
  };
  const make = (options: ConstructorParameters<typeof QemuRuntime>[0]) => {
    const runtime = new QemuRuntime({ baseDir: join(dir.path, 'run'), ...options });
    runtimes.push(runtime);
    return runtime;
  };

  it('is unavailable without the QEMU binary or the image', () => {
    expect(make({ binary: '/nonexistent/qemu', image: image() }).available()).toBe(false);
    expect(
      make({
        binary: '/bin/sh',
        image: { kernel: '/nonexistent', initrd: '/nonexistent', append: () => '' },
      }).available(),
    ).toBe(false);
    expect(make({ binary: '/bin/sh', image: image() }).available()).toBe(true);
  });

  it('gives every VMI a short run directory', () => {
    const runtime = new QemuRuntime();
    runtimes.push(runtime);
    const runDir = runtime.runDirFor(`${'n'.repeat(63)}/${'v'.repeat(253)}`);
    expect(Buffer.byteLength(join(runDir, 'serial.sock'))).toBeLessThanOrEqual(MAX_SOCKET_PATH);
    expect(runtime.runDirFor('a/vm')).not.toBe(runtime.runDirFor('b/vm'));
  });

  it('matches the guest prompt of a VM', () => {
    expect(promptFor('my-vm.x').test('\r\n[my-vm.x]# \u001b[6n')).toBe(true);
    expect(promptFor('my-vm.x').test('[my-vmax]# ')).toBe(false);
  });

  it('reports a QEMU that does not come up, kills it and frees the boot slot', async () => {
    const runtime = make({ binary: fakeQemu(), image: image(), startTimeoutMs: 300 });
    await expect(runtime.start('ns/vm', { name: 'vm', namespace: 'ns' })).rejects.toThrow(
      /QEMU for ns\/vm did not come up/,
    );
    expect(runtime.queue.active).toBe(0);
    expect(runtime.get('ns/vm')).toBeUndefined();
  });

  it('reports a QEMU that exits at once with its log', async () => {
    const script = join(dir.path, 'bad-qemu');
    writeFileSync(script, '#!/bin/sh\necho "qemu: -accel tcg: invalid option" >&2\nexit 1\n');
    chmodSync(script, 0o755);
    await expect(
      QemuProcess.start(
        { runDir: join(dir.path, 'vm'), name: 'vm', namespace: 'ns' },
        { binary: script },
      ),
    ).rejects.toThrow(/exited during start \(code 1.*invalid option/s);
  });

  it('stop() takes a VMI waiting for a boot slot out of the queue', async () => {
    const runtime = make({
      binary: fakeQemu(),
      image: image(),
      startTimeoutMs: 500,
      bootConcurrency: 1,
    });
    const first = runtime.start('ns/a', { name: 'a', namespace: 'ns' });
    first.catch(() => undefined);
    const second = runtime.start('ns/b', { name: 'b', namespace: 'ns' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runtime.isStarting('ns/b')).toBe(true);
    expect(runtime.queue.waiting).toBe(1);
    await expect(runtime.stop('ns/b', 0)).resolves.toBeUndefined();
    await expect(second).rejects.toBeInstanceOf(BootCancelledError);
    await expect(runtime.start('ns/a', { name: 'a', namespace: 'ns' })).rejects.toThrow(
      /already running/,
    );
    await runtime.stopAll();
    await expect(first).rejects.toThrow(/did not come up/);
  });

  it('refuses names the kernel command line cannot carry', async () => {
    const runtime = make({ binary: fakeQemu(), image: undefined });
    await expect(
      runtime.start('ns/Bad Name', { name: 'Bad Name', namespace: 'ns' }),
    ).rejects.toThrow(/vm.name/);
  });

  it('removes the run directories it made itself', async () => {
    const runtime = new QemuRuntime();
    const runDir = runtime.runDirFor('ns/vm');
    const base = join(runDir, '..');
    expect(existsSync(base)).toBe(true);
    await runtime.stopAll();
    expect(existsSync(base)).toBe(false);
  });
});
