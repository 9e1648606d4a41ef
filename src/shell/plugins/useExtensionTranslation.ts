import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE, translateExtensionText } from '../i18n';

/**
 * A translator for extension properties (`%plugin__name~Text%`). The plugins' namespaces are
 * loaded with the plugins (see App), and follow every language change from then on.
 */
export const useExtensionTranslation = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  return useCallback(
    (text: string) => translateExtensionText(text, (key, options) => t.call(null, key, options)),
    [t],
  );
};
