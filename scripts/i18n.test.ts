import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extractCatalogues,
  keysInExtensions,
  keysInSource,
  LANGUAGES,
  localeFile,
  NAMESPACES,
  placeholders,
} from './i18n-keys';

const root = path.resolve(__dirname, '..');
const catalogues = extractCatalogues(root);
const read = (language: string, namespace: string): Record<string, string> =>
  JSON.parse(readFileSync(localeFile(root, language, namespace), 'utf8')) as Record<string, string>;

describe('key extraction', () => {
  it('finds t() keys, including i18n.t and template literals', () => {
    const text = "t('Start'); i18n.t(`Stop`); other('No'); t('Hello {{name}}', { name });";
    expect(keysInSource('x.tsx', text)).toEqual(['Start', 'Stop', 'Hello {{name}}']);
  });

  it('refuses a t() whose key is not a literal', () => {
    expect(() => keysInSource('x.tsx', 't(label)')).toThrow(/x.tsx:1: t\(\) needs a literal key/);
  });

  it('finds the extension labels of a namespace only', () => {
    const json = [
      { properties: { name: '%plugin__a~Overview%', other: '%plugin__b~No%', plain: 'x' } },
    ];
    expect(keysInExtensions(json, 'plugin__a')).toEqual(['Overview']);
  });
});

describe.each(NAMESPACES.map((entry) => entry.namespace))('locales of %s', (namespace) => {
  const english = catalogues[namespace] ?? {};

  it('has locales/en generated from the code (run "npm run i18n" after changing strings)', () => {
    expect(read('en', namespace)).toEqual(english);
    expect(Object.keys(english).length).toBeGreaterThan(0);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('is complete in %s', (language) => {
    expect(existsSync(localeFile(root, language, namespace))).toBe(true);
    const translated = read(language, namespace);
    const missing = Object.keys(english).filter((key) => !translated[key]?.trim());
    const unused = Object.keys(translated).filter((key) => !(key in english));
    expect({ missing, unused }).toEqual({ missing: [], unused: [] });
    for (const key of Object.keys(english)) {
      expect(placeholders(translated[key] ?? ''), `${language} "${key}"`).toEqual(
        placeholders(key),
      );
    }
  });
});
