import { describe, expect, it } from 'vitest';
import { makeVm } from '../../testSupport';
import { runStrategyOf, runStrategyOps } from './runStrategies';

describe('run strategy', () => {
  it('replaces the run strategy', () => {
    expect(runStrategyOps(makeVm(), 'Manual')).toEqual([
      { op: 'test', path: '/spec/runStrategy', value: 'Always' },
      { op: 'replace', path: '/spec/runStrategy', value: 'Manual' },
    ]);
  });

  it('replaces the legacy running flag with a run strategy', () => {
    const vm = makeVm();
    vm.spec = { ...vm.spec!, runStrategy: undefined, running: true };
    delete vm.spec.runStrategy;
    expect(runStrategyOf(vm)).toBe('Always');
    expect(runStrategyOps(vm, 'Halted')).toEqual([
      { op: 'test', path: '/spec/running', value: true },
      { op: 'remove', path: '/spec/running' },
      { op: 'add', path: '/spec/runStrategy', value: 'Halted' },
    ]);
  });
});
