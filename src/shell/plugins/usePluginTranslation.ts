import { useExtensions } from '@openshift/dynamic-plugin-sdk';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE, translateExtensionText } from '../i18n';

/**
 * A translator for extension properties (`%plugin__name~Text%`). It loads the namespaces of
 * every loaded plugin first, so labels switch language with the rest of the page.
 */
export const useExtensionTranslation = () => {
  const pluginNames = useExtensions().map((e) => e.pluginName);
  const namespaces = useMemo(
    () => [SHELL_I18N_NAMESPACE, ...new Set(pluginNames.map((name) => `plugin__${name}`))],
    // The list of names changes rarely; its joined form keeps the memo stable between renders.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pluginNames.join(',')],
  );
  const { t } = useTranslation(namespaces);
  return useCallback(
    (text: string) => translateExtensionText(text, (key, options) => t(key, options)),
    [t],
  );
};
