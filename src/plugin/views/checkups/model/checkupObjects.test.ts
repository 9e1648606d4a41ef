import { describe, expect, it } from 'vitest';
import { LATENCY_CHECKUP, STORAGE_CHECKUP } from '../checkupKinds';
import {
  checkupJob,
  jobsOf,
  latencyConfigMap,
  latencyTimeout,
  storageConfigMap,
  withoutStatus,
} from './checkupObjects';
import type { Job } from './types';

describe('latencyConfigMap', () => {
  it('writes the seed keys, the NAD in the same project, and the optional settings only when set', () => {
    expect(latencyConfigMap({ namespace: 'dev', name: 'lat-1', nadName: 'blue-network' })).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'lat-1',
        namespace: 'dev',
        labels: { 'kiagnose/checkup-type': 'kubevirt-vm-latency' },
      },
      data: {
        'spec.timeout': '5m',
        'spec.param.networkAttachmentDefinitionNamespace': 'dev',
        'spec.param.networkAttachmentDefinitionName': 'blue-network',
      },
    });
    expect(
      latencyConfigMap({
        namespace: 'dev',
        name: 'lat-2',
        nadName: 'blue-network',
        sampleDurationSeconds: 5,
        maxDesiredLatencyMilliseconds: 0,
        sourceNode: 'node-a',
        targetNode: 'node-b',
      }).data,
    ).toEqual({
      'spec.timeout': '5m',
      'spec.param.networkAttachmentDefinitionNamespace': 'dev',
      'spec.param.networkAttachmentDefinitionName': 'blue-network',
      'spec.param.sampleDurationSeconds': '5',
      'spec.param.maxDesiredLatencyMilliseconds': '0',
      'spec.param.sourceNode': 'node-a',
      'spec.param.targetNode': 'node-b',
    });
  });

  it('keeps the 5 minute timeout unless the sample needs longer', () => {
    expect(latencyTimeout()).toBe('5m');
    expect(latencyTimeout(60)).toBe('5m');
    expect(latencyTimeout(61)).toBe('6m');
    expect(latencyTimeout(600)).toBe('14m');
  });
});

describe('storageConfigMap', () => {
  it('writes the timeout in minutes and the storage checkup label', () => {
    expect(storageConfigMap({ namespace: 'dev', name: 'st-1', timeoutMinutes: 10 })).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'st-1',
        namespace: 'dev',
        labels: { 'kiagnose/checkup-type': 'kubevirt-storage' },
      },
      data: { 'spec.timeout': '10m' },
    });
  });
});

describe('checkupJob', () => {
  const restricted = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };

  it('runs the latency image once, as its service account, against the ConfigMap that owns it', () => {
    const input = latencyConfigMap({ namespace: 'dev', name: 'lat-1', nadName: 'blue' });
    input.metadata = { ...input.metadata, uid: 'cm-uid' };
    const labels = {
      'kiagnose/checkup-type': 'kubevirt-vm-latency',
      'virtualization-plugin/checkup-configmap': 'lat-1',
    };
    expect(checkupJob(LATENCY_CHECKUP, input)).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        generateName: 'lat-1-',
        namespace: 'dev',
        labels,
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'lat-1', uid: 'cm-uid' }],
      },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: 'vm-latency-checkup-sa',
            restartPolicy: 'Never',
            containers: [
              {
                name: 'vm-latency-checkup',
                image:
                  'registry.redhat.io/container-native-virtualization/vm-network-latency-checkup-rhel9:v4.16.0',
                securityContext: restricted,
                env: [
                  { name: 'CONFIGMAP_NAMESPACE', value: 'dev' },
                  { name: 'CONFIGMAP_NAME', value: 'lat-1' },
                  { name: 'POD_UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
                ],
              },
            ],
          },
        },
      },
    });
  });

  it('runs the storage image as storage-checkup-sa', () => {
    const job = checkupJob(
      STORAGE_CHECKUP,
      storageConfigMap({ namespace: 'dev', name: 'st-1', timeoutMinutes: 10 }),
    );
    const container = job.spec?.template.spec?.containers[0];
    expect(container?.image).toBe('quay.io/kiagnose/kubevirt-storage-checkup:main');
    expect(container?.name).toBe('storage-checkup');
    expect(job.spec?.template.spec?.serviceAccountName).toBe('storage-checkup-sa');
    expect(job.metadata?.labels).toEqual({
      'kiagnose/checkup-type': 'kubevirt-storage',
      'virtualization-plugin/checkup-configmap': 'st-1',
    });
    // Not created yet: no owner to name.
    expect(job.metadata?.ownerReferences).toBeUndefined();
  });
});

describe('jobsOf', () => {
  const job = (
    name: string,
    created: string,
    extra: Partial<Job['metadata']> = {},
    env = '',
  ): Job => ({
    metadata: { name, namespace: 'dev', creationTimestamp: created, ...extra },
    spec: {
      template: {
        spec: {
          containers: [{ name: 'c', env: env ? [{ name: 'CONFIGMAP_NAME', value: env }] : [] }],
        },
      },
    },
  });
  const input = { metadata: { name: 'lat-1', namespace: 'dev' } };

  it('finds the Jobs by label, or by CONFIGMAP_NAME for Jobs made by hand, newest first', () => {
    const labelled = (name: string, created: string) =>
      job(name, created, { labels: { 'virtualization-plugin/checkup-configmap': 'lat-1' } });
    const jobs = [
      labelled('lat-1-aaaaa', '2026-01-01T10:00:00Z'),
      job('by-hand', '2026-01-01T11:00:00Z', {}, 'lat-1'),
      labelled('lat-1-bbbbb', '2026-01-01T12:00:00Z'),
      job('other', '2026-01-01T13:00:00Z', {}, 'lat-2'),
      { ...labelled('elsewhere', '2026-01-01T14:00:00Z'), metadata: { namespace: 'prod' } },
    ];
    expect(jobsOf(input, jobs).map((j) => j.metadata?.name)).toEqual([
      'lat-1-bbbbb',
      'by-hand',
      'lat-1-aaaaa',
    ]);
  });
});

describe('withoutStatus', () => {
  it('drops what a run wrote and keeps the input', () => {
    expect(
      withoutStatus({
        'spec.timeout': '5m',
        'spec.param.networkAttachmentDefinitionName': 'blue',
        'status.succeeded': 'true',
        'status.result.avgLatencyNanoSec': '177000',
        'status.startTimestamp': '2026-01-01T10:00:00Z',
      }),
    ).toEqual({ 'spec.timeout': '5m', 'spec.param.networkAttachmentDefinitionName': 'blue' });
  });
});
