import { Icon, List, ListItem } from '@patternfly/react-core';
import {
  CheckCircleIcon,
  ExclamationCircleIcon,
  InfoCircleIcon,
  MinusCircleIcon,
} from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../i18n';
import type { PermissionOutcome, PermissionResult } from '../actions/permissionMutations';

type Translate = (key: string) => string;

const OUTCOME_TEXT: Record<PermissionOutcome, (t: Translate) => string> = {
  created: (t) => t('Created'),
  updated: (t) => t('Updated to match'),
  unchanged: (t) => t('Already in place'),
  skipped: (t) => t('Skipped: needs a cluster administrator'),
  failed: (t) => t('Failed'),
  deleted: (t) => t('Deleted'),
  absent: (t) => t('Already gone'),
  kept: (t) => t('Kept: other service accounts still use it'),
};

const icon = (outcome: PermissionOutcome): ReactNode => {
  if (outcome === 'failed')
    return (
      <Icon status="danger">
        <ExclamationCircleIcon />
      </Icon>
    );
  if (outcome === 'skipped' || outcome === 'kept')
    return (
      <Icon status="info">
        <InfoCircleIcon />
      </Icon>
    );
  if (outcome === 'absent')
    return (
      <Icon>
        <MinusCircleIcon />
      </Icon>
    );
  return (
    <Icon status="success">
      <CheckCircleIcon />
    </Icon>
  );
};

/** Each object's outcome as it comes, with the server's message when it failed. */
export const PermissionResultsList = ({
  results,
}: {
  results: readonly (PermissionResult | undefined)[];
}) => {
  const { t } = usePluginTranslation();
  return (
    <List isPlain aria-label={t('Results')}>
      {results.map((result) =>
        result ? (
          <ListItem
            key={`${result.entry.model.kind}/${result.entry.object.metadata?.name}`}
            icon={icon(result.outcome)}
          >
            {t('{{kind}} {{name}}: {{outcome}}', {
              kind: result.entry.model.kind,
              name: result.entry.object.metadata?.name,
              outcome: OUTCOME_TEXT[result.outcome](t),
            })}
            {result.message && <div>{result.message}</div>}
          </ListItem>
        ) : null,
      )}
    </List>
  );
};
