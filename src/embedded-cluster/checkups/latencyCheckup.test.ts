import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../conformance/testCluster';
import type { KubeObject } from '../types';
import { latencyConfig, NO_GUESTS } from './latencyCheckup';
import { latencyCheckupPermissions } from '../../common/checkupPermissions';
import {
  apply,
  configMap,
  configMapData,
  createNamespace,
  jobFinished,
  latencyJob,
  RFC3339,
} from './testSupport';

let cluster: Awaited<ReturnType<typeof startTestCluster>>;

const nad = (name: string): KubeObject => ({
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name },
  spec: {
    config: JSON.stringify({ cniVersion: '0.3.1', name, type: 'cnv-bridge', bridge: 'br1' }),
  },
});

/** Runs one latency checkup with these parameters in a fresh namespace; resolves with its ConfigMap data. */
const runCheckup = async (ns: string, params: Record<string, string>) => {
  await createNamespace(cluster, ns);
  await apply(cluster, ns, [...latencyCheckupPermissions(ns), nad('blue-network')]);
  await apply(cluster, ns, [
    configMap(
      'kubevirt-vm-latency-checkup-config',
      {
        'spec.timeout': '5m',
        'spec.param.networkAttachmentDefinitionNamespace': ns,
        'spec.param.networkAttachmentDefinitionName': 'blue-network',
        ...params,
      },
      { 'kiagnose/checkup-type': 'kubevirt-vm-latency' },
    ),
    latencyJob(ns),
  ]);
  const outcome = await jobFinished(cluster, ns, 'kubevirt-vm-latency-checkup');
  return { outcome, data: configMapData(cluster, ns, 'kubevirt-vm-latency-checkup-config') };
};

beforeAll(async () => {
  cluster = await startTestCluster();
}, 30_000);

afterAll(async () => {
  await cluster?.cleanup();
});

describe('latencyConfig', () => {
  const base = {
    networkAttachmentDefinitionNamespace: 'ns',
    networkAttachmentDefinitionName: 'blue-network',
  };

  it('defaults the sample duration to 5 seconds and sets no latency limit', () => {
    expect(latencyConfig(base)).toMatchObject({
      sampleDurationSeconds: 5,
      maxDesiredLatencyMs: undefined,
    });
    expect(latencyConfig({ ...base, maxDesiredLatencyMilliseconds: '0' }).maxDesiredLatencyMs).toBe(
      0,
    );
  });

  it("refuses what kiagnose refuses, with kiagnose's messages", () => {
    expect(() => latencyConfig({ ...base, sourceNode: 'worker-0' })).toThrow(
      'illegal source and target nodes combination',
    );
    expect(() => latencyConfig({ ...base, sampleDurationSeconds: 'five' })).toThrow(
      '"sampleDurationSeconds" parameter is invalid: strconv.Atoi: parsing "five": invalid syntax',
    );
    expect(() => latencyConfig({ networkAttachmentDefinitionNamespace: 'ns' })).toThrow(
      '"networkAttachmentDefinitionName" parameter is invalid',
    );
  });
});

describe('the latency checkup without guests', () => {
  it('fails clearly: there is nothing to ping from', async () => {
    const ns = 'latency-simulated';
    const { outcome, data } = await runCheckup(ns, { 'spec.param.sampleDurationSeconds': '5' });
    expect(outcome).toBe('Failed');
    expect(data['status.succeeded']).toBe('false');
    expect(data['status.failureReason']).toBe(NO_GUESTS);
    expect(data['status.startTimestamp']).toMatch(RFC3339);
    expect(data['status.completionTimestamp']).toMatch(RFC3339);
    expect(cluster.store.list('kubevirt.io/virtualmachineinstances', ns)).toEqual([]);
  }, 30_000);

  it('fails on a source node without a target node', async () => {
    const { outcome, data } = await runCheckup('latency-nodes', {
      'spec.param.sourceNode': 'worker-0',
    });
    expect(outcome).toBe('Failed');
    expect(data['status.failureReason']).toBe('illegal source and target nodes combination');
  }, 30_000);

  it('fails on a missing NetworkAttachmentDefinition, and on one it may not read', async () => {
    const missing = await runCheckup('latency-missing-nad', {
      'spec.param.networkAttachmentDefinitionName': 'red-network',
    });
    expect(missing.data['status.failureReason']).toBe(
      'setup: network-attachment-definitions.k8s.cni.cncf.io "red-network" not found',
    );
    const ns = 'latency-other-ns';
    const forbidden = await runCheckup(ns, {
      'spec.param.networkAttachmentDefinitionNamespace': 'default',
    });
    expect(forbidden.outcome).toBe('Failed');
    expect(forbidden.data['status.failureReason']).toBe(
      `setup: network-attachment-definitions.k8s.cni.cncf.io "blue-network" is forbidden: User "system:serviceaccount:${ns}:vm-latency-checkup-sa" cannot get resource "network-attachment-definitions" in API group "k8s.cni.cncf.io" in the namespace "default"`,
    );
  }, 30_000);
});
