import { describe, expect, it } from 'vitest';
import { DEVICES, pointer, setAt, setManyAt, valueAt } from './vmPatch';

const vm = {
  metadata: { labels: { 'a/b': 'x' } },
  spec: {
    template: {
      spec: { domain: { devices: { disks: [{ name: 'root' }] } }, hostname: 'old' },
    },
  },
};

describe('pointer', () => {
  it('escapes ~ and / in tokens', () => {
    expect(pointer(['metadata', 'labels', 'a/b~c'])).toBe('/metadata/labels/a~1b~0c');
    expect(pointer(['spec', 'x', 0])).toBe('/spec/x/0');
  });
});

describe('setAt', () => {
  it('tests the old value before replacing it', () => {
    expect(setAt(vm, ['spec', 'template', 'spec', 'hostname'], 'new')).toEqual([
      { op: 'test', path: '/spec/template/spec/hostname', value: 'old' },
      { op: 'replace', path: '/spec/template/spec/hostname', value: 'new' },
    ]);
  });

  it('adds the first missing parent with the rest of the path inside', () => {
    expect(setAt(vm, [...DEVICES, 'interfaces'], [{ name: 'nic' }])).toEqual([
      {
        op: 'add',
        path: '/spec/template/spec/domain/devices/interfaces',
        value: [{ name: 'nic' }],
      },
    ]);
    expect(setAt(vm, ['spec', 'template', 'spec', 'domain', 'firmware', 'bootloader'], {})).toEqual(
      [{ op: 'add', path: '/spec/template/spec/domain/firmware', value: { bootloader: {} } }],
    );
  });

  it('removes a value given as undefined, and does nothing when it is not there', () => {
    expect(setAt(vm, ['metadata', 'labels', 'a/b'], undefined)).toEqual([
      { op: 'test', path: '/metadata/labels/a~1b', value: 'x' },
      { op: 'remove', path: '/metadata/labels/a~1b' },
    ]);
    expect(setAt(vm, ['metadata', 'annotations', 'x'], undefined)).toEqual([]);
  });

  it('sends nothing for an unchanged value', () => {
    expect(setAt(vm, [...DEVICES, 'disks'], [{ name: 'root' }])).toEqual([]);
  });

  it('chains several changes', () => {
    const ops = setManyAt(vm, [
      [['spec', 'template', 'spec', 'hostname'], undefined],
      [['spec', 'runStrategy'], 'Halted'],
    ]);
    expect(ops.map((op) => op.op)).toEqual(['test', 'remove', 'add']);
    expect(valueAt(vm, [...DEVICES, 'disks', 0, 'name'])).toBe('root');
  });
});
