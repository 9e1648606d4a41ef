import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { makeVm, makeVmi } from '../testSupport';
import { pendingChanges } from './pendingChanges';

const t = i18next.t.bind(i18next);

describe('pendingChanges', () => {
  it('names the settings that differ from the running instance', () => {
    const vm = makeVm();
    const spec = vm.spec!.template!.spec!;
    spec.domain.memory = { guest: '4Gi' };
    spec.domain.devices.disks = [...spec.domain.devices.disks!, { name: 'data', disk: {} }];
    spec.nodeSelector = { zone: 'a' };
    expect(pendingChanges(t, vm, makeVmi())).toEqual(['Memory', 'Disks', 'Node selector']);
  });

  it('ignores what the VM leaves to defaults and key order', () => {
    const vm = makeVm();
    vm.spec!.template!.spec!.domain.cpu = { cores: 2, sockets: 1 };
    expect(pendingChanges(t, vm, makeVmi())).toEqual([]);
    expect(pendingChanges(t, vm, undefined)).toEqual([]);
  });
});
