import { Card, CardBody, CardTitle, Content } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { VirtualMachine, VirtualMachineInstance } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { networkInterfaces } from './vmFacts';

/** The VM's NICs: name, model, binding and network, MAC, and the guest's IP addresses. */
export const NetworkInterfacesCard = ({
  vm,
  vmi,
}: {
  vm: VirtualMachine;
  vmi?: VirtualMachineInstance;
}) => {
  const { t } = usePluginTranslation();
  const rows = networkInterfaces(vm, vmi);
  return (
    <Card>
      <CardTitle component="h2">
        {t('Network interfaces ({{count}})', { count: rows.length })}
      </CardTitle>
      <CardBody>
        {rows.length === 0 ? (
          <Content component="p">{t('No network interfaces')}</Content>
        ) : (
          <Table variant="compact" gridBreakPoint="grid-md" aria-label={t('Network interfaces')}>
            <Thead>
              <Tr>
                <Th modifier="wrap">{t('Name')}</Th>
                <Th modifier="wrap">{t('Model')}</Th>
                <Th modifier="wrap">{t('Network')}</Th>
                <Th modifier="wrap">{t('MAC address')}</Th>
                <Th modifier="wrap">{t('IP address')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((row) => (
                <Tr key={row.name}>
                  <Td dataLabel={t('Name')}>{row.name}</Td>
                  <Td dataLabel={t('Model')}>{row.model}</Td>
                  <Td dataLabel={t('Network')} modifier="breakWord">
                    {row.network === 'pod' ? t('Pod networking') : row.network || '—'}
                    {row.binding && ` (${row.binding})`}
                  </Td>
                  <Td dataLabel={t('MAC address')} modifier="breakWord">
                    {row.mac ?? '—'}
                  </Td>
                  <Td dataLabel={t('IP address')} modifier="breakWord">
                    {row.ips.join(', ') || '—'}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
};
