import { describe, expect, it } from 'vitest';
import {
  formatNanoseconds,
  humanizeKey,
  parameterEntries,
  resultEntries,
  splitList,
} from './checkupResults';

// English text with its values filled in, as i18next renders a key without a translation.
const t = (key: string, options: Record<string, unknown> = {}) =>
  key.replace(/{{(\w+)}}/g, (_, name: string) => String(options[name]));

describe('formatNanoseconds', () => {
  it('shows nanoseconds as milliseconds', () => {
    expect(formatNanoseconds('177000', t, 'en')).toBe('0.177 ms');
    expect(formatNanoseconds('244000', t, 'en')).toBe('0.244 ms');
    expect(formatNanoseconds('1234567', t, 'en')).toBe('1.235 ms');
    expect(formatNanoseconds('500', t, 'en')).toBe('0.0005 ms');
    expect(formatNanoseconds('0', t, 'en')).toBe('0 ms');
  });

  it("formats in the reader's language and leaves what is not a number alone", () => {
    expect(formatNanoseconds('1234567', t, 'fr')).toBe('1,235 ms');
    expect(formatNanoseconds('n/a', t, 'en')).toBe('n/a');
    expect(formatNanoseconds('', t, 'en')).toBe('');
  });
});

describe('splitList', () => {
  it('splits on newlines and commas, dropping blanks', () => {
    expect(splitList('ocs-storagecluster-ceph-rbd\nhostpath-csi')).toEqual([
      'ocs-storagecluster-ceph-rbd',
      'hostpath-csi',
    ]);
    expect(splitList('a, b,,c\n')).toEqual(['a', 'b', 'c']);
    expect(splitList('')).toEqual([]);
  });
});

describe('humanizeKey', () => {
  it('turns camelCase keys into words, keeping acronyms', () => {
    expect(humanizeKey('trafficGenSentPackets')).toBe('Traffic gen sent packets');
    expect(humanizeKey('storageWithRWX')).toBe('Storage with RWX');
    expect(humanizeKey('vmiTimeout')).toBe('Vmi timeout');
  });
});

describe('resultEntries', () => {
  it('presents the latency results in ms and s, known keys first', () => {
    const rows = resultEntries(
      {
        'spec.timeout': '5m',
        'status.succeeded': 'true',
        'status.result.sourceNode': 'node-a',
        'status.result.maxLatencyNanoSec': '244000',
        'status.result.avgLatencyNanoSec': '177000',
        'status.result.minLatencyNanoSec': '135000',
        'status.result.measurementDurationSec': '5',
        'status.result.targetNode': 'node-b',
      },
      t,
      'en',
    );
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Minimum latency', { type: 'text', text: '0.135 ms' }],
      ['Average latency', { type: 'text', text: '0.177 ms' }],
      ['Maximum latency', { type: 'text', text: '0.244 ms' }],
      ['Measurement duration', { type: 'text', text: '5 s' }],
      ['Source node', { type: 'text', text: 'node-a' }],
      ['Target node', { type: 'text', text: 'node-b' }],
    ]);
  });

  it('presents storage findings as lists (empty ones too) and messages line by line', () => {
    const rows = resultEntries(
      {
        'status.result.cnvVersion': '4.16.2',
        'status.result.storageWithRWX': 'ocs-storagecluster-ceph-rbd\nnfs',
        'status.result.goldenImagesNoDataSource': '',
        'status.result.vmHotplugVolume': 'hotplug volume ready\nhotplug volume removed',
      },
      t,
      'en',
    );
    expect(rows).toEqual([
      {
        key: 'cnvVersion',
        label: 'OpenShift Virtualization version',
        value: { type: 'text', text: '4.16.2' },
      },
      {
        key: 'storageWithRWX',
        label: 'Storage classes with ReadWriteMany',
        value: { type: 'list', items: ['ocs-storagecluster-ceph-rbd', 'nfs'] },
      },
      {
        key: 'goldenImagesNoDataSource',
        label: 'Golden images without a ready DataSource',
        value: { type: 'list', items: [] },
      },
      {
        key: 'vmHotplugVolume',
        label: 'Volume hot-plug',
        value: { type: 'lines', lines: ['hotplug volume ready', 'hotplug volume removed'] },
      },
    ]);
  });

  it('still shows keys it does not know, with a readable name and a guessed unit', () => {
    const rows = resultEntries(
      {
        'status.result.trafficGenSentPackets': '480000000',
        'status.result.roundTripNanoSec': '2000000',
      },
      t,
      'en',
    );
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Round trip nano sec', { type: 'text', text: '2 ms' }],
      ['Traffic gen sent packets', { type: 'text', text: '480000000' }],
    ]);
  });
});

describe('parameterEntries', () => {
  it('lists the timeout and the parameters with their units', () => {
    const rows = parameterEntries(
      {
        'spec.timeout': '5m',
        'spec.param.networkAttachmentDefinitionNamespace': 'dev',
        'spec.param.networkAttachmentDefinitionName': 'blue',
        'spec.param.sampleDurationSeconds': '5',
        'spec.param.maxDesiredLatencyMilliseconds': '10',
        'spec.param.custom': 'x',
        'status.succeeded': 'true',
      },
      t,
      'en',
    );
    expect(rows.map((r) => [r.label, r.value])).toEqual([
      ['Timeout', { type: 'text', text: '5m' }],
      ['NetworkAttachmentDefinition', { type: 'text', text: 'blue' }],
      ['NetworkAttachmentDefinition project', { type: 'text', text: 'dev' }],
      ['Sample duration', { type: 'text', text: '5 s' }],
      ['Maximum desired latency', { type: 'text', text: '10 ms' }],
      ['Custom', { type: 'text', text: 'x' }],
    ]);
  });
});
