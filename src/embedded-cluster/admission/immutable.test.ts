import { checkImmutableFields, getAtPointer, pointerToFieldPath } from './immutable';

const pvc = (storageClassName: unknown, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'disk', labels: { a: 'b' } },
  spec: { storageClassName, accessModes: ['ReadWriteOnce'], ...extra },
});

describe('checkImmutableFields', () => {
  it('returns nothing when the immutable fields are unchanged, even if others change', () => {
    const before = pvc('standard');
    const after = { ...pvc('standard'), metadata: { name: 'disk', labels: { a: 'c' } } };
    expect(
      checkImmutableFields(before, after, ['/spec/storageClassName', '/spec/accessModes']),
    ).toEqual([]);
  });

  it('reports each changed field as FieldValueInvalid "field is immutable" at its kube path', () => {
    const causes = checkImmutableFields(
      pvc('standard'),
      pvc('fast', { accessModes: ['ReadWriteMany'] }),
      ['/spec/storageClassName', '/spec/accessModes/0'],
    );
    expect(causes).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.storageClassName',
        message: 'Invalid value: "fast": field is immutable',
      },
      {
        type: 'FieldValueInvalid',
        field: 'spec.accessModes[0]',
        message: 'Invalid value: "ReadWriteMany": field is immutable',
      },
    ]);
  });

  it('treats adding or removing a field as a change', () => {
    const added = checkImmutableFields(pvc(undefined), pvc('fast'), ['/spec/storageClassName']);
    expect(added[0]?.message).toBe('Invalid value: "fast": field is immutable');
    const removed = checkImmutableFields(pvc('fast'), pvc(undefined), ['/spec/storageClassName']);
    expect(removed[0]?.message).toBe('Invalid value: null: field is immutable');
  });

  it('compares objects deeply regardless of key order', () => {
    const a = { spec: { selector: { matchLabels: { x: '1', y: '2' } } } };
    const b = { spec: { selector: { matchLabels: { y: '2', x: '1' } } } };
    expect(checkImmutableFields(a, b, ['/spec/selector'])).toEqual([]);
    const c = { spec: { selector: { matchLabels: { x: '1' } } } };
    expect(checkImmutableFields(a, c, ['/spec/selector'])[0]?.field).toBe('spec.selector');
  });
});

describe('JSON pointers', () => {
  it('unescapes ~1 and ~0 and maps indexes to brackets', () => {
    expect(pointerToFieldPath('/metadata/annotations/a~1b~0c')).toBe('metadata.annotations.a/b~c');
    expect(pointerToFieldPath('/spec/disks/0/name')).toBe('spec.disks[0].name');
    expect(getAtPointer({ a: [{ 'x/y': 1 }] }, '/a/0/x~1y')).toBe(1);
    expect(getAtPointer({ a: 1 }, '/a/b')).toBeUndefined();
  });
});
