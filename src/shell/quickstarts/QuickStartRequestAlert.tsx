import type { QuickStart } from '@patternfly/quickstarts';
import { Alert, AlertActionCloseButton, AlertGroup } from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { QUICK_START_PARAM } from './quickStartPaths';

/**
 * Says why the quick start the URL names (`?quickstart=NAME`) did not open: the list could not be
 * read, or no tour has that name. Closing it takes the name out of the URL.
 */
export const QuickStartRequestAlert = ({
  quickStarts,
  loading,
  error,
}: {
  quickStarts: QuickStart[];
  loading: boolean;
  error: unknown;
}) => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const [searchParams, setSearchParams] = useSearchParams();
  const name = searchParams.get(QUICK_START_PARAM);
  if (!name || loading) return null;
  let problem: string | undefined;
  if (error)
    problem = t('The quick starts could not be listed: {{message}}', {
      message: error instanceof Error ? error.message : String(error),
    });
  else if (!quickStarts.some((quickStart) => quickStart.metadata.name === name))
    problem = t('There is no quick start named {{name}}.', { name });
  if (!problem) return null;
  const dismiss = () =>
    setSearchParams(
      (params) => {
        const updated = new URLSearchParams(params);
        updated.delete(QUICK_START_PARAM);
        return updated;
      },
      { replace: true },
    );
  return (
    <AlertGroup isToast isLiveRegion>
      <Alert
        variant="danger"
        title={t('The quick start {{name}} was not opened', { name })}
        actionClose={<AlertActionCloseButton onClose={dismiss} />}
      >
        {problem}
      </Alert>
    </AlertGroup>
  );
};
