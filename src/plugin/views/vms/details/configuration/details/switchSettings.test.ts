import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import { SWITCH_SETTINGS } from './switchSettings';

const setting = (id: string) => SWITCH_SETTINGS.find((entry) => entry.id === id)!;

describe('switch settings', () => {
  it('start in paused mode is startStrategy Paused, absent when off', () => {
    const vm = makeVm();
    expect(setting('startPaused').isOn(vm)).toBe(false);
    expect(setting('startPaused').ops(vm, true)).toEqual([
      { op: 'add', path: '/spec/template/spec/startStrategy', value: 'Paused' },
    ]);
    vm.spec!.template!.spec!.startStrategy = 'Paused';
    expect(setting('startPaused').isOn(vm)).toBe(true);
    expect(setting('startPaused').ops(vm, false)).toEqual([
      { op: 'test', path: '/spec/template/spec/startStrategy', value: 'Paused' },
      { op: 'remove', path: '/spec/template/spec/startStrategy' },
    ]);
  });

  it('headless mode is autoattachGraphicsDevice false', () => {
    expect(setting('headless').ops(makeVm(), true)).toEqual([
      {
        op: 'add',
        path: '/spec/template/spec/domain/devices/autoattachGraphicsDevice',
        value: false,
      },
    ]);
  });

  it('guest log access is an explicit true or false', () => {
    const vm = makeVm();
    expect(setting('guestLog').isUnset!(vm)).toBe(true);
    expect(setting('guestLog').ops(vm, false)).toEqual([
      { op: 'add', path: '/spec/template/spec/domain/devices/logSerialConsole', value: false },
    ]);
  });

  it('deletion protection is a label, escaped in the pointer', () => {
    const vm = makeVm();
    expect(setting('deleteProtection').ops(vm, true)).toEqual([
      { op: 'add', path: '/metadata/labels/kubevirt.io~1vm-delete-protection', value: 'True' },
    ]);
    vm.metadata!.labels!['kubevirt.io/vm-delete-protection'] = 'True';
    expect(setting('deleteProtection').isOn(vm)).toBe(true);
    expect(setting('deleteProtection').ops(vm, false)).toEqual([
      { op: 'test', path: '/metadata/labels/kubevirt.io~1vm-delete-protection', value: 'True' },
      { op: 'remove', path: '/metadata/labels/kubevirt.io~1vm-delete-protection' },
    ]);
  });
});
