import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './mergePatch';

describe('applyMergePatch', () => {
  it('merges objects recursively and deletes members set to null', () => {
    const doc = { metadata: { name: 'web', labels: { app: 'web', old: 'x' } }, spec: { n: 1 } };
    const out = applyMergePatch(doc, {
      metadata: { labels: { old: null, tier: 'front' } },
      spec: null,
    });
    expect(out).toEqual({ metadata: { name: 'web', labels: { app: 'web', tier: 'front' } } });
  });

  it('replaces arrays wholesale, keeping nulls inside them', () => {
    const out = applyMergePatch(
      { list: [1, 2, 3], o: { l: [{ a: 1 }] } },
      { list: [4, null], o: { l: [] } },
    );
    expect(out).toEqual({ list: [4, null], o: { l: [] } });
  });

  it('replaces the target when the patch is not an object (RFC 7386 examples)', () => {
    expect(applyMergePatch({ a: 'b' }, ['c'])).toEqual(['c']);
    expect(applyMergePatch({ a: 'b' }, null)).toBeNull();
    expect(applyMergePatch({ a: 'b' }, 'x')).toBe('x');
    expect(applyMergePatch({ a: ['b'] }, { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch(['a'], { a: 'b' })).toEqual({ a: 'b' });
  });

  it('strips nulls out of objects the patch adds', () => {
    expect(applyMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(applyMergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
    expect(applyMergePatch({ a: 'x' }, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
  });

  it('never modifies the document or the patch', () => {
    const doc = { a: { b: 1 }, l: [1] };
    const patch = { a: { c: { d: 1 } }, l: [2] };
    const before = structuredClone({ doc, patch });
    const out = applyMergePatch(doc, patch) as { a: { c: { d: number } } };
    out.a.c.d = 99;
    expect({ doc, patch }).toEqual(before);
  });
});
