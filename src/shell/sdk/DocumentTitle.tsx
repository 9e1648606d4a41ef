import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';

/** The console's `DocumentTitle`: "<page> · <product>" while the page is shown. */
export const DocumentTitle = ({ children }: { children: string }) => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const product = t('Virtualization console');
  useEffect(() => {
    const previous = document.title;
    document.title = `${children} · ${product}`;
    return () => {
      document.title = previous;
    };
  }, [children, product]);
  return null;
};
