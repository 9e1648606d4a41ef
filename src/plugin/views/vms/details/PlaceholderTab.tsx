import { EmptyState, EmptyStateBody, List, ListItem } from '@patternfly/react-core';
import { WrenchIcon } from '@patternfly/react-icons';
import type { TFunction } from 'i18next';
import { usePluginTranslation } from '../../../i18n';
import type { VmTabProps } from './tabs';

type Kind = 'metrics';

/** What each tab will hold once its own issue builds it. */
const PLANNED: Record<
  Kind,
  { title: (t: TFunction) => string; parts: (t: TFunction) => string[] }
> = {
  metrics: {
    title: (t) => t('Metrics are coming'),
    parts: (t) => [
      t('CPU, memory, storage and network charts over a time range'),
      t('Storage latency and IOPS'),
      t('Live migration progress'),
    ],
  },
};

/** A tab whose content a later issue builds; the route and the tab exist already. */
export const PlaceholderTab = ({ kind, rest }: VmTabProps & { kind: Kind }) => {
  const { t } = usePluginTranslation();
  const planned = PLANNED[kind];
  return (
    <EmptyState headingLevel="h2" icon={WrenchIcon} titleText={planned.title(t)} variant="sm">
      <EmptyStateBody>
        {t('This tab will show:')}
        <List>
          {planned.parts(t).map((part) => (
            <ListItem key={part}>{part}</ListItem>
          ))}
        </List>
        {rest.length > 0 && t('Section requested: {{section}}', { section: rest.join('/') })}
      </EmptyStateBody>
    </EmptyState>
  );
};
