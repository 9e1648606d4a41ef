import {
  EmptyState,
  EmptyStateActions,
  EmptyStateBody,
  EmptyStateFooter,
  PageSection,
  Skeleton,
} from '@patternfly/react-core';
import { LockIcon, SearchIcon } from '@patternfly/react-icons';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/bff';
import { usePluginTranslation } from '../../../i18n';
import { vmListPath } from './detailsPaths';

/** The HTTP status of a failed call (the SDK's HttpError or a Kubernetes Status). */
export const errorCode = (error: unknown): number | undefined => {
  const e = error as { code?: unknown; json?: { code?: unknown } } | null | undefined;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.json?.code === 'number') return e.json.code;
  return undefined;
};

/** Skeleton rows while a tab's data loads. */
export const LoadingSkeleton = ({ label, rows = 4 }: { label: string; rows?: number }) => (
  <div aria-busy="true" aria-label={label}>
    {Array.from({ length: rows }, (_, i) => (
      <Skeleton key={i} width={`${90 - i * 12}%`} screenreaderText={i === 0 ? label : undefined} />
    ))}
  </div>
);

const BackToList = ({ namespace }: { namespace: string }) => {
  const { t } = usePluginTranslation();
  return (
    <EmptyStateFooter>
      <EmptyStateActions>
        <Link to={vmListPath(namespace)}>{t('Back to VirtualMachines')}</Link>
      </EmptyStateActions>
    </EmptyStateFooter>
  );
};

/** No such VM, or it was deleted while the page was open. */
export const VmNotFound = ({
  namespace,
  name,
  deleted,
}: {
  namespace: string;
  name: string;
  deleted?: boolean;
}) => {
  const { t } = usePluginTranslation();
  return (
    <PageSection>
      <EmptyState
        headingLevel="h2"
        icon={SearchIcon}
        titleText={deleted ? t('VirtualMachine deleted') : t('VirtualMachine not found')}
      >
        <EmptyStateBody>
          {deleted
            ? t('VirtualMachine {{name}} was deleted from project {{namespace}}.', {
                name,
                namespace,
              })
            : t('No VirtualMachine named {{name}} exists in project {{namespace}}.', {
                name,
                namespace,
              })}
        </EmptyStateBody>
        <BackToList namespace={namespace} />
      </EmptyState>
    </PageSection>
  );
};

/** The user may not read this VM, or it failed to load. */
export const VmLoadError = ({ namespace, error }: { namespace: string; error: unknown }) => {
  const { t } = usePluginTranslation();
  const forbidden = errorCode(error) === 403;
  return (
    <PageSection>
      <EmptyState
        headingLevel="h2"
        icon={forbidden ? LockIcon : undefined}
        status={forbidden ? undefined : 'danger'}
        titleText={forbidden ? t('Access denied') : t('VirtualMachine failed to load')}
      >
        <EmptyStateBody>
          {forbidden
            ? t('You do not have permission to view this VirtualMachine: {{message}}', {
                message: errorMessage(error),
              })
            : errorMessage(error)}
        </EmptyStateBody>
        <BackToList namespace={namespace} />
      </EmptyState>
    </PageSection>
  );
};
