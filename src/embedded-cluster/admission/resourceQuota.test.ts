import { beforeEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../types';
import { resourceQuotaRefusal } from './resourceQuota';

const NS = 'team';
const CLAIMS = 'core/persistentvolumeclaims';
let store: ObjectStore;

beforeEach(() => {
  store = new ObjectStore({ append: async () => undefined }, { objects: new Map(), lastRV: 0 });
});

const quota = (name: string, hard: Record<string, string>, spec: object = {}) =>
  store.put('core/resourcequotas', {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name, namespace: NS },
    spec: { hard, ...spec },
  });

const claim = (name: string, storage: string, ns = NS): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: ns },
  spec: {
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'standard',
    resources: { requests: { storage } },
  },
});

const pod = (name: string, containers: object[], fields: object = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: NS },
  spec: { containers, ...fields },
});

describe('ResourceQuota admission', () => {
  it('refuses a claim that would take requests.storage past the hard limit, in kube-apiserver’s words', async () => {
    await quota('storage', { 'requests.storage': '30Gi', persistentvolumeclaims: '10' });
    await store.put(CLAIMS, claim('a', '20Gi'));
    await store.put(CLAIMS, claim('b', '5Gi'));
    const refusal = resourceQuotaRefusal(store, CLAIMS, claim('disk', '10Gi'));
    expect(refusal?.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'persistentvolumeclaims "disk" is forbidden: exceeded quota: storage, requested: requests.storage=10Gi, used: requests.storage=25Gi, limited: requests.storage=30Gi',
      reason: 'Forbidden',
      details: { name: 'disk', group: '', kind: 'persistentvolumeclaims' },
      code: 403,
    });
    expect(resourceQuotaRefusal(store, CLAIMS, claim('small', '5Gi'))).toBeUndefined();
    // Other namespaces have their own quotas (none here).
    expect(resourceQuotaRefusal(store, CLAIMS, claim('disk', '100Gi', 'other'))).toBeUndefined();
  });

  it('charges a resize only for what it adds; shrinking or relabelling is never refused', async () => {
    await quota('storage', { 'requests.storage': '30Gi' });
    const old = await store.put(CLAIMS, claim('a', '20Gi'));
    await store.put(CLAIMS, claim('b', '5Gi'));
    expect(resourceQuotaRefusal(store, CLAIMS, claim('a', '30Gi'), old)?.message).toBe(
      'persistentvolumeclaims "a" is forbidden: exceeded quota: storage, requested: requests.storage=10Gi, used: requests.storage=25Gi, limited: requests.storage=30Gi',
    );
    expect(resourceQuotaRefusal(store, CLAIMS, claim('a', '25Gi'), old)).toBeUndefined();
    // A quota lowered below what is used does not block other changes.
    await quota('storage', { 'requests.storage': '1Gi' });
    const relabelled = { ...old, metadata: { ...old.metadata, labels: { tier: 'gold' } } };
    expect(resourceQuotaRefusal(store, CLAIMS, relabelled, old)).toBeUndefined();
  });

  it('names every exceeded resource, sorted, and the first quota (by name) that refuses', async () => {
    await quota('b-compute', { pods: '1', 'requests.memory': '1Gi', 'requests.cpu': '10' });
    await quota('a-count', { 'count/pods': '5' });
    await store.put(
      'core/pods',
      pod('running', [{ name: 'c', resources: { requests: { memory: '512Mi' } } }]),
    );
    const refusal = resourceQuotaRefusal(
      store,
      'core/pods',
      pod('p', [{ name: 'c', resources: { requests: { memory: '1Gi', cpu: '1' } } }]),
    );
    expect(refusal?.message).toBe(
      'pods "p" is forbidden: exceeded quota: b-compute, requested: pods=1,requests.memory=1Gi, used: pods=1,requests.memory=512Mi, limited: pods=1,requests.memory=1Gi',
    );
  });

  it('refuses a pod whose containers do not state what a quota tracks', async () => {
    await quota('compute', { 'limits.cpu': '4', 'requests.memory': '4Gi' });
    const refusal = resourceQuotaRefusal(
      store,
      'core/pods',
      pod('p', [
        { name: 'b', resources: { requests: { memory: '1Gi' } } },
        { name: 'a', resources: {} },
      ]),
    );
    expect(refusal?.message).toBe(
      'pods "p" is forbidden: failed quota: compute: must specify limits.cpu for: a,b; requests.memory for: a',
    );
    // A limit alone is enough: the request defaults to it.
    expect(
      resourceQuotaRefusal(
        store,
        'core/pods',
        pod('p', [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }]),
      ),
    ).toBeUndefined();
  });

  it('leaves pods a scoped quota does not select alone', async () => {
    await quota('jobs', { pods: '0' }, { scopes: ['Terminating'] });
    expect(
      resourceQuotaRefusal(store, 'core/pods', pod('server', [{ name: 'c' }])),
    ).toBeUndefined();
    expect(
      resourceQuotaRefusal(
        store,
        'core/pods',
        pod('job', [{ name: 'c' }], { activeDeadlineSeconds: 30 }),
      )?.message,
    ).toBe(
      'pods "job" is forbidden: exceeded quota: jobs, requested: pods=1, used: pods=0, limited: pods=0',
    );
  });

  it('counts objects of other kinds with count/<resource>.<group>', async () => {
    await quota('vms', { 'count/virtualmachines.kubevirt.io': '1' });
    const vm = (name: string): KubeObject => ({
      apiVersion: 'kubevirt.io/v1',
      kind: 'VirtualMachine',
      metadata: { name, namespace: NS },
    });
    expect(resourceQuotaRefusal(store, 'kubevirt.io/virtualmachines', vm('one'))).toBeUndefined();
    await store.put('kubevirt.io/virtualmachines', vm('one'));
    expect(
      resourceQuotaRefusal(store, 'kubevirt.io/virtualmachines', vm('two'))?.toStatus(),
    ).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message:
        'virtualmachines.kubevirt.io "two" is forbidden: exceeded quota: vms, requested: count/virtualmachines.kubevirt.io=1, used: count/virtualmachines.kubevirt.io=1, limited: count/virtualmachines.kubevirt.io=1',
      details: { name: 'two', group: 'kubevirt.io', kind: 'virtualmachines' },
    });
  });
});
