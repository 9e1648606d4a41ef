import { describe, expect, it, vi } from 'vitest';
import { PLUGIN_ASSETS_PATH, PLUGIN_I18N_NAMESPACE } from '../common/paths';
import {
  SHELL_I18N_NAMESPACE,
  initialLanguage,
  isSupportedLanguage,
  localeURL,
  translateExtensionText,
} from './i18n';

describe('isSupportedLanguage', () => {
  it.each(['en', 'ko', 'ja', 'fr'])('accepts %s', (language) => {
    expect(isSupportedLanguage(language)).toBe(true);
  });

  it.each(['de', 'EN', 'en-US', '', 'english'])('rejects %j', (language) => {
    expect(isSupportedLanguage(language)).toBe(false);
  });

  it('rejects null and undefined', () => {
    expect(isSupportedLanguage(null)).toBe(false);
    expect(isSupportedLanguage(undefined)).toBe(false);
  });
});

describe('initialLanguage', () => {
  it('keeps a stored supported language over the browser languages', () => {
    expect(initialLanguage('ja', ['fr-FR', 'en'])).toBe('ja');
  });

  it('ignores a stored language that is not supported', () => {
    expect(initialLanguage('de', ['ko-KR'])).toBe('ko');
  });

  it('takes the first browser language it ships, by its primary subtag', () => {
    expect(initialLanguage(null, ['de-DE', 'fr-CA', 'ja'])).toBe('fr');
    expect(initialLanguage(null, ['ko'])).toBe('ko');
  });

  it('falls back to English when nothing matches', () => {
    expect(initialLanguage(null, ['de-DE', 'zh-Hans-CN'])).toBe('en');
    expect(initialLanguage(null, [])).toBe('en');
    expect(initialLanguage('xx', [])).toBe('en');
  });
});

describe('localeURL', () => {
  it('serves the shell and other namespaces from the plugin assets path', () => {
    expect(localeURL('fr', SHELL_I18N_NAMESPACE)).toBe(
      `${PLUGIN_ASSETS_PATH}locales/fr/console-shell.json`,
    );
    expect(PLUGIN_ASSETS_PATH).toBe('/api/plugins/virtualization-plugin/');
  });

  it('serves a plugin__<name> namespace beside that plugin assets', () => {
    expect(localeURL('ja', PLUGIN_I18N_NAMESPACE)).toBe(
      '/api/plugins/virtualization-plugin/locales/ja/plugin__virtualization-plugin.json',
    );
    expect(localeURL('en', 'plugin__other-plugin')).toBe(
      '/api/plugins/other-plugin/locales/en/plugin__other-plugin.json',
    );
  });

  it('does not treat a bare "plugin__" prefix as a plugin namespace', () => {
    expect(localeURL('en', 'plugin__')).toBe(`${PLUGIN_ASSETS_PATH}locales/en/plugin__.json`);
  });
});

describe('translateExtensionText', () => {
  const fakeT = () => vi.fn((key: string, options: { ns: string }) => `[${options.ns}] ${key}`);

  it('translates %namespace~key% in its namespace', () => {
    const t = fakeT();
    expect(translateExtensionText('%plugin__virtualization-plugin~Virtual machines%', t)).toBe(
      '[plugin__virtualization-plugin] Virtual machines',
    );
    expect(t).toHaveBeenCalledWith('Virtual machines', { ns: 'plugin__virtualization-plugin' });
  });

  it('keeps later "~" characters in the key', () => {
    const t = fakeT();
    translateExtensionText('%plugin__p~Approx ~5 minutes%', t);
    expect(t).toHaveBeenCalledWith('Approx ~5 minutes', { ns: 'plugin__p' });
  });

  it.each([
    'Virtual machines',
    '%Virtual machines%',
    'plugin__p~Virtual machines',
    '%plugin__p~Virtual machines',
    'plugin__p~Virtual machines%',
    '%~Virtual machines%',
    '%plugin__p~%',
    ' %plugin__p~Virtual machines%',
  ])('returns %j untouched without translating', (text) => {
    const t = fakeT();
    expect(translateExtensionText(text, t)).toBe(text);
    expect(t).not.toHaveBeenCalled();
  });
});
