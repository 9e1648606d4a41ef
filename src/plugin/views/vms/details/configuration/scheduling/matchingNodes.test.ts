import { describe, expect, it } from 'vitest';
import type { Node } from '../../../../../api/types';
import { matchingNodes, requirementMatches, toleratesTaint } from './matchingNodes';
import type { Affinity } from './schedulingTypes';

const node = (
  name: string,
  labels: Record<string, string>,
  taints: { key: string; value?: string; effect: string }[] = [],
): Node => ({ metadata: { name, labels }, spec: { taints } }) as Node;

const NODES = [
  node('worker-1', { zone: 'a', cpumanager: 'true', cores: '16' }),
  node('worker-2', { zone: 'b', cores: '8' }, [
    { key: 'virtualization', value: 'true', effect: 'NoSchedule' },
  ]),
  node('infra-1', { zone: 'a', role: 'infra' }, [
    { key: 'infra', effect: 'NoExecute' },
    { key: 'noisy', effect: 'PreferNoSchedule' },
  ]),
];
const names = (nodes: Node[]) => nodes.map((n) => n.metadata?.name);

describe('matchingNodes', () => {
  it('keeps every node when no rule is given', () => {
    expect(names(matchingNodes(NODES))).toEqual(['worker-1', 'worker-2', 'infra-1']);
  });

  it('needs every label of the node selector', () => {
    expect(names(matchingNodes(NODES, { zone: 'a' }))).toEqual(['worker-1', 'infra-1']);
    expect(names(matchingNodes(NODES, { zone: 'a', cpumanager: 'true' }))).toEqual(['worker-1']);
    expect(matchingNodes(NODES, { zone: 'c' })).toEqual([]);
  });

  it('needs every NoSchedule and NoExecute taint tolerated, not PreferNoSchedule ones', () => {
    expect(names(matchingNodes(NODES, undefined, []))).toEqual(['worker-1']);
    expect(
      names(
        matchingNodes(NODES, undefined, [
          { key: 'virtualization', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
        ]),
      ),
    ).toEqual(['worker-1', 'worker-2']);
    expect(names(matchingNodes(NODES, undefined, [{ key: 'infra', operator: 'Exists' }]))).toEqual([
      'worker-1',
      'infra-1',
    ]);
    // An empty key with Exists tolerates everything.
    expect(names(matchingNodes(NODES, undefined, [{ operator: 'Exists' }]))).toHaveLength(3);
  });

  it('needs one of the required node affinity terms, ignoring preferred and pod rules', () => {
    const affinity: Affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['10'] }] },
            { matchExpressions: [{ key: 'role', operator: 'In', values: ['infra', 'x'] }] },
          ],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 10,
            preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
          },
        ],
      },
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }],
      },
    };
    expect(names(matchingNodes(NODES, undefined, undefined, affinity))).toEqual([
      'worker-1',
      'infra-1',
    ]);
  });

  it('combines selector, tolerations and affinity', () => {
    const affinity: Affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['worker-1'] }] },
          ],
        },
      },
    };
    expect(names(matchingNodes(NODES, { zone: 'a' }, [{ operator: 'Exists' }], affinity))).toEqual([
      'infra-1',
    ]);
  });
});

describe('requirementMatches', () => {
  const labels = { zone: 'a', cores: '16' };
  it('reads each operator as the scheduler does', () => {
    expect(requirementMatches({ key: 'zone', operator: 'In', values: ['a', 'b'] }, labels)).toBe(
      true,
    );
    expect(requirementMatches({ key: 'zone', operator: 'NotIn', values: ['a'] }, labels)).toBe(
      false,
    );
    expect(requirementMatches({ key: 'gpu', operator: 'NotIn', values: ['a'] }, labels)).toBe(true);
    expect(requirementMatches({ key: 'zone', operator: 'Exists' }, labels)).toBe(true);
    expect(requirementMatches({ key: 'zone', operator: 'DoesNotExist' }, labels)).toBe(false);
    expect(requirementMatches({ key: 'cores', operator: 'Gt', values: ['8'] }, labels)).toBe(true);
    expect(requirementMatches({ key: 'cores', operator: 'Lt', values: ['8'] }, labels)).toBe(false);
    expect(requirementMatches({ key: 'zone', operator: 'Gt', values: ['1'] }, labels)).toBe(false);
    expect(requirementMatches({ key: 'gpu', operator: 'Lt', values: ['1'] }, labels)).toBe(false);
  });
});

describe('toleratesTaint', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  it('matches key, value and effect', () => {
    expect(
      toleratesTaint({ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, taint),
    ).toBe(true);
    expect(toleratesTaint({ key: 'k', value: 'v' }, taint)).toBe(true);
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: 'w' }, taint)).toBe(false);
    expect(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(
      false,
    );
    expect(toleratesTaint({ key: 'other', operator: 'Exists' }, taint)).toBe(false);
  });
});
