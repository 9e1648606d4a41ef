import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster';
import { QemuVmRuntime } from '../controllers/qemuVmRuntime';
import type { KubeObject } from '../types';
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

const skipReason = !QemuVmRuntime.available()
  ? 'QEMU or the guest image is missing (node scripts/guest-image.mjs sets them up)'
  : typeof (QemuVmRuntime.prototype as { guestCommand?: unknown }).guestCommand !== 'function'
    ? 'the QEMU runtime has no guestCommand yet'
    : undefined;

const NS = 'latency-qemu';
let cluster: EmbeddedCluster;
let dataDir: string;

const nad: KubeObject = {
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name: 'blue-network' },
  spec: {
    config: JSON.stringify({
      cniVersion: '0.3.1',
      name: 'blue-network',
      type: 'cnv-bridge',
      bridge: 'br1',
    }),
  },
};

/** One checkup run (its own ConfigMap and Job); resolves with how the Job ended and the ConfigMap data. */
const runCheckup = async (name: string, params: Record<string, string>) => {
  const config = `${name}-config`;
  await apply(cluster, NS, [
    configMap(config, {
      'spec.timeout': '5m',
      'spec.param.networkAttachmentDefinitionNamespace': NS,
      'spec.param.networkAttachmentDefinitionName': 'blue-network',
      'spec.param.sampleDurationSeconds': '3',
      ...params,
    }),
    latencyJob(NS, name, config),
  ]);
  const outcome = await jobFinished(cluster, NS, name);
  return { outcome, data: configMapData(cluster, NS, config) };
};

describe.skipIf(skipReason !== undefined)(
  `the latency checkup with QEMU guests${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'latency-checkup-'));
      cluster = await startEmbeddedCluster({ dataDir, runtime: 'qemu', sampleVMs: false });
      await createNamespace(cluster, NS);
      await apply(cluster, NS, [...latencyCheckupPermissions(NS), nad]);
    }, 30_000);

    afterAll(async () => {
      await cluster?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('measures the latency between two guests on the NAD, then fails a run whose limit is below it', async () => {
      const measured = await runCheckup('latency-measured', {});
      expect(measured.data['status.failureReason']).toBe('');
      expect(measured.outcome).toBe('Complete');
      expect(measured.data['status.succeeded']).toBe('true');
      expect(measured.data['status.completionTimestamp']).toMatch(RFC3339);
      const min = Number(measured.data['status.result.minLatencyNanoSec']);
      const avg = Number(measured.data['status.result.avgLatencyNanoSec']);
      const max = Number(measured.data['status.result.maxLatencyNanoSec']);
      expect(min).toBeGreaterThan(0);
      expect(avg).toBeGreaterThanOrEqual(min);
      expect(max).toBeGreaterThanOrEqual(avg);
      expect(Number(measured.data['status.result.measurementDurationSec'])).toBeGreaterThanOrEqual(
        3,
      );
      const nodes = cluster.store.list('core/nodes').map((n) => n.metadata.name);
      expect(nodes).toContain(measured.data['status.result.sourceNode']);
      expect(nodes).toContain(measured.data['status.result.targetNode']);
      expect(cluster.store.list('kubevirt.io/virtualmachineinstances', NS)).toEqual([]);

      // kiagnose compares durations: any measured maximum is above a 0 ms limit.
      const limited = await runCheckup('latency-limited', {
        'spec.param.maxDesiredLatencyMilliseconds': '0',
      });
      expect(limited.outcome).toBe('Failed');
      expect(limited.data['status.succeeded']).toBe('false');
      expect(limited.data['status.failureReason']).toMatch(
        /^run : actual max latency "\d+(\.\d+)?(ns|µs|ms|s)" is greater than desired "0s"$/,
      );
      expect(Number(limited.data['status.result.maxLatencyNanoSec'])).toBeGreaterThan(0);
    }, 120_000);
  },
);
