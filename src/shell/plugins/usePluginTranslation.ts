import { useExtensions } from '@openshift/dynamic-plugin-sdk';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE, translateExtensionText } from '../i18n';

/**
 * A translator for extension properties (`%plugin__name~Text%`). It loads the namespaces of
 * every loaded plugin first, so labels switch language with the rest of the page.
 */
export const useExtensionTranslation = () => {
  // Joined, the list is a string: stable between renders while the set of plugins is.
  const pluginNames = [...new Set(useExtensions().map((e) => e.pluginName))].join(',');
  const namespaces = useMemo(
    () => [
      SHELL_I18N_NAMESPACE,
      ...(pluginNames ? pluginNames.split(',').map((name) => `plugin__${name}`) : []),
    ],
    [pluginNames],
  );
  const { t } = useTranslation(namespaces);
  return useCallback(
    (text: string) => translateExtensionText(text, (key, options) => t.call(null, key, options)),
    [t],
  );
};
