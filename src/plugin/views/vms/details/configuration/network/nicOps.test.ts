import { describe, expect, it } from 'vitest';
import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { makeVm } from '../../testSupport';
import { addNicOps, editNicOps, removeNicOps, setNicStateOps } from './nicOps';
import type { Interface, Network } from './nicRows';

const IFACES = '/spec/template/spec/domain/devices/interfaces';
const NETS = '/spec/template/spec/networks';

const withNics = (interfaces?: Interface[], networks?: Network[]): VirtualMachine => {
  const vm = makeVm();
  const spec = vm.spec?.template?.spec;
  if (spec?.domain?.devices) spec.domain.devices.interfaces = interfaces;
  if (spec) spec.networks = networks;
  return vm;
};

/** The values the patch replaces or adds at `path`. */
const written = (ops: JsonPatchOp[], path: string) =>
  ops.find((op) => op.path === path && (op.op === 'replace' || op.op === 'add')) as
    { value: unknown } | undefined;

const POD: Interface = { name: 'default', masquerade: {}, model: 'virtio', ports: [{ port: 80 }] };
const POD_NET: Network = { name: 'default', pod: {} };

describe('nic ops', () => {
  it('adds a bridge NIC on a NAD of the VM namespace, testing the arrays it replaces', () => {
    const vm = withNics([POD], [POD_NET]);
    const ops = addNicOps(vm, {
      name: 'nic-1',
      model: 'virtio',
      network: 'demo/br1',
      binding: 'bridge',
      mac: '02:00:00:00:00:AB',
    });
    expect(ops).toEqual([
      { op: 'test', path: IFACES, value: [POD] },
      {
        op: 'replace',
        path: IFACES,
        value: [
          POD,
          { name: 'nic-1', bridge: {}, model: 'virtio', macAddress: '02:00:00:00:00:ab' },
        ],
      },
      { op: 'test', path: NETS, value: [POD_NET] },
      {
        op: 'replace',
        path: NETS,
        value: [POD_NET, { name: 'nic-1', multus: { networkName: 'br1' } }],
      },
    ]);
  });

  it('adds an SR-IOV NIC of another namespace without a model, and a pod NIC with masquerade', () => {
    const vm = withNics([], []);
    if (vm.spec?.template?.spec?.domain?.devices)
      vm.spec.template.spec.domain.devices.autoattachPodInterface = false;
    const sriov = addNicOps(vm, {
      name: 'vf',
      model: 'virtio',
      network: 'default/sriov',
      binding: 'sriov',
    });
    expect(written(sriov, IFACES)?.value).toEqual([{ name: 'vf', sriov: {} }]);
    expect(written(sriov, NETS)?.value).toEqual([
      { name: 'vf', multus: { networkName: 'default/sriov' } },
    ]);
    const pod = addNicOps(vm, {
      name: 'default',
      model: 'e1000e',
      network: 'pod',
      binding: 'masquerade',
    });
    expect(written(pod, IFACES)?.value).toEqual([
      { name: 'default', masquerade: {}, model: 'e1000e' },
    ]);
    expect(written(pod, NETS)?.value).toEqual([{ name: 'default', pod: {} }]);
  });

  it("keeps KubeVirt's implicit pod NIC when adding to a VM that declared none", () => {
    const vm = withNics(undefined, undefined);
    const ops = addNicOps(vm, {
      name: 'nic-1',
      model: 'virtio',
      network: 'demo/br1',
      binding: 'bridge',
    });
    expect(ops).toEqual([
      {
        op: 'add',
        path: IFACES,
        value: [
          { name: 'default', masquerade: {} },
          { name: 'nic-1', bridge: {}, model: 'virtio' },
        ],
      },
      {
        op: 'add',
        path: NETS,
        value: [
          { name: 'default', pod: {} },
          { name: 'nic-1', multus: { networkName: 'br1' } },
        ],
      },
    ]);
  });

  it('edits model, MAC and network, keeping boot order and dropping ports off masquerade', () => {
    const vm = withNics([{ ...POD, bootOrder: 2, macAddress: '02:00:00:00:00:01' }], [POD_NET]);
    const ops = editNicOps(vm, {
      name: 'default',
      model: 'e1000e',
      network: 'demo/br1',
      binding: 'bridge',
    });
    expect(written(ops, IFACES)?.value).toEqual([
      { name: 'default', bridge: {}, model: 'e1000e', bootOrder: 2 },
    ]);
    expect(written(ops, NETS)?.value).toEqual([
      { name: 'default', multus: { networkName: 'br1' } },
    ]);
  });

  it('leaves the network entry alone when only the model changes', () => {
    const vm = withNics([POD], [POD_NET]);
    const ops = editNicOps(vm, {
      name: 'default',
      model: 'e1000e',
      network: 'pod',
      binding: 'masquerade',
    });
    expect(written(ops, IFACES)?.value).toEqual([{ ...POD, model: 'e1000e' }]);
    expect(ops.filter((op) => op.path === NETS)).toEqual([]);
  });

  it('sets a link down, up again, and absent for a hot unplug', () => {
    const vm = withNics([POD], [POD_NET]);
    expect(written(setNicStateOps(vm, 'default', 'down'), IFACES)?.value).toEqual([
      { ...POD, state: 'down' },
    ]);
    expect(written(setNicStateOps(vm, 'default', 'absent'), IFACES)?.value).toEqual([
      { ...POD, state: 'absent' },
    ]);
    const down = withNics([{ ...POD, state: 'down' }], [POD_NET]);
    expect(written(setNicStateOps(down, 'default', 'up'), IFACES)?.value).toEqual([POD]);
  });

  it('removes a NIC and its network', () => {
    const br: Interface = { name: 'nic-1', bridge: {} };
    const vm = withNics([POD, br], [POD_NET, { name: 'nic-1', multus: { networkName: 'br1' } }]);
    const ops = removeNicOps(vm, 'nic-1');
    expect(written(ops, IFACES)?.value).toEqual([POD]);
    expect(written(ops, NETS)?.value).toEqual([POD_NET]);
    expect(ops.some((op) => op.path.endsWith('autoattachPodInterface'))).toBe(false);
  });

  it('turns the automatic pod NIC off when the last NIC goes, so it does not come back', () => {
    const vm = withNics([POD], [POD_NET]);
    const ops = removeNicOps(vm, 'default');
    expect(written(ops, IFACES)?.value).toEqual([]);
    expect(written(ops, NETS)?.value).toEqual([]);
    expect(ops).toContainEqual({
      op: 'add',
      path: '/spec/template/spec/domain/devices/autoattachPodInterface',
      value: false,
    });
  });
});
