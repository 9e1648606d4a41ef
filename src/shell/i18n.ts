import i18next from 'i18next';
import HttpBackend from 'i18next-http-backend';
import { initReactI18next } from 'react-i18next';
import { PLUGIN_ASSETS_PATH, SUPPORTED_LANGUAGES, type SupportedLanguage } from '../common/paths';
import en from '../../locales/en/console-shell.json';
import fr from '../../locales/fr/console-shell.json';
import ja from '../../locales/ja/console-shell.json';
import ko from '../../locales/ko/console-shell.json';

/** The shell's own strings; the plugin's come from its own namespace, loaded from its assets. */
export const SHELL_I18N_NAMESPACE = 'console-shell';

const LANGUAGE_KEY = 'virtualization-shell.language';

export const isSupportedLanguage = (value: string | null | undefined): value is SupportedLanguage =>
  SUPPORTED_LANGUAGES.includes(value as SupportedLanguage);

/** The language chosen before, else the browser's if we ship it, else English. */
export const initialLanguage = (
  stored: string | null,
  browserLanguages: readonly string[],
): SupportedLanguage => {
  if (isSupportedLanguage(stored)) return stored;
  const browser = browserLanguages.map((tag) => tag.split('-')[0]).find(isSupportedLanguage);
  return browser ?? 'en';
};

/** Where a namespace's translations live: `plugin__<name>` ones beside that plugin's assets. */
export const localeURL = (language: string, namespace: string): string => {
  const plugin = /^plugin__(.+)$/.exec(namespace)?.[1];
  const base = plugin ? `/api/plugins/${plugin}/` : PLUGIN_ASSETS_PATH;
  return `${base}locales/${language}/${namespace}.json`;
};

export const setupI18n = async () => {
  const language = initialLanguage(window.localStorage.getItem(LANGUAGE_KEY), navigator.languages);
  await i18next
    .use(HttpBackend)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...SUPPORTED_LANGUAGES],
      ns: [SHELL_I18N_NAMESPACE],
      defaultNS: SHELL_I18N_NAMESPACE,
      partialBundledLanguages: true,
      resources: {
        en: { [SHELL_I18N_NAMESPACE]: en },
        ko: { [SHELL_I18N_NAMESPACE]: ko },
        ja: { [SHELL_I18N_NAMESPACE]: ja },
        fr: { [SHELL_I18N_NAMESPACE]: fr },
      },
      // Keys are the English text, so a missing translation still reads well.
      keySeparator: false,
      nsSeparator: '~',
      interpolation: { escapeValue: false },
      returnEmptyString: false,
      backend: {
        loadPath: (languages: string[], namespaces: string[]) =>
          localeURL(languages[0] ?? 'en', namespaces[0] ?? SHELL_I18N_NAMESPACE),
      },
      react: { useSuspense: true },
      showSupportNotice: false,
    });
  document.documentElement.lang = language;
  return i18next;
};

export const changeLanguage = async (language: SupportedLanguage) => {
  window.localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
};

/** Resolves `%plugin__name~Text%` in extension properties, as the console does. */
export const translateExtensionText = (
  text: string,
  translate: (key: string, options: { ns: string }) => string,
): string => {
  const match = /^%([^~%]+)~(.+)%$/.exec(text);
  return match?.[1] && match[2] ? translate(match[2], { ns: match[1] }) : text;
};
