import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guestDiskHeader, parseGuestDiskHeader, readGuestDiskLabel } from './guestDisk';

describe('guest disk labels', () => {
  it('round-trips the OS and name through the first sector', () => {
    const sector = guestDiskHeader({ os: 'rhel9', name: 'Red Hat Enterprise Linux 9' });
    expect(sector).toHaveLength(512);
    expect(parseGuestDiskHeader(sector)).toEqual({
      os: 'rhel9',
      name: 'Red Hat Enterprise Linux 9',
    });
  });

  it('finds no label on a blank or foreign disk, and refuses a bad OS id', () => {
    expect(parseGuestDiskHeader(Buffer.alloc(512))).toBeUndefined();
    expect(
      parseGuestDiskHeader(Buffer.from('KUBEVIRT-EMBEDDED-GUEST-DISK 1\nos=bad os\n')),
    ).toBeUndefined();
    expect(() => guestDiskHeader({ os: 'a b' })).toThrow(/invalid OS id/);
  });

  it('reads the label of an image file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'guest-disk-'));
    try {
      const file = path.join(dir, 'disk.img');
      writeFileSync(file, Buffer.concat([guestDiskHeader({ os: 'fedora' }), Buffer.alloc(4096)]));
      expect(await readGuestDiskLabel(file)).toEqual({ os: 'fedora' });
      expect(await readGuestDiskLabel(path.join(dir, 'missing.img'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
