import { QuickStartCatalogPage } from '@patternfly/quickstarts';
import {
  Button,
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  PageSection,
} from '@patternfly/react-core';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { DocumentTitle } from '../sdk/DocumentTitle';
import { useQuickStarts } from './useQuickStarts';

/**
 * Help → Quick Starts (`/quickstart`): the cluster's tours as tiles, with a keyword and status
 * filter; a tile opens its tour in the drawer. Inside `QuickStartsProvider`, whose list it shows.
 */
export const QuickStartsPage = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const { error, retry } = useQuickStarts();
  return (
    <>
      <DocumentTitle>{t('Quick Starts')}</DocumentTitle>
      {error ? (
        <PageSection>
          <EmptyState
            headingLevel="h1"
            status="danger"
            titleText={t('The quick starts could not be listed')}
          >
            <EmptyStateBody>{error.message}</EmptyStateBody>
            <EmptyStateFooter>
              <EmptyStateActions>
                <Button variant="primary" onClick={retry}>
                  {t('Try again')}
                </Button>
              </EmptyStateActions>
            </EmptyStateFooter>
          </EmptyState>
        </PageSection>
      ) : (
        <QuickStartCatalogPage
          showFilter
          title={t('Quick Starts')}
          hint={t(
            'Learn how to create, reach and protect virtual machines with step-by-step instructions and tasks.',
          )}
        />
      )}
    </>
  );
};
