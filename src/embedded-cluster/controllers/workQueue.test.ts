import { describe, expect, it } from 'vitest';
import { WorkQueue } from './workQueue';

describe('WorkQueue', () => {
  it('lets the event loop run while a reconcile keeps re-adding itself without I/O', async () => {
    let rounds = 0;
    const queue: WorkQueue = new WorkQueue(async (key) => {
      rounds++;
      queue.add(key); // a controller that wrongly requeues at once, with nothing awaited
    });
    queue.add('spin');
    // Were the loop starved, this timer would never fire and the test would hang.
    await new Promise((resolve) => setTimeout(resolve, 50));
    queue.stop();
    await queue.idle();
    expect(rounds).toBeGreaterThan(1);
  });

  it('reconciles nothing after stop, even when stopped while yielding', async () => {
    const seen: unknown[] = [];
    const queue: WorkQueue = new WorkQueue(async (key) => {
      seen.push(key);
      queue.add(key);
    });
    queue.add('a');
    await new Promise((resolve) => setTimeout(resolve, 30));
    queue.stop();
    await queue.idle();
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen.length).toBe(count);
    expect(seen.every((key) => key === 'a')).toBe(true);
  });
});
