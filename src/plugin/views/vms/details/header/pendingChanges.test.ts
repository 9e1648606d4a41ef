import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { VirtualMachine } from '../../../../api/types';
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

  it('names a changed boot order, even when the devices are the same', () => {
    const vm = makeVm();
    const vmi = makeVmi();
    const devices = vm.spec!.template!.spec!.domain.devices;
    devices.disks = [{ name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 2 }];
    devices.interfaces = [{ name: 'default', masquerade: {}, bootOrder: 1 }];
    vmi.spec.domain.devices.disks = [{ name: 'rootdisk', disk: { bus: 'virtio' }, bootOrder: 1 }];
    vmi.spec.domain.devices.interfaces = [{ name: 'default', masquerade: {}, bootOrder: 2 }];
    expect(pendingChanges(t, vm, vmi)).toEqual(['Boot order']);
  });

  it('leaves out disks hot-plugged live and interfaces being unplugged', () => {
    const vm = makeVm();
    const vmi = makeVmi();
    const spec = vm.spec!.template!.spec!;
    vmi.spec.domain.devices.disks = [
      ...(vmi.spec.domain.devices.disks ?? []),
      { name: 'scratch', disk: { bus: 'scsi' } },
    ];
    vmi.spec.volumes = [
      ...(vmi.spec.volumes ?? []),
      { name: 'scratch', persistentVolumeClaim: { claimName: 'scratch', hotpluggable: true } },
    ];
    spec.domain.devices.interfaces = [
      ...(spec.domain.devices.interfaces ?? []),
      { name: 'lab', bridge: {}, state: 'absent' } as never,
    ];
    spec.networks = [...(spec.networks ?? []), { name: 'lab', multus: { networkName: 'lab' } }];
    vmi.spec.networks = spec.networks;
    expect(pendingChanges(t, vm, vmi)).toEqual([]);
  });

  it('names a changed instance type or preference, from what the VMI says it started with', () => {
    const typed = (instancetype: object, preference?: object) =>
      makeVm({ spec: { ...makeVm().spec, instancetype, preference } as VirtualMachine['spec'] });
    const vmi = makeVmi({
      metadata: {
        ...makeVmi().metadata,
        annotations: {
          'kubevirt.io/cluster-instancetype-name': 'u1.medium',
          'kubevirt.io/cluster-preference-name': 'fedora',
        },
      },
    });
    const fedora = { name: 'fedora' };
    expect(pendingChanges(t, typed({ name: 'u1.medium' }, fedora), vmi)).toEqual([]);
    expect(pendingChanges(t, typed({ name: 'u1.large' }, fedora), vmi)).toEqual(['Instance type']);
    // The same name as a namespaced kind (virtctl writes kinds lower-case) is another type.
    expect(
      pendingChanges(
        t,
        typed({ kind: 'virtualmachineinstancetype', name: 'u1.medium' }, fedora),
        vmi,
      ),
    ).toEqual(['Instance type']);
    expect(pendingChanges(t, typed({ name: 'u1.medium' }), vmi)).toEqual(['Preference']);
    // A VMI that records no type says nothing about them.
    expect(pendingChanges(t, typed({ name: 'u1.large' }, fedora), makeVmi())).toEqual([]);
  });
});
