import '@patternfly/quickstarts/dist/quickstarts.min.css';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { QuickStartRequestAlert } from './QuickStartRequestAlert';
import {
  QuickStartContext,
  QuickStartDrawer,
  useValuesForQuickStartContext,
} from '@patternfly/quickstarts';
import { useQuickStartProgress } from './useQuickStartProgress';
import { useQuickStarts } from './useQuickStarts';
import { useQuickStartTexts } from './useQuickStartTexts';

/**
 * The quick-start drawer beside the shell's page, and the context its catalog page reads: the
 * cluster's tours in the shell's language, the user's progress, and `?quickstart=NAME` opening a
 * tour on any page. It is `QuickStartContainer`, except that the language may change after the
 * first render (the container keeps the strings it started with).
 */
export const QuickStartsProvider = ({ children }: { children: ReactNode }) => {
  const { i18n } = useTranslation(SHELL_I18N_NAMESPACE);
  const { quickStarts, loading, error } = useQuickStarts();
  const texts = useQuickStartTexts();
  const progress = useQuickStartProgress();
  const values = useValuesForQuickStartContext({
    ...progress,
    allQuickStarts: quickStarts,
    language: i18n.language,
    resourceBundle: texts,
    loading,
    // The URL is kept through the router (useQuickStartProgress), not by the library's own history.
    useQueryParams: false,
    alwaysShowTaskReview: true,
  });

  // The library holds the list, the strings and the loading flag from its first render on: later
  // ones are handed over.
  const { setAllQuickStarts, setResourceBundle, setLoading } = values;
  useEffect(() => setAllQuickStarts?.(quickStarts), [setAllQuickStarts, quickStarts]);
  useEffect(() => setLoading?.(loading), [setLoading, loading]);
  const handedTexts = useRef(texts);
  useEffect(() => {
    if (handedTexts.current === texts) return;
    handedTexts.current = texts;
    setResourceBundle?.(texts, i18n.language);
  }, [setResourceBundle, texts, i18n.language]);

  return (
    <QuickStartContext.Provider value={values}>
      <QuickStartDrawer>{children}</QuickStartDrawer>
      <QuickStartRequestAlert quickStarts={quickStarts} loading={loading} error={error} />
    </QuickStartContext.Provider>
  );
};
