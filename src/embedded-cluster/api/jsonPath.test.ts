import { describe, expect, it } from 'vitest';
import { evaluateJSONPath } from './jsonPath';

const vm = {
  metadata: { name: 'vm1', labels: { 'kubevirt.io/os': 'fedora' } },
  status: {
    printableStatus: 'Running',
    conditions: [
      { type: 'Paused', status: 'False' },
      { type: 'Ready', status: 'True' },
    ],
    interfaces: [{ ipAddress: '10.0.2.2' }, { ipAddress: '10.0.2.3' }],
  },
};

describe('evaluateJSONPath', () => {
  it('follows fields and indexes', () => {
    expect(evaluateJSONPath(vm, '.status.printableStatus')).toEqual(['Running']);
    expect(evaluateJSONPath(vm, '.status.interfaces[1].ipAddress')).toEqual(['10.0.2.3']);
    expect(evaluateJSONPath(vm, '{.metadata.name}')).toEqual(['vm1']);
  });

  it('filters lists as printer columns do', () => {
    expect(evaluateJSONPath(vm, ".status.conditions[?(@.type=='Ready')].status")).toEqual(['True']);
    expect(evaluateJSONPath(vm, '.status.conditions[?(@.type!="Ready")].type')).toEqual(['Paused']);
  });

  it('expands wildcards and quoted keys', () => {
    expect(evaluateJSONPath(vm, '.status.interfaces[*].ipAddress')).toEqual([
      '10.0.2.2',
      '10.0.2.3',
    ]);
    expect(evaluateJSONPath(vm, ".metadata.labels['kubevirt.io/os']")).toEqual(['fedora']);
  });

  it('returns nothing for missing paths', () => {
    expect(evaluateJSONPath(vm, '.spec.running')).toEqual([]);
    expect(evaluateJSONPath(vm, '.status.interfaces[5].ipAddress')).toEqual([]);
  });
});
