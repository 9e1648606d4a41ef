import { Content, Label, Stack, StackItem, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { DataVolumeModel } from '../../../../api/models';
import type { DataVolume } from '../../../../api/types';
import { useK8sWatchList } from '../../../../api/watch';
import { usePluginTranslation } from '../../../../i18n';
import type { VmTabProps } from '../tabs';
import { ConditionsTable, type Condition } from './ConditionsTable';
import { GuestSystemLog } from './GuestSystemLog';

const asConditions = (conditions?: object[]): Condition[] => (conditions ?? []) as Condition[];

/** Status conditions of the VM, its VMI and its DataVolumes, snapshot support, the guest log. */
export const DiagnosticsTab = ({ namespace, vm, vmi, pod }: VmTabProps) => {
  const { t } = usePluginTranslation();
  const dataVolumes = useK8sWatchList<DataVolume>(DataVolumeModel, { namespace });
  const dvNames = new Set(
    (vm.spec?.template?.spec?.volumes ?? []).flatMap((v) =>
      v.dataVolume ? [v.dataVolume.name] : [],
    ),
  );
  const vmDataVolumes = dataVolumes.data.filter((dv) => dvNames.has(dv.metadata?.name ?? ''));
  const volumeSnapshotStatuses = vm.status?.volumeSnapshotStatuses ?? [];

  return (
    <Stack hasGutter>
      <StackItem>
        <Title headingLevel="h2">{t('VirtualMachine conditions')}</Title>
        <ConditionsTable
          conditions={asConditions(vm.status?.conditions)}
          label={t('VirtualMachine conditions')}
        />
      </StackItem>
      <StackItem>
        <Title headingLevel="h2">{t('VirtualMachineInstance conditions')}</Title>
        {vmi ? (
          <ConditionsTable
            conditions={asConditions(vmi.status?.conditions)}
            label={t('VirtualMachineInstance conditions')}
          />
        ) : (
          <Content component="p">{t('The VirtualMachine is not running.')}</Content>
        )}
      </StackItem>
      <StackItem>
        <Title headingLevel="h2">{t('DataVolume conditions')}</Title>
        {vmDataVolumes.length === 0 ? (
          <Content component="p">{t('The VirtualMachine uses no DataVolumes.')}</Content>
        ) : (
          vmDataVolumes.map((dv) => (
            <div key={dv.metadata?.name}>
              <Title headingLevel="h3">
                {t('{{name}} ({{phase}})', {
                  name: dv.metadata?.name,
                  phase: dv.status?.phase ?? t('Unknown'),
                })}
              </Title>
              <ConditionsTable
                conditions={asConditions(dv.status?.conditions)}
                label={t('Conditions of DataVolume {{name}}', { name: dv.metadata?.name })}
              />
            </div>
          ))
        )}
      </StackItem>
      <StackItem>
        <Title headingLevel="h2">{t('Volume snapshot status')}</Title>
        {volumeSnapshotStatuses.length === 0 ? (
          <Content component="p">{t('Not reported yet.')}</Content>
        ) : (
          <Table variant="compact" aria-label={t('Volume snapshot status')}>
            <Thead>
              <Tr>
                <Th modifier="wrap">{t('Volume')}</Th>
                <Th modifier="wrap">{t('Snapshot enabled')}</Th>
                <Th modifier="wrap">{t('Reason')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {volumeSnapshotStatuses.map((v) => (
                <Tr key={v.name}>
                  <Td dataLabel={t('Volume')}>{v.name}</Td>
                  <Td dataLabel={t('Snapshot enabled')}>
                    <Label isCompact color={v.enabled ? 'green' : 'orange'}>
                      {v.enabled ? t('Yes') : t('No')}
                    </Label>
                  </Td>
                  <Td dataLabel={t('Reason')}>{v.reason || '—'}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </StackItem>
      <StackItem>
        <Title headingLevel="h2">{t('Guest system log')}</Title>
        <GuestSystemLog vm={vm} pod={pod} />
      </StackItem>
    </Stack>
  );
};
