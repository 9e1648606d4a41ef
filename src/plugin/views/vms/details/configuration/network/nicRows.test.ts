import { describe, expect, it } from 'vitest';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../../api/types';
import { makeVm, makeVmi } from '../../testSupport';
import { interfaceRows } from './nicRows';
import type { Interface, Network } from './nicRows';

const withNics = (interfaces: Interface[], networks: Network[]): VirtualMachine => {
  const vm = makeVm();
  const spec = vm.spec?.template?.spec;
  if (spec?.domain?.devices) spec.domain.devices.interfaces = interfaces;
  if (spec) spec.networks = networks;
  return vm;
};

const instance = (
  interfaces: Interface[],
  networks: Network[],
  statuses: NonNullable<NonNullable<VirtualMachineInstance['status']>['interfaces']>,
): VirtualMachineInstance => {
  const vmi = makeVmi();
  if (vmi.spec?.domain?.devices) vmi.spec.domain.devices.interfaces = interfaces;
  if (vmi.spec) vmi.spec.networks = networks;
  if (vmi.status) vmi.status.interfaces = statuses;
  return vmi;
};

const POD: Interface = { name: 'default', masquerade: {}, model: 'virtio' };
const POD_NET: Network = { name: 'default', pod: {} };
const BR: Interface = {
  name: 'nic-br',
  bridge: {},
  model: 'virtio',
  macAddress: '02:00:00:00:00:10',
};
const BR_NET: Network = { name: 'nic-br', multus: { networkName: 'br1' } };
const VF: Interface = { name: 'nic-vf', sriov: {} };
const VF_NET: Network = { name: 'nic-vf', multus: { networkName: 'default/sriov-net' } };

describe('interfaceRows', () => {
  it('joins interfaces with networks and the running guest (IPs, guest name, link state)', () => {
    const vm = withNics([POD, BR, VF], [POD_NET, BR_NET, VF_NET]);
    const vmi = instance(
      [POD, BR, VF],
      [POD_NET, BR_NET, VF_NET],
      [
        {
          name: 'default',
          interfaceName: 'eth0',
          ipAddresses: ['10.0.2.15', 'fd10::2'],
          mac: '02:00:00:00:00:01',
          linkState: 'up',
        },
        {
          name: 'nic-br',
          interfaceName: 'eth1',
          ipAddress: '192.168.1.5',
          mac: '02:00:00:00:00:10',
        },
        { name: 'nic-vf', interfaceName: 'eth2', mac: '02:00:00:00:00:20' },
      ],
    );
    const rows = interfaceRows(vm, vmi);
    expect(rows.map((r) => [r.name, r.model, r.binding, r.network, r.mac])).toEqual([
      ['default', 'virtio', 'masquerade', { kind: 'pod' }, '02:00:00:00:00:01'],
      ['nic-br', 'virtio', 'bridge', { kind: 'multus', ref: 'demo/br1' }, '02:00:00:00:00:10'],
      [
        'nic-vf',
        undefined,
        'sriov',
        { kind: 'multus', ref: 'default/sriov-net' },
        '02:00:00:00:00:20',
      ],
    ]);
    expect(rows[0]).toMatchObject({
      guestName: 'eth0',
      ips: ['10.0.2.15', 'fd10::2'],
      linkState: 'up',
      state: 'up',
      attached: true,
      pendingRestart: false,
      source: 'template',
    });
    expect(rows[1]?.ips).toEqual(['192.168.1.5']);
  });

  it('reads the configured state: down and absent', () => {
    const rows = interfaceRows(
      withNics(
        [
          { ...POD, state: 'down' },
          { ...BR, state: 'absent' },
        ],
        [POD_NET, BR_NET],
      ),
    );
    expect(rows.map((r) => r.state)).toEqual(['down', 'absent']);
  });

  it('shows the pod NIC KubeVirt adds to a VM that declares none', () => {
    const rows = interfaceRows(withNics([], []));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'default', binding: 'masquerade', source: 'default' });
    const off = withNics([], []);
    if (off.spec?.template?.spec?.domain?.devices)
      off.spec.template.spec.domain.devices.autoattachPodInterface = false;
    expect(interfaceRows(off)).toEqual([]);
  });

  it('marks a bridge NIC added to a running VM as being hot-plugged, an SR-IOV one as pending restart', () => {
    const vm = withNics([POD, BR, VF], [POD_NET, BR_NET, VF_NET]);
    const vmi = instance([POD], [POD_NET], [{ name: 'default', interfaceName: 'eth0' }]);
    const [pod, br, vf] = interfaceRows(vm, vmi);
    expect(pod).toMatchObject({ pendingRestart: false, hotplug: undefined });
    expect(br).toMatchObject({ hotplug: 'plugging', pendingRestart: false, attached: false });
    expect(vf).toMatchObject({ hotplug: undefined, pendingRestart: true });
  });

  it('marks an e1000e bridge NIC added live as pending restart (only virtio is hot-plugged)', () => {
    const vm = withNics([POD, { ...BR, model: 'e1000e' }], [POD_NET, BR_NET]);
    const vmi = instance([POD], [POD_NET], [{ name: 'default' }]);
    expect(interfaceRows(vm, vmi)[1]).toMatchObject({ hotplug: undefined, pendingRestart: true });
  });

  it('marks a NIC whose model, MAC or network changed as pending restart', () => {
    const vmi = instance([POD, BR], [POD_NET, BR_NET], [{ name: 'default' }, { name: 'nic-br' }]);
    const changedModel = withNics([{ ...POD, model: 'e1000e' }, BR], [POD_NET, BR_NET]);
    expect(interfaceRows(changedModel, vmi).map((r) => r.pendingRestart)).toEqual([true, false]);
    const changedNetwork = withNics(
      [POD, BR],
      [POD_NET, { name: 'nic-br', multus: { networkName: 'br2' } }],
    );
    expect(interfaceRows(changedNetwork, vmi).map((r) => r.pendingRestart)).toEqual([false, true]);
    const sameNetworkSpelledOut = withNics(
      [POD, BR],
      [POD_NET, { name: 'nic-br', multus: { networkName: 'demo/br1' } }],
    );
    expect(interfaceRows(sameNetworkSpelledOut, vmi).map((r) => r.pendingRestart)).toEqual([
      false,
      false,
    ]);
    const changedMac = withNics(
      [POD, { ...BR, macAddress: '02:00:00:00:00:99' }],
      [POD_NET, BR_NET],
    );
    expect(interfaceRows(changedMac, vmi)[1]?.pendingRestart).toBe(true);
  });

  it('marks an absent bridge NIC still attached as being unplugged, and lists a NIC only the instance has', () => {
    const vm = withNics([POD, { ...BR, state: 'absent' }], [POD_NET, BR_NET]);
    const vmi = instance(
      [POD, BR, VF],
      [POD_NET, BR_NET, VF_NET],
      [{ name: 'default' }, { name: 'nic-br' }, { name: 'nic-vf' }],
    );
    const rows = interfaceRows(vm, vmi);
    expect(rows.map((r) => [r.name, r.source, r.hotplug, r.pendingRestart])).toEqual([
      ['default', 'template', undefined, false],
      ['nic-br', 'template', 'unplugging', false],
      ['nic-vf', 'instance', undefined, true],
    ]);
    expect(rows[2]?.network).toEqual({ kind: 'multus', ref: 'default/sriov-net' });
  });

  it('shows no pending state on a stopped VM', () => {
    const rows = interfaceRows(withNics([POD, BR], [POD_NET, BR_NET]));
    expect(rows.every((r) => !r.pendingRestart && !r.hotplug && !r.attached)).toBe(true);
  });
});
