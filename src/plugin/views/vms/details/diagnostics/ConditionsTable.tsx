import { Content, Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { usePluginTranslation } from '../../../../i18n';
import { Time } from '../Time';

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string | null;
}

/** One object's status conditions, as KubeVirt and CDI report them. */
export const ConditionsTable = ({
  conditions,
  label,
}: {
  conditions: Condition[];
  label: string;
}) => {
  const { t } = usePluginTranslation();
  if (!conditions.length) return <Content component="p">{t('No conditions reported')}</Content>;
  return (
    <Table variant="compact" aria-label={label}>
      <Thead>
        <Tr>
          <Th modifier="wrap">{t('Type')}</Th>
          <Th modifier="wrap">{t('Status')}</Th>
          <Th modifier="wrap">{t('Reason')}</Th>
          <Th modifier="wrap">{t('Message')}</Th>
          <Th modifier="wrap">{t('Last transition')}</Th>
        </Tr>
      </Thead>
      <Tbody>
        {conditions.map((c) => (
          <Tr key={c.type}>
            <Td dataLabel={t('Type')}>{c.type}</Td>
            <Td dataLabel={t('Status')}>
              <Label
                isCompact
                color={c.status === 'True' ? 'green' : c.status === 'False' ? 'grey' : 'orange'}
              >
                {c.status}
              </Label>
            </Td>
            <Td dataLabel={t('Reason')}>{c.reason || '—'}</Td>
            <Td dataLabel={t('Message')}>{c.message || '—'}</Td>
            <Td dataLabel={t('Last transition')}>
              <Time value={c.lastTransitionTime} />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
