import { describe, expect, it } from 'vitest';
import {
  BALLOON_PATH,
  enableGuestStats,
  GuestMemoryViews,
  parseGuestStats,
  readGuestMemory,
} from './guestMemory';

// What QEMU 7.2 answered for the project's guest (128 MiB) with the virtio_balloon driver, and
// without it (every statistic 2^64 - 1, as JSON.parse reads it, and no update yet).
const withDriver = {
  stats: {
    'stat-htlb-pgalloc': 0,
    'stat-swap-out': 0,
    'stat-available-memory': 49201152,
    'stat-htlb-pgfail': 0,
    'stat-free-memory': 42262528,
    'stat-minor-faults': 4629,
    'stat-major-faults': 0,
    'stat-total-memory': 83886080,
    'stat-swap-in': 0,
    'stat-disk-caches': 8474624,
  },
  'last-update': 1795366924,
};
const unset = 18446744073709552000;
const withoutDriver = {
  stats: Object.fromEntries(Object.keys(withDriver.stats).map((key) => [key, unset])),
  'last-update': 0,
};

describe('the balloon statistics', () => {
  it("read as the guest's memory", () => {
    expect(parseGuestStats(withDriver)).toEqual({
      totalBytes: 83886080,
      freeBytes: 42262528,
      usableBytes: 49201152,
      cachedBytes: 8474624,
      swapInBytes: 0,
      swapOutBytes: 0,
      majorFaults: 0,
      minorFaults: 4629,
    });
  });

  it('are nothing while the guest sends none', () => {
    expect(parseGuestStats(withoutDriver)).toBeUndefined();
    expect(parseGuestStats({ ...withoutDriver, 'last-update': 5 })).toBeUndefined();
    expect(parseGuestStats(undefined)).toBeUndefined();
  });

  it('leave out a statistic the guest does not send', () => {
    expect(
      parseGuestStats({ ...withDriver, stats: { ...withDriver.stats, 'stat-swap-in': unset } }),
    ).not.toHaveProperty('swapInBytes');
  });

  it('are asked of the balloon over QMP, and are nothing when there is none', async () => {
    const calls: unknown[][] = [];
    const qmp = {
      execute: async <T>(command: string, args?: Record<string, unknown>) => {
        calls.push([command, args]);
        if (command === 'qom-get') return withDriver as T;
        return {} as T;
      },
    };
    await enableGuestStats(qmp, 5);
    expect(await readGuestMemory(qmp)).toMatchObject({ totalBytes: 83886080 });
    expect(calls).toEqual([
      ['qom-set', { path: BALLOON_PATH, property: 'guest-stats-polling-interval', value: 5 }],
      ['qom-get', { path: BALLOON_PATH, property: 'guest-stats' }],
    ]);
    const none = { execute: async () => Promise.reject(new Error("Device 'balloon0' not found")) };
    expect(await readGuestMemory(none)).toBeUndefined();
  });
});

describe('GuestMemoryViews', () => {
  const memory = { totalBytes: 100, freeBytes: 60 };
  let clock = 0;
  const views = () => new GuestMemoryViews(15_000, () => clock);

  it('waits for a first reading, then lets the RSS stand in for a guest that sends none', () => {
    clock = 0;
    const v = views();
    expect(v.view('a', undefined)).toEqual({ guestMemoryPending: true });
    clock = 14_999;
    expect(v.view('a', undefined)).toEqual({ guestMemoryPending: true });
    clock = 15_000;
    expect(v.view('a', undefined)).toEqual({ guestMemoryPending: false });
    clock = 60_000;
    expect(v.view('a', undefined)).toEqual({ guestMemoryPending: false });
    // A driver loaded later is believed at once.
    expect(v.view('a', memory)).toEqual({ guestMemory: memory });
  });

  it('leaves memory used out, not the RSS, while a guest that sends figures has none', () => {
    clock = 0;
    const v = views();
    expect(v.view('b', memory)).toEqual({ guestMemory: memory });
    clock = 100_000;
    expect(v.view('b', undefined)).toEqual({ guestMemoryPending: true });
    v.gone('b');
    expect(v.view('b', undefined)).toEqual({ guestMemoryPending: true });
  });
});
