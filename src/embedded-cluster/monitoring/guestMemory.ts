// The guest's own view of its memory, from the virtio-balloon statistics its driver reports
// (QMP `qom-get` of the balloon's `guest-stats`), as libvirt hands them to KubeVirt.

/** What KubeVirt's memory series are made of; bytes, except the fault counts. */
export interface GuestMemory {
  /** MemTotal: `kubevirt_vmi_memory_available_bytes`. */
  totalBytes: number;
  /** MemFree: `kubevirt_vmi_memory_unused_bytes`. */
  freeBytes: number;
  /** MemAvailable: `kubevirt_vmi_memory_usable_bytes`. */
  usableBytes?: number;
  /** Buffers + Cached + SwapCached: `kubevirt_vmi_memory_cached_bytes`. */
  cachedBytes?: number;
  swapInBytes?: number;
  swapOutBytes?: number;
  majorFaults?: number;
  minorFaults?: number;
}

export interface Qmp {
  execute<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T>;
}

/** The balloon device's QOM path (`-device virtio-balloon-pci,id=balloon0`). */
export const BALLOON_PATH = '/machine/peripheral/balloon0';

/** QEMU reports a statistic the guest did not send as 2^64 - 1. */
const value = (stats: Record<string, unknown>, name: string): number | undefined => {
  const raw = stats[name];
  return typeof raw === 'number' && raw >= 0 && raw < 2 ** 63 ? raw : undefined;
};

/**
 * The figures in a `guest-stats` answer, or undefined while the guest has sent none (no
 * virtio_balloon driver, or polling just switched on).
 */
export const parseGuestStats = (answer: unknown): GuestMemory | undefined => {
  const { stats, 'last-update': lastUpdate } = (answer ?? {}) as {
    stats?: Record<string, unknown>;
    'last-update'?: number;
  };
  if (!stats || !lastUpdate) return undefined;
  const totalBytes = value(stats, 'stat-total-memory');
  const freeBytes = value(stats, 'stat-free-memory');
  if (totalBytes === undefined || freeBytes === undefined) return undefined;
  const optional = {
    usableBytes: value(stats, 'stat-available-memory'),
    cachedBytes: value(stats, 'stat-disk-caches'),
    swapInBytes: value(stats, 'stat-swap-in'),
    swapOutBytes: value(stats, 'stat-swap-out'),
    majorFaults: value(stats, 'stat-major-faults'),
    minorFaults: value(stats, 'stat-minor-faults'),
  };
  return {
    totalBytes,
    freeBytes,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
};

/** Asks the guest's balloon driver for statistics every `seconds` (KubeVirt polls every 10 s). */
export const enableGuestStats = (qmp: Qmp, seconds: number) =>
  qmp.execute('qom-set', {
    path: BALLOON_PATH,
    property: 'guest-stats-polling-interval',
    value: seconds,
  });

/** The latest statistics; undefined when the guest sends none or there is no balloon. */
export const readGuestMemory = (qmp: Qmp): Promise<GuestMemory | undefined> =>
  qmp
    .execute('qom-get', { path: BALLOON_PATH, property: 'guest-stats' })
    .then(parseGuestStats, () => undefined);

/**
 * Which guests send balloon statistics: unknown until one does, or until it has not for
 * `graceMs` after its first reading (then the RSS stands in for memory used). Until then, and
 * while one that sends them has none (a migration target's first seconds), memory used is left
 * out rather than shown as the RSS in between.
 */
export class GuestMemoryViews {
  private readonly guests = new Map<string, { since: number; sends?: boolean }>();

  constructor(
    private readonly graceMs = 15_000,
    private readonly now = () => Date.now(),
  ) {}

  /** The guest stopped: a new start is judged afresh. */
  gone(key: string) {
    this.guests.delete(key);
  }

  view(
    key: string,
    memory: GuestMemory | undefined,
  ): { guestMemory: GuestMemory } | { guestMemoryPending: boolean } {
    let guest = this.guests.get(key);
    if (!guest) this.guests.set(key, (guest = { since: this.now() }));
    if (memory) {
      guest.sends = true;
      return { guestMemory: memory };
    }
    if (guest.sends === undefined && this.now() - guest.since >= this.graceMs) guest.sends = false;
    return { guestMemoryPending: guest.sends !== false };
  }
}
