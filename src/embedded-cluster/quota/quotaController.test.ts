import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { QuotaController } from './quotaController';
import { QUOTAS } from './usage';

const NS = 'team';
let store: ObjectStore;
let controller: QuotaController;

beforeEach(() => {
  store = new ObjectStore({ append: async () => undefined }, { objects: new Map(), lastRV: 0 });
  controller = new QuotaController(store);
});
afterEach(() => controller.stop());

const settled = async () => {
  for (let round = 0; round < 3; round++) {
    await store.settled();
    await controller.queue.idle();
  }
};

const put = (resource: string, kind: string, name: string, fields: object = {}, ns = NS) =>
  store.put(resource, { apiVersion: 'v1', kind, metadata: { name, namespace: ns }, ...fields });

const quota = (name: string, hard: Record<string, string>, spec: object = {}) =>
  put(QUOTAS, 'ResourceQuota', name, { spec: { hard, ...spec } });

const statusOf = (name: string) =>
  store.get(QUOTAS, NS, name)?.status as
    { hard?: Record<string, string>; used?: Record<string, string> } | undefined;

const pod = (name: string, resources: object[], fields: object = {}) =>
  put('core/pods', 'Pod', name, {
    spec: {
      containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })),
      ...fields,
    },
    status: { phase: 'Running' },
  });

const claim = (name: string, storage: string, storageClassName?: string) =>
  put('core/persistentvolumeclaims', 'PersistentVolumeClaim', name, {
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage } },
      ...(storageClassName === undefined ? {} : { storageClassName }),
    },
  });

describe('the resource quota controller', () => {
  it('counts pods and their compute requests and limits; finished pods do not count', async () => {
    await quota('compute', {
      pods: '10',
      'count/pods': '10',
      cpu: '4',
      'requests.cpu': '4',
      'requests.memory': '8Gi',
      memory: '8Gi',
      'limits.cpu': '8',
      'limits.memory': '16Gi',
    });
    await pod('a', [{ requests: { cpu: '100m', memory: '1Gi' } }, { requests: { cpu: '1' } }]);
    // Requests default to limits, as the API server defaults them.
    await pod('b', [{ limits: { cpu: '500m', memory: '512Mi' } }]);
    await pod('done', [{ requests: { cpu: '2', memory: '4Gi' } }]);
    await store.put('core/pods', {
      ...(store.get('core/pods', NS, 'done') as KubeObject),
      status: { phase: 'Succeeded' },
    });
    await pod('big', [{ requests: { cpu: '3' } }]);
    await settled();
    expect(statusOf('compute')).toEqual({
      hard: {
        'count/pods': '10',
        cpu: '4',
        'limits.cpu': '8',
        'limits.memory': '16Gi',
        memory: '8Gi',
        pods: '10',
        'requests.cpu': '4',
        'requests.memory': '8Gi',
      },
      used: {
        'count/pods': '3',
        cpu: '4600m',
        'limits.cpu': '500m',
        'limits.memory': '512Mi',
        memory: '1536Mi',
        pods: '3',
        'requests.cpu': '4600m',
        'requests.memory': '1536Mi',
      },
    });
    await store.remove('core/pods', store.get('core/pods', NS, 'big') as KubeObject);
    await settled();
    expect(statusOf('compute')?.used).toMatchObject({ pods: '2', 'requests.cpu': '1600m' });
  });

  it('counts claims and their storage, per storage class (a claim without one gets the default)', async () => {
    await store.put('storage.k8s.io/storageclasses', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'standard',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
    });
    await quota('storage', {
      persistentvolumeclaims: '5',
      'requests.storage': '30Gi',
      'standard.storageclass.storage.k8s.io/requests.storage': '20Gi',
      'standard.storageclass.storage.k8s.io/persistentvolumeclaims': '2',
      'fast.storageclass.storage.k8s.io/requests.storage': '10Gi',
    });
    await claim('one', '10Gi', 'standard');
    await claim('two', '5Gi');
    await claim('three', '10Gi', 'fast');
    await settled();
    expect(statusOf('storage')?.used).toEqual({
      'fast.storageclass.storage.k8s.io/requests.storage': '10Gi',
      persistentvolumeclaims: '3',
      'requests.storage': '25Gi',
      'standard.storageclass.storage.k8s.io/persistentvolumeclaims': '2',
      'standard.storageclass.storage.k8s.io/requests.storage': '15Gi',
    });
  });

  it('counts objects of any kind by count/<resource>.<group>, and services, secrets, config maps', async () => {
    await quota('objects', {
      'count/virtualmachines.kubevirt.io': '2',
      services: '3',
      'services.nodeports': '4',
      secrets: '10',
      configmaps: '10',
      'count/configmaps': '10',
      'no.such/thing': '1',
    });
    await store.put('kubevirt.io/virtualmachines', {
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name: 'vm', namespace: NS },
    });
    await put('core/services', 'Service', 'web', {
      spec: { type: 'NodePort', ports: [{ port: 80 }, { port: 443 }] },
    });
    await put('core/secrets', 'Secret', 's');
    await put('core/configmaps', 'ConfigMap', 'c');
    await put('core/configmaps', 'ConfigMap', 'other-namespace', {}, 'default');
    await settled();
    expect(statusOf('objects')?.used).toEqual({
      configmaps: '1',
      'count/configmaps': '1',
      'count/virtualmachines.kubevirt.io': '1',
      secrets: '1',
      services: '1',
      'services.nodeports': '2',
    });
  });

  it('counts only the pods a scoped quota selects', async () => {
    await quota('long-running', { pods: '5' }, { scopes: ['NotTerminating', 'NotBestEffort'] });
    await quota('jobs', { pods: '5' }, { scopes: ['Terminating'] });
    await pod('server', [{ requests: { cpu: '1' } }]);
    await pod('best-effort', [{}]);
    await pod('job', [{ requests: { cpu: '1' } }], { activeDeadlineSeconds: 60 });
    await settled();
    expect(statusOf('long-running')?.used).toEqual({ pods: '1' });
    expect(statusOf('jobs')?.used).toEqual({ pods: '1' });
  });

  it('follows spec changes: status.hard is spec.hard, canonical', async () => {
    await quota('q', { 'requests.storage': '2048Mi' });
    await settled();
    expect(statusOf('q')).toEqual({
      hard: { 'requests.storage': '2Gi' },
      used: { 'requests.storage': '0' },
    });
    const current = store.get(QUOTAS, NS, 'q') as KubeObject;
    await store.put(QUOTAS, { ...current, spec: { hard: { pods: '1' } } });
    await settled();
    expect(statusOf('q')).toEqual({ hard: { pods: '1' }, used: { pods: '0' } });
  });
});
