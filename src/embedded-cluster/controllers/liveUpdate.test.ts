import { describe, expect, it } from 'vitest';
import {
  applyLiveInterfaces,
  networkRestartRequired,
  restartRelevantTemplate,
  type NetworkedSpec,
} from './liveUpdate';

const pod = { name: 'default', masquerade: {}, macAddress: '02:7e:00:00:00:01' };
const lab = { name: 'lab', bridge: {}, macAddress: '02:7e:00:00:00:02' };
const podNet = { name: 'default', pod: {} };
const labNet = { name: 'lab', multus: { networkName: 'lab-net' } };

const spec = (interfaces: object[], networks: object[]): NetworkedSpec =>
  ({ domain: { devices: { interfaces } }, networks }) as NetworkedSpec;

describe('restartRelevantTemplate', () => {
  it('leaves out interfaces, networks and hot-pluggable volumes with their disks', () => {
    const template = {
      metadata: { labels: { a: 'b' } },
      spec: {
        domain: {
          devices: {
            disks: [{ name: 'root' }, { name: 'hot' }],
            interfaces: [pod],
          },
          memory: { guest: '1Gi' },
        },
        networks: [podNet],
        volumes: [
          { name: 'root', dataVolume: { name: 'root' } },
          { name: 'hot', persistentVolumeClaim: { claimName: 'hot', hotpluggable: true } },
        ],
      },
    };
    expect(restartRelevantTemplate(template)).toEqual({
      metadata: { labels: { a: 'b' } },
      spec: {
        domain: { devices: { disks: [{ name: 'root' }] }, memory: { guest: '1Gi' } },
        volumes: [{ name: 'root', dataVolume: { name: 'root' } }],
      },
    });
    // The input is not changed.
    expect(template.spec.networks).toHaveLength(1);
  });
});

describe('networkRestartRequired', () => {
  const running = spec([pod, lab], [podNet, labNet]);

  it('accepts link state changes and hot-plug requests', () => {
    expect(networkRestartRequired(running, running)).toBe(false);
    expect(
      networkRestartRequired(spec([{ ...pod, state: 'down' }, lab], [podNet, labNet]), running),
    ).toBe(false);
    expect(
      networkRestartRequired(spec([pod, { ...lab, state: 'absent' }], [podNet, labNet]), running),
    ).toBe(false);
    const extra = { name: 'lab2', bridge: {} };
    const extraNet = { name: 'lab2', multus: { networkName: 'other' } };
    expect(
      networkRestartRequired(spec([pod, lab, extra], [podNet, labNet, extraNet]), running),
    ).toBe(false);
  });

  it('asks for a restart for other interface changes', () => {
    // Model, MAC, an interface removed without the unplug flow.
    expect(
      networkRestartRequired(spec([{ ...pod, model: 'e1000e' }, lab], [podNet, labNet]), running),
    ).toBe(true);
    expect(
      networkRestartRequired(
        spec([pod, { ...lab, macAddress: '02:7e:00:00:00:09' }], [podNet, labNet]),
        running,
      ),
    ).toBe(true);
    expect(networkRestartRequired(spec([pod], [podNet]), running)).toBe(true);
    // A network changed under an interface.
    expect(
      networkRestartRequired(
        spec([pod, lab], [podNet, { name: 'lab', multus: { networkName: 'elsewhere' } }]),
        running,
      ),
    ).toBe(true);
    // New interfaces that cannot be hot-plugged: pod network, SR-IOV.
    const noPod = spec([lab], [labNet]);
    expect(networkRestartRequired(spec([lab, pod], [labNet, podNet]), noPod)).toBe(true);
    const sriov = { name: 'fast', sriov: {} };
    const sriovNet = { name: 'fast', multus: { networkName: 'sriov-net' } };
    expect(
      networkRestartRequired(spec([pod, lab, sriov], [podNet, labNet, sriovNet]), running),
    ).toBe(true);
  });

  it('is satisfied once an absent interface has left the VMI', () => {
    const unplugged = spec([pod], [podNet]);
    expect(
      networkRestartRequired(spec([pod, { ...lab, state: 'absent' }], [podNet, labNet]), unplugged),
    ).toBe(false);
    expect(networkRestartRequired(spec([pod], [podNet]), unplugged)).toBe(false);
  });
});

describe('applyLiveInterfaces', () => {
  it('adds new bridge interfaces on Multus networks, with their network', () => {
    const current = spec([pod], [podNet]);
    const next = applyLiveInterfaces(spec([pod, lab], [podNet, labNet]), current);
    expect(next).toEqual(spec([pod, lab], [podNet, labNet]));
    expect(current.domain?.devices?.interfaces).toHaveLength(1);
  });

  it('copies link states and absent, and nothing else', () => {
    const current = spec([pod, lab], [podNet, labNet]);
    expect(applyLiveInterfaces(current, current)).toBeUndefined();
    expect(
      applyLiveInterfaces(
        spec(
          [
            { ...pod, state: 'down' },
            { ...lab, state: 'absent' },
          ],
          [podNet, labNet],
        ),
        current,
      ),
    ).toEqual(
      spec(
        [
          { ...pod, state: 'down' },
          { ...lab, state: 'absent' },
        ],
        [podNet, labNet],
      ),
    );
    // absent on the pod interface is not a hot-unplug; a model change is not live either.
    expect(
      applyLiveInterfaces(spec([{ ...pod, state: 'absent' }, lab], [podNet, labNet]), current),
    ).toBeUndefined();
    expect(
      applyLiveInterfaces(
        spec([{ ...pod, model: 'e1000e', state: 'down' }, lab], [podNet, labNet]),
        current,
      ),
    ).toBeUndefined();
  });

  it('does not add an interface that is absent, or one that cannot be hot-plugged', () => {
    const current = spec([pod], [podNet]);
    expect(
      applyLiveInterfaces(spec([pod, { ...lab, state: 'absent' }], [podNet, labNet]), current),
    ).toBeUndefined();
    expect(
      applyLiveInterfaces(
        spec([pod, { name: 'fast', sriov: {} }], [podNet, { name: 'fast', multus: {} }]),
        current,
      ),
    ).toBeUndefined();
  });
});
