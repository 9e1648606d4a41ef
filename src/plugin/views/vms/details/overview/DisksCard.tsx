import { Card, CardBody, CardTitle, Content } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { TFunction } from 'i18next';
import type { DataVolume, PersistentVolumeClaim, VirtualMachine } from '../../../../api/types';
import { usePluginTranslation } from '../../../../i18n';
import { disks, type DiskRow } from './vmFacts';

const sourceText = (t: TFunction, source: DiskRow['source']): string => {
  const kinds: Record<string, string> = {
    containerDisk: t('Container disk'),
    dataVolume: t('DataVolume'),
    persistentVolumeClaim: t('PVC'),
    cloudInit: t('cloud-init'),
    emptyDisk: t('Empty disk'),
    ephemeral: t('Ephemeral PVC'),
    configMap: t('ConfigMap'),
    secret: t('Secret'),
    serviceAccount: t('ServiceAccount'),
    sysprep: t('Sysprep'),
    none: t('No volume'),
    other: t('Other'),
  };
  const kind = kinds[source.kind] ?? source.kind;
  return source.detail ? `${kind} ${source.detail}` : kind;
};

const driveText = (t: TFunction, drive: DiskRow['drive']) =>
  drive === 'cdrom' ? t('CD-ROM') : drive === 'lun' ? t('LUN') : t('Disk');

/** The VM's disks with their backing volumes' size and storage class. */
export const DisksCard = ({
  vm,
  claims,
  dataVolumes,
}: {
  vm: VirtualMachine;
  claims: PersistentVolumeClaim[];
  dataVolumes: DataVolume[];
}) => {
  const { t } = usePluginTranslation();
  const rows = disks(vm, claims, dataVolumes);
  return (
    <Card>
      <CardTitle component="h2">{t('Disks ({{count}})', { count: rows.length })}</CardTitle>
      <CardBody>
        {rows.length === 0 ? (
          <Content component="p">{t('No disks')}</Content>
        ) : (
          <Table variant="compact" gridBreakPoint="grid-md" aria-label={t('Disks')}>
            <Thead>
              <Tr>
                <Th modifier="wrap">{t('Name')}</Th>
                <Th modifier="wrap">{t('Drive')}</Th>
                <Th modifier="wrap">{t('Size')}</Th>
                <Th modifier="wrap">{t('Interface')}</Th>
                <Th modifier="wrap">{t('Storage class')}</Th>
                <Th modifier="wrap">{t('Source')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((row) => (
                <Tr key={row.name}>
                  <Td dataLabel={t('Name')} modifier="breakWord">
                    {row.name}
                  </Td>
                  <Td dataLabel={t('Drive')}>{driveText(t, row.drive)}</Td>
                  <Td dataLabel={t('Size')}>{row.size ?? '—'}</Td>
                  <Td dataLabel={t('Interface')}>{row.interface ?? '—'}</Td>
                  <Td dataLabel={t('Storage class')} modifier="breakWord">
                    {row.storageClass ?? '—'}
                  </Td>
                  <Td dataLabel={t('Source')} modifier="breakWord">
                    {sourceText(t, row.source)}
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
