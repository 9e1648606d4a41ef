import { describe, expect, it } from 'vitest';
import {
  initialLatencyForm,
  initialStorageForm,
  latencyFormInput,
  storageFormInput,
  validateLatencyForm,
  validateStorageForm,
  type LatencyFormValues,
} from './runForm';

const t = (key: string, options: Record<string, unknown> = {}) =>
  key.replace(/{{(\w+)}}/g, (_, name: string) => String(options[name]));

const valid: LatencyFormValues = { ...initialLatencyForm('lat-1'), nad: 'blue' };

describe('validateLatencyForm', () => {
  it('accepts a name and a NAD, everything else being optional', () => {
    expect(validateLatencyForm(valid, t)).toEqual({});
  });

  it('names the field: bad name, taken name, no NAD', () => {
    expect(validateLatencyForm({ ...valid, name: 'Lat_1', nad: '' }, t)).toEqual({
      name: 'Use lowercase letters, digits and "-" only, starting and ending with a letter or digit.',
      nad: 'Select a NetworkAttachmentDefinition.',
    });
    expect(validateLatencyForm(valid, t, ['lat-1'])).toEqual({
      name: 'A checkup named lat-1 already exists.',
    });
  });

  it('refuses durations and latencies that are not whole numbers', () => {
    for (const bad of ['abc', '1.5', '-3', '0', '5s'])
      expect(validateLatencyForm({ ...valid, sampleDuration: bad }, t).sampleDuration).toBe(
        'Enter the sample duration as a whole number of seconds, 1 or more.',
      );
    expect(validateLatencyForm({ ...valid, sampleDuration: ' 30 ' }, t)).toEqual({});
    expect(
      validateLatencyForm({ ...valid, setMaxLatency: true, maxLatency: '' }, t).maxLatency,
    ).toBe('Enter the maximum desired latency as a whole number of milliseconds.');
    expect(
      validateLatencyForm({ ...valid, setMaxLatency: true, maxLatency: 'ten' }, t).maxLatency,
    ).toBeDefined();
    // Zero is allowed: it fails any run, which is how a failing checkup is shown on purpose.
    expect(validateLatencyForm({ ...valid, setMaxLatency: true, maxLatency: '0' }, t)).toEqual({});
    // Unticked, the value is not used and not checked.
    expect(validateLatencyForm({ ...valid, maxLatency: 'x' }, t)).toEqual({});
  });

  it('needs both nodes when Select nodes is ticked, and two different ones', () => {
    const nodes = { ...valid, selectNodes: true };
    expect(validateLatencyForm(nodes, t)).toEqual({
      sourceNode: 'Select a source node, or clear Select nodes.',
    });
    expect(validateLatencyForm({ ...nodes, sourceNode: 'node-a' }, t)).toEqual({
      targetNode: 'Select a target node: it is needed when a source node is set.',
    });
    expect(validateLatencyForm({ ...nodes, targetNode: 'node-b' }, t)).toEqual({
      sourceNode: 'Select a source node: it is needed when a target node is set.',
    });
    expect(
      validateLatencyForm({ ...nodes, sourceNode: 'node-a', targetNode: 'node-a' }, t),
    ).toEqual({ targetNode: 'Select a target node other than the source node.' });
    expect(
      validateLatencyForm({ ...nodes, sourceNode: 'node-a', targetNode: 'node-b' }, t),
    ).toEqual({});
  });
});

describe('validateStorageForm', () => {
  it('defaults the timeout to 10 minutes and refuses what is not a whole number of minutes', () => {
    expect(initialStorageForm('st-1')).toEqual({ name: 'st-1', timeout: '10' });
    expect(validateStorageForm(initialStorageForm('st-1'), t)).toEqual({});
    for (const bad of ['', '0', 'ten', '2.5'])
      expect(validateStorageForm({ name: 'st-1', timeout: bad }, t)).toEqual({
        timeout: 'Enter the timeout as a whole number of minutes, 1 or more.',
      });
  });
});

describe('form input', () => {
  it('sends only what is set: unticked options are left out', () => {
    expect(
      latencyFormInput({ ...valid, maxLatency: '3', sourceNode: 'a', targetNode: 'b' }, 'dev').data,
    ).toEqual({
      'spec.timeout': '5m',
      'spec.param.networkAttachmentDefinitionNamespace': 'dev',
      'spec.param.networkAttachmentDefinitionName': 'blue',
    });
    expect(
      latencyFormInput(
        {
          ...valid,
          sampleDuration: '10',
          setMaxLatency: true,
          maxLatency: '3',
          selectNodes: true,
          sourceNode: 'a',
          targetNode: 'b',
        },
        'dev',
      ).data,
    ).toEqual({
      'spec.timeout': '5m',
      'spec.param.networkAttachmentDefinitionNamespace': 'dev',
      'spec.param.networkAttachmentDefinitionName': 'blue',
      'spec.param.sampleDurationSeconds': '10',
      'spec.param.maxDesiredLatencyMilliseconds': '3',
      'spec.param.sourceNode': 'a',
      'spec.param.targetNode': 'b',
    });
    expect(storageFormInput({ name: 'st-1', timeout: '15' }, 'dev').data).toEqual({
      'spec.timeout': '15m',
    });
  });
});
