import { describe, expect, it } from 'vitest';
import type { ResourceQuota } from '../../../api/types';
import { quotaHints } from './quotaHints';
import type { VmDemand } from './vmDemand';

const quota = (
  name: string,
  hard: Record<string, string>,
  used: Record<string, string>,
  extra: Partial<ResourceQuota['spec']> = {},
): ResourceQuota => ({
  metadata: { name, namespace: 'dev' },
  spec: { hard, ...extra },
  status: { hard, used },
});

const DEMAND: VmDemand = {
  cpu: 0.2,
  memory: 4 * 2 ** 30,
  claims: [{ bytes: 30 * 2 ** 30 }, { storageClass: 'fast', bytes: 10 * 2 ** 30 }],
  counts: { 'count/virtualmachines.kubevirt.io': 1, persistentvolumeclaims: 2, pods: 1 },
};

describe('quotaHints', () => {
  it('names each quota key the VM would go over, with used, requested and the limit', () => {
    const hints = quotaHints(
      [
        quota(
          'compute',
          { 'requests.memory': '6Gi', 'requests.cpu': '4' },
          { 'requests.memory': '3Gi', 'requests.cpu': '1' },
        ),
      ],
      DEMAND,
    );
    expect(hints).toEqual([
      {
        quota: 'compute',
        resource: 'requests.memory',
        kind: 'bytes',
        requested: 4 * 2 ** 30,
        used: 3 * 2 ** 30,
        hard: 6 * 2 ** 30,
      },
    ]);
  });

  it('sums the claims for requests.storage and counts them per storage class', () => {
    const hints = quotaHints(
      [
        quota(
          'storage',
          {
            'requests.storage': '50Gi',
            'fast.storageclass.storage.k8s.io/requests.storage': '5Gi',
            'standard.storageclass.storage.k8s.io/persistentvolumeclaims': '0',
          },
          { 'requests.storage': '20Gi' },
        ),
      ],
      DEMAND,
      'standard',
    );
    // requests.storage: 20 + 40 = 60 > 50.
    expect(hints.map((hint) => [hint.resource, hint.requested])).toEqual([
      ['requests.storage', 40 * 2 ** 30],
      ['fast.storageclass.storage.k8s.io/requests.storage', 10 * 2 ** 30],
      ['standard.storageclass.storage.k8s.io/persistentvolumeclaims', 1],
    ]);
    expect(
      quotaHints(
        [quota('storage', { 'requests.storage': '60Gi' }, { 'requests.storage': '20Gi' })],
        DEMAND,
      ),
    ).toEqual([]);
  });

  it('counts objects: a project allowed 3 VMs with 3 made refuses the fourth', () => {
    const hints = quotaHints(
      [
        quota(
          'objects',
          { 'count/virtualmachines.kubevirt.io': '3', pods: '10' },
          { 'count/virtualmachines.kubevirt.io': '3', pods: '2' },
        ),
      ],
      DEMAND,
    );
    expect(hints.map((hint) => hint.resource)).toEqual(['count/virtualmachines.kubevirt.io']);
  });

  it('says nothing when everything fits, for keys about other things, or for scoped quotas', () => {
    expect(
      quotaHints(
        [
          quota('roomy', { 'requests.memory': '64Gi', services: '0' }, {}),
          quota('scoped', { pods: '0' }, {}, { scopes: ['BestEffort'] }),
        ],
        DEMAND,
      ),
    ).toEqual([]);
  });
});
