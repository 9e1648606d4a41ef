import { describe, expect, it } from 'vitest';
import { sameSummary, summarize, vmFacts } from './summary';

const vm = (conditions: object[]) => ({
  metadata: { namespace: 'ns', name: 'vm', uid: 'u' },
  status: { printableStatus: 'Stopped', conditions },
});

describe('the conditions of a row', () => {
  it('keeps those that ask for attention: not True (but a stopped VM not Ready), or a pending restart', () => {
    const row = summarize(
      vmFacts(
        vm([
          { type: 'Ready', status: 'False', reason: 'VMINotExists', message: 'VMI does not exist' },
          { type: 'DataVolumesReady', status: 'False', reason: 'Pending', message: 'disk pending' },
          { type: 'Initialized', status: 'True' },
          { type: 'RestartRequired', status: 'True', message: 'a restart is needed' },
          { type: 'LiveMigratable', status: 'True' },
        ]),
      ),
      undefined,
    );
    // Not Ready for want of a VMI is what stopped means: left out.
    expect(row.conditions).toEqual([
      { type: 'DataVolumesReady', status: 'False', reason: 'Pending', message: 'disk pending' },
      { type: 'RestartRequired', status: 'True', message: 'a restart is needed' },
    ]);
  });

  it('makes a changed condition a changed row', () => {
    const before = summarize(
      vmFacts(vm([{ type: 'Ready', status: 'False', reason: 'A' }])),
      undefined,
    );
    const same = summarize(
      vmFacts(vm([{ type: 'Ready', status: 'False', reason: 'A' }])),
      undefined,
    );
    const after = summarize(
      vmFacts(vm([{ type: 'Ready', status: 'False', reason: 'B' }])),
      undefined,
    );
    expect(sameSummary(before, same)).toBe(true);
    expect(sameSummary(before, after)).toBe(false);
  });
});
