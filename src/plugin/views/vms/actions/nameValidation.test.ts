import { describe, expect, it } from 'vitest';
import { t } from './fixtures';
import { generatedCloneName, generatedSnapshotName, validateResourceName } from './nameValidation';

describe('names for clones and snapshots', () => {
  it('accepts DNS-1123 labels only', () => {
    expect(validateResourceName('fedora-clone', t)).toBeUndefined();
    expect(validateResourceName('', t)).toBe('Enter a name.');
    expect(validateResourceName('Fedora', t)).toMatch(/lowercase/);
    expect(validateResourceName('a-', t)).toMatch(/lowercase/);
    expect(validateResourceName('a'.repeat(64), t)).toBe('A name must be at most 63 characters.');
  });

  it('generates valid names, however long the VM name', () => {
    const at = new Date(2025, 0, 2, 3, 4, 5);
    expect(generatedSnapshotName('fedora', at)).toBe('fedora-snapshot-20250102-030405');
    const long = generatedSnapshotName('x'.repeat(80), at);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(validateResourceName(long, t)).toBeUndefined();
    expect(generatedCloneName('fedora')).toBe('fedora-clone');
    expect(validateResourceName(generatedCloneName('y'.repeat(70)), t)).toBeUndefined();
  });
});
