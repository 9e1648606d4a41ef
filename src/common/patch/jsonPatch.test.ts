import { describe, expect, it } from 'vitest';
import { applyJSONPatch, MAX_JSON_PATCH_OPERATIONS, PatchError } from './jsonPatch';

const pod = () => ({
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { containers: [{ name: 'a' }, { name: 'b' }] },
});

/** The PatchError thrown by fn, so a test can check its message and code. */
const failure = (fn: () => unknown): PatchError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof PatchError) return err;
    throw err;
  }
  throw new Error('expected a PatchError');
};

describe('applyJSONPatch', () => {
  it('adds a member, inserts into an array and appends with "-"', () => {
    const out = applyJSONPatch(pod(), [
      { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      { op: 'add', path: '/spec/containers/1', value: { name: 'mid' } },
      { op: 'add', path: '/spec/containers/-', value: { name: 'z' } },
    ]);
    expect(out).toEqual({
      metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
      spec: { containers: [{ name: 'a' }, { name: 'mid' }, { name: 'b' }, { name: 'z' }] },
    });
  });

  it('removes, replaces, moves and copies', () => {
    const out = applyJSONPatch(pod(), [
      { op: 'remove', path: '/spec/containers/0' },
      { op: 'replace', path: '/metadata/name', value: 'api' },
      { op: 'copy', from: '/metadata/name', path: '/metadata/labels/name' },
      { op: 'move', from: '/metadata/labels/app', path: '/metadata/labels/was' },
    ]);
    expect(out).toEqual({
      metadata: { name: 'api', labels: { name: 'api', was: 'web' } },
      spec: { containers: [{ name: 'b' }] },
    });
  });

  it('unescapes ~1 to "/" and ~0 to "~" in paths', () => {
    const out = applyJSONPatch({ metadata: { annotations: { 'a/b': '1' } } }, [
      { op: 'replace', path: '/metadata/annotations/a~1b', value: '2' },
      { op: 'add', path: '/metadata/annotations/c~0d', value: '3' },
      { op: 'add', path: '/metadata/annotations/~01', value: '4' },
    ]);
    expect(out).toEqual({ metadata: { annotations: { 'a/b': '2', 'c~d': '3', '~1': '4' } } });
  });

  it('passes a test operation that matches, whatever the key order', () => {
    const out = applyJSONPatch(pod(), [
      { op: 'test', path: '/spec/containers/0', value: { name: 'a' } },
      { op: 'test', path: '/metadata', value: { labels: { app: 'web' }, name: 'web' } },
    ]);
    expect(out).toEqual(pod());
  });

  it('rejects a failed test, naming the op, the path and both values', () => {
    const err = failure(() =>
      applyJSONPatch(pod(), [{ op: 'test', path: '/metadata/name', value: 'api' }]),
    );
    expect(err.code).toBe(422);
    expect(err.message).toContain('test operation ops[0] on path "/metadata/name"');
    expect(err.message).toContain('the value is "web", expected "api"');
  });

  it('never modifies the document or the operations', () => {
    const doc = pod();
    const ops = [
      { op: 'add', path: '/spec/extra', value: { list: [1] } },
      { op: 'add', path: '/spec/extra/list/-', value: 2 },
      { op: 'remove', path: '/metadata/labels' },
    ];
    const before = structuredClone({ doc, ops });
    applyJSONPatch(doc, ops);
    expect({ doc, ops }).toEqual(before);
  });

  it('applies all or nothing: a later failure leaves the input untouched', () => {
    const doc = pod();
    expect(() =>
      applyJSONPatch(doc, [
        { op: 'remove', path: '/metadata/labels' },
        { op: 'remove', path: '/metadata/nope' },
      ]),
    ).toThrow(PatchError);
    expect(doc).toEqual(pod());
  });

  it('replaces the whole document at the empty path', () => {
    expect(applyJSONPatch(pod(), [{ op: 'replace', path: '', value: { a: 1 } }])).toEqual({ a: 1 });
    expect(applyJSONPatch(pod(), [{ op: 'add', path: '', value: [1] }])).toEqual([1]);
  });

  it('accepts null as a value', () => {
    expect(applyJSONPatch({ a: 1 }, [{ op: 'replace', path: '/a', value: null }])).toEqual({
      a: null,
    });
  });

  it('counts negative indices from the end, as Kubernetes does', () => {
    const out = applyJSONPatch({ l: [1, 2, 3] }, [
      { op: 'remove', path: '/l/-1' },
      { op: 'add', path: '/l/-1', value: 9 },
    ]);
    expect(out).toEqual({ l: [1, 2, 9] });
  });

  it.each([
    [
      'add under a missing parent',
      { op: 'add', path: '/spec/x/y', value: 1 },
      '"/spec/x" does not exist',
    ],
    [
      'replace a missing member',
      { op: 'replace', path: '/spec/x', value: 1 },
      '"/spec/x" does not exist',
    ],
    [
      'remove a missing member',
      { op: 'remove', path: '/metadata/nope' },
      '"/metadata/nope" does not exist',
    ],
    [
      'remove past the end',
      { op: 'remove', path: '/spec/containers/2' },
      'index 2 is out of range for an array of length 2',
    ],
    [
      'add past the end',
      { op: 'add', path: '/spec/containers/3', value: {} },
      'index 3 is out of range',
    ],
    [
      'replace with "-"',
      { op: 'replace', path: '/spec/containers/-', value: {} },
      'can only be used to add',
    ],
    [
      'index with a leading zero',
      { op: 'remove', path: '/spec/containers/01' },
      '"01" is not an array index',
    ],
    [
      'step into a string',
      { op: 'add', path: '/metadata/name/x', value: 1 },
      '"/metadata/name" is string, not an object or array',
    ],
    [
      'move from a missing path',
      { op: 'move', from: '/nope', path: '/x' },
      '"/nope" does not exist',
    ],
    [
      'move into its own child',
      { op: 'move', from: '/spec', path: '/spec/x' },
      'cannot be moved into one of its own children',
    ],
    [
      'copy from a missing path',
      { op: 'copy', from: '/spec/nope', path: '/x' },
      '"/spec/nope" does not exist',
    ],
    ['remove the root', { op: 'remove', path: '' }, 'the document root cannot be removed'],
  ])('rejects: %s, with 422 and a message naming why', (_, op, why) => {
    const err = failure(() => applyJSONPatch(pod(), [op]));
    expect(err.code).toBe(422);
    expect(err.message).toContain(`${op.op} operation ops[0] on path "${op.path}"`);
    expect(err.message).toContain(why);
  });

  it.each([
    ['ops that are not an array', { op: 'add' }, 'must be an array of operations, not object'],
    [
      'an operation that is not an object',
      ['add'],
      'ops[0] is invalid: an operation must be an object',
    ],
    ['an unknown op', [{ op: 'merge', path: '/a' }], 'unexpected kind "merge"'],
    ['a missing op', [{ path: '/a' }], '"op" is missing'],
    ['a missing path', [{ op: 'remove' }], '"remove" needs "path"'],
    ['a missing from', [{ op: 'move', path: '/a' }], '"move" needs "from"'],
    ['a missing value', [{ op: 'add', path: '/a' }], '"add" needs "value"'],
    ['a path without a leading slash', [{ op: 'remove', path: 'a' }], 'is not a JSON pointer'],
    ['a bad ~ escape', [{ op: 'remove', path: '/a~2' }], 'has a "~" that is not "~0" or "~1"'],
  ])('rejects %s as a bad request (400)', (_, ops, why) => {
    const err = failure(() => applyJSONPatch({ a: 1 }, ops));
    expect(err.code).toBe(400);
    expect(err.message).toContain(why);
  });

  it('refuses more operations than kube-apiserver allows, with 413', () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({
      op: 'test',
      path: '',
      value: {},
    }));
    const err = failure(() => applyJSONPatch({}, ops));
    expect(err.code).toBe(413);
    expect(err.message).toBe('The allowed maximum operations in a JSON patch is 10000, got 10001');
  });

  it('treats "__proto__" as an ordinary key', () => {
    const out = applyJSONPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
