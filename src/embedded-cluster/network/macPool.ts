// MAC addresses as KubeMacPool hands them out: from a range of locally administered unicast
// addresses (`02:…`), each used once across all VirtualMachines. Pure: the caller says which
// addresses are taken.
import { createHash } from 'node:crypto';

const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;
const SPAN = 2 ** 48;

/** Lower-case colon form, or undefined when `value` is not a MAC (`-` separators accepted). */
export const normalizeMac = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const mac = value.trim().toLowerCase().replaceAll('-', ':');
  return MAC.test(mac) ? mac : undefined;
};

export const macToNumber = (mac: string): number => parseInt(mac.replaceAll(':', ''), 16);

export const numberToMac = (value: number): string =>
  (((value % SPAN) + SPAN) % SPAN)
    .toString(16)
    .padStart(12, '0')
    .replace(/(..)(?!$)/g, '$1:');

export interface MacRange {
  start: string;
  end: string;
}

/** The range this cluster's pool allocates from (KubeMacPool's are `02:XX:XX:00:00:00`-wide). */
export const DEFAULT_MAC_RANGE: MacRange = { start: '02:7e:00:00:00:00', end: '02:7e:ff:ff:ff:ff' };

/** A MAC for a guest interface the pool did not assign (standalone VMIs): stable per seed. */
export const stableMac = (seed: string): string => {
  const bytes = createHash('sha256').update(seed).digest();
  return numberToMac(0x02_00_00_00_00_00 + bytes.readUIntBE(0, 5));
};

/**
 * Sequential allocation from the range, as KubeMacPool does: the next free address after the
 * last one handed out, wrapping at the end of the range. The cursor only moves forward, so two
 * allocations that overlap in time never get the same address.
 */
export class MacPool {
  readonly start: number;
  readonly end: number;
  private cursor: number | undefined;

  constructor(range: MacRange = DEFAULT_MAC_RANGE) {
    const start = normalizeMac(range.start);
    const end = normalizeMac(range.end);
    if (!start || !end) throw new RangeError(`invalid MAC range ${range.start}-${range.end}`);
    this.start = macToNumber(start);
    this.end = macToNumber(end);
    if (this.end < this.start) throw new RangeError('MAC range ends before it starts');
  }

  contains(mac: string): boolean {
    const value = macToNumber(mac);
    return value >= this.start && value <= this.end;
  }

  /** The next free address; throws when every address of the range is taken. */
  allocate(used: ReadonlySet<string>): string {
    const size = this.end - this.start + 1;
    // First use: continue after the highest address of the range already taken.
    let cursor = this.cursor;
    if (cursor === undefined) {
      let highest = this.start - 1;
      for (const mac of used) if (this.contains(mac)) highest = Math.max(highest, macToNumber(mac));
      cursor = highest + 1;
    }
    for (let tried = 0; tried < Math.min(size, used.size + 1); tried++) {
      const value: number = this.start + ((cursor - this.start + size) % size);
      cursor = value + 1;
      this.cursor = cursor;
      const mac = numberToMac(value);
      if (!used.has(mac)) return mac;
    }
    throw new Error('Failed to allocate mac to the vm object: the range is full');
  }
}
