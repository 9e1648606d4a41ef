import { BootCancelledError, type BootOutcome, BootQueue } from './bootQueue';
import { SerialHub } from './serialHub';

/** A stand-in VM: a serial hub fed by the test and an exit promise. */
const fakeVm = () => {
  let exit!: () => void;
  const exited = new Promise<void>((resolve) => {
    exit = resolve;
  });
  return { serial: new SerialHub('/nonexistent'), exited, exit };
};

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('BootQueue', () => {
  it('boots at most `concurrency` at once and releases a slot on the prompt', async () => {
    const queue = new BootQueue({ concurrency: 2, timeoutMs: 5_000 });
    const vms = [fakeVm(), fakeVm(), fakeVm()];
    const started: number[] = [];
    const outcomes: BootOutcome[] = [];
    const boots = vms.map((vm, index) =>
      queue.boot(
        async () => {
          started.push(index);
          return vm;
        },
        { onBooted: (how) => outcomes.push(how) },
      ),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(queue.active).toBe(2);
    expect(queue.waiting).toBe(1);
    vms[1]!.serial.push(Buffer.from('Welcome\r\n[vm-b]# \x1b[6n'));
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(outcomes).toEqual(['prompt']);
    await Promise.all(boots);
    vms[0]!.exit();
    await tick();
    expect(outcomes).toEqual(['prompt', 'exit']);
    expect(queue.active).toBe(1);
  });

  it('uses a custom prompt and releases on timeout', async () => {
    const queue = new BootQueue({ concurrency: 1, timeoutMs: 40, prompt: /login: / });
    const first = fakeVm();
    const second = fakeVm();
    const outcomes: BootOutcome[] = [];
    await queue.boot(async () => first, { onBooted: (how) => outcomes.push(how) });
    const secondStarted = queue.boot(async () => second, {
      onBooted: (how) => outcomes.push(how),
    });
    second.serial.push(Buffer.from('login: '));
    await secondStarted; // waits for the first one's 40 ms timeout
    await tick();
    expect(outcomes).toEqual(['timeout', 'prompt']);
    expect(queue.active).toBe(0);
  });

  it('releases the slot when start fails', async () => {
    const queue = new BootQueue({ concurrency: 1 });
    await expect(
      queue.boot(async () => {
        throw new Error('qemu: bad option');
      }),
    ).rejects.toThrow('bad option');
    expect(queue.active).toBe(0);
  });

  it('takes a cancelled waiter out of the queue', async () => {
    const queue = new BootQueue({ concurrency: 1, timeoutMs: 5_000 });
    const vm = fakeVm();
    await queue.boot(async () => vm);
    const abort = new AbortController();
    let ran = false;
    const waiting = queue.boot(
      async () => {
        ran = true;
        return fakeVm();
      },
      { signal: abort.signal },
    );
    expect(queue.waiting).toBe(1);
    abort.abort();
    await expect(waiting).rejects.toBeInstanceOf(BootCancelledError);
    expect(queue.waiting).toBe(0);
    vm.exit();
    await tick();
    expect(ran).toBe(false);
    expect(queue.active).toBe(0);
    await expect(queue.acquire(abort.signal)).rejects.toBeInstanceOf(BootCancelledError);
  });

  it('release functions are idempotent', async () => {
    const queue = new BootQueue({ concurrency: 1 });
    const release = await queue.acquire();
    release();
    release();
    expect(queue.active).toBe(0);
    const again = await queue.acquire();
    expect(queue.active).toBe(1);
    again();
  });
});
