import { useTranslation } from 'react-i18next';
import { PLUGIN_I18N_NAMESPACE } from '../common/paths';

/** The plugin's `t()`: every visible string goes through it, keyed by its English text. */
export const usePluginTranslation = () => useTranslation(PLUGIN_I18N_NAMESPACE);
