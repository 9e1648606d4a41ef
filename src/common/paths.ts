/** The plugin's name: the ConsolePlugin resource, the asset path and the i18n namespace derive from it. */
export const PLUGIN_NAME = 'virtualization-plugin';

/** i18n namespace of every plugin string, as the console expects (`plugin__<name>`). */
export const PLUGIN_I18N_NAMESPACE = `plugin__${PLUGIN_NAME}`;

/** Where the console (and the standalone server) serves the plugin's built assets. */
export const PLUGIN_ASSETS_PATH = `/api/plugins/${PLUGIN_NAME}/`;

/** Where the console forwards calls to the plugin's backend (the BFF), with the user's token. */
export const BFF_PATH = `/api/proxy/plugin/${PLUGIN_NAME}/bff/`;

/** Languages the product ships complete translations for. */
export const SUPPORTED_LANGUAGES = ['en', 'ko', 'ja', 'fr'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];
