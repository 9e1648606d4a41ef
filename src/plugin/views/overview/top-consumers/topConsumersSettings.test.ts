import { describe, expect, it } from 'vitest';
import { parseTopConsumersSettings, writeTopConsumersSettings } from './topConsumersSettings';

describe('top consumers settings in the URL', () => {
  it('defaults to the top 5 of the last hour, by VM', () => {
    const settings = parseTopConsumersSettings(new URLSearchParams('tab=top-consumers'));
    expect(settings.span).toBe('1h');
    expect(settings.limit).toBe(5);
    expect(settings.by.cpu).toBe('vm');
    expect(
      writeTopConsumersSettings(new URLSearchParams('tab=top-consumers'), settings).toString(),
    ).toBe('tab=top-consumers');
  });

  it('reads and writes a range, a limit and a card’s grouping', () => {
    const params = new URLSearchParams('range=24h&top=10&memoryBy=node');
    const settings = parseTopConsumersSettings(params);
    expect(settings).toMatchObject({ span: '24h', limit: 10 });
    expect(settings.by.memory).toBe('node');
    expect(settings.by.cpu).toBe('vm');
    expect(
      writeTopConsumersSettings(new URLSearchParams(), {
        ...settings,
        by: { ...settings.by, cpu: 'namespace' },
      }).toString(),
    ).toBe('range=24h&top=10&cpuBy=namespace&memoryBy=node');
  });

  it('ignores values it does not know', () => {
    const settings = parseTopConsumersSettings(new URLSearchParams('range=2y&top=7&cpuBy=pod'));
    expect(settings).toMatchObject({ span: '1h', limit: 5 });
    expect(settings.by.cpu).toBe('vm');
  });
});
