// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { act, renderHook } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { useQuickStartTexts } from './useQuickStartTexts';

// The library's own English bundle: every string it looks up.
const libraryStrings = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve(
      '@patternfly/quickstarts/src/locales/en/quickstart.json',
    ),
    'utf8',
  ),
) as Record<string, string>;

afterEach(async () => {
  await act(() => i18next.changeLanguage('en'));
});

describe('useQuickStartTexts', () => {
  it('gives every string the library shows, placeholders left for the library to fill', () => {
    const { result } = renderHook(() => useQuickStartTexts());
    const numberOnly = '{{taskIndex, number}}';
    expect(Object.keys(result.current).sort()).toEqual(
      Object.keys(libraryStrings)
        .filter((key) => key !== numberOnly)
        .sort(),
    );
    expect(result.current['{{count, number}} item_plural']).toBe('{{count, number}} items');
    expect(result.current['{{type}} • {{duration, number}} minutes']).toBe(
      '{{type}} • {{duration, number}} minutes',
    );
    expect(result.current.Type).toBe('Quick start');
  });

  it('follows the shell language', async () => {
    i18next.addResourceBundle('ko', SHELL_I18N_NAMESPACE, {
      Next: '다음',
      '{{count, number}} items': '항목 {{count, number}}개',
    });
    const { result } = renderHook(() => useQuickStartTexts());
    expect(result.current.Next).toBe('Next');
    await act(() => i18next.changeLanguage('ko'));
    expect(result.current.Next).toBe('다음');
    expect(result.current['{{count, number}} item_plural']).toBe('항목 {{count, number}}개');
    // Untranslated yet: the English text, as everywhere in the shell.
    expect(result.current.Back).toBe('Back');
  });
});
