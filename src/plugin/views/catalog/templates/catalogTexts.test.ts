import { describe, expect, it } from 'vitest';
import { sourceProblemText } from './catalogTexts';

/** `t` as i18next does it in English: the key with its values filled in. */
const t = ((key: string, values?: Record<string, unknown>) =>
  key.replace(/{{(\w+)}}/g, (_, name: string) => String(values?.[name]))) as Parameters<
  typeof sourceProblemText
>[0];

describe('sourceProblemText', () => {
  it('ends a server message with a full stop so that the next sentence does not run into it', () => {
    expect(
      sourceProblemText(t, {
        kind: 'not-ready',
        namespace: 'os',
        name: 'rhel9',
        message: 'PVC not found',
      }),
    ).toBe('The boot source DataSource os/rhel9 is not ready: PVC not found.');
  });

  it('keeps a message that already ends a sentence', () => {
    expect(
      sourceProblemText(t, { kind: 'not-ready', namespace: 'os', name: 'a', message: 'Gone! ' }),
    ).toBe('The boot source DataSource os/a is not ready: Gone!');
  });

  it('names a missing source by kind, project and name', () => {
    expect(
      sourceProblemText(t, {
        kind: 'not-found',
        sourceKind: 'DataSource',
        namespace: 'os',
        name: 'win11',
      }),
    ).toBe('The boot source DataSource os/win11 does not exist.');
  });
});
