import { Content, EmptyState, EmptyStateBody, Icon } from '@patternfly/react-core';
import { ExclamationTriangleIcon, InfoCircleIcon } from '@patternfly/react-icons';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useMemo } from 'react';
import { errorMessage } from '../../../../api/bff';
import { EventModel } from '../../../../api/models';
import type { K8sEvent } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import { LoadingSkeleton } from '../DetailsStates';
import type { VmTabProps } from '../tabs';
import { RelativeTime } from '../Time';
import { firstSeen, lastSeen, sortEventsNewestFirst } from './sortEvents';

const KINDS = new Set(['VirtualMachine', 'VirtualMachineInstance']);

/** The VM's and its instance's events (they share the name), newest first, live. */
export const EventsTab = ({ namespace, name }: VmTabProps) => {
  const { t } = usePluginTranslation();
  const list = useK8sWatchList<K8sEvent>(EventModel, {
    namespace,
    fieldSelector: `involvedObject.name=${name}`,
  });
  const events = useMemo(
    () => sortEventsNewestFirst(list.data.filter((e) => KINDS.has(e.involvedObject?.kind ?? ''))),
    [list.data],
  );

  if (list.error)
    return (
      <EmptyState
        headingLevel="h2"
        status="danger"
        titleText={t('Events failed to load')}
        variant="sm"
      >
        <EmptyStateBody>{errorMessage(list.error)}</EmptyStateBody>
      </EmptyState>
    );
  if (!list.loaded) return <LoadingSkeleton label={t('Loading events')} />;
  if (!events.length)
    return (
      <EmptyState headingLevel="h2" titleText={t('No events')} variant="sm">
        <EmptyStateBody>
          {t('Events about this VirtualMachine and its instance appear here as they happen.')}
        </EmptyStateBody>
      </EmptyState>
    );

  return (
    <>
      <Content component="p">{t('Live: new events appear at the top.')}</Content>
      <Table variant="compact" gridBreakPoint="grid-md" aria-label={t('Events')}>
        <Thead>
          <Tr>
            <Th modifier="wrap">{t('Type')}</Th>
            <Th modifier="wrap">{t('Reason')}</Th>
            <Th modifier="wrap">{t('Object')}</Th>
            <Th modifier="wrap">{t('Message')}</Th>
            <Th modifier="wrap">{t('Count')}</Th>
            <Th modifier="wrap">{t('First seen')}</Th>
            <Th modifier="wrap">{t('Last seen')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {events.map((event) => {
            const warning = event.type === 'Warning';
            return (
              <Tr key={event.metadata?.uid ?? event.metadata?.name}>
                <Td dataLabel={t('Type')} modifier="nowrap">
                  <Icon status={warning ? 'warning' : 'info'} isInline>
                    {warning ? <ExclamationTriangleIcon /> : <InfoCircleIcon />}
                  </Icon>{' '}
                  {warning ? t('Warning') : t('Normal')}
                </Td>
                <Td dataLabel={t('Reason')}>{event.reason}</Td>
                <Td dataLabel={t('Object')}>
                  {event.involvedObject?.kind === 'VirtualMachineInstance'
                    ? t('VirtualMachineInstance')
                    : t('VirtualMachine')}
                </Td>
                <Td dataLabel={t('Message')}>{event.message}</Td>
                <Td dataLabel={t('Count')}>{event.count ?? 1}</Td>
                <Td dataLabel={t('First seen')} modifier="nowrap">
                  <RelativeTime value={firstSeen(event)} />
                </Td>
                <Td dataLabel={t('Last seen')} modifier="nowrap">
                  <RelativeTime value={lastSeen(event)} />
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
    </>
  );
};
