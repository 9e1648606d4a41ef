import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  List,
  ListItem,
} from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { sizeLabel } from '../../vms/details/configuration/disks/diskValidation';
import { quantityBytes } from '../../vms/details/overview/formatQuantity';
import { workloadLabel } from './catalogTexts';
import type { CatalogEntry } from './templateFilters';
import { SourceLabel } from './TemplateTile';

/** Where the template's boot disk comes from (whether it is there is the label's to say). */
export const BootSourceText = ({ entry }: { entry: CatalogEntry }) => {
  const { t } = usePluginTranslation();
  const source = entry.bootSource;
  switch (source.kind) {
    case 'DataSource':
      return (
        <>
          {t('DataSource {{name}}', {
            name: source.namespace ? `${source.namespace}/${source.name}` : source.name,
          })}
        </>
      );
    case 'PersistentVolumeClaim':
      return (
        <>
          {t('PersistentVolumeClaim {{name}}', {
            name: source.namespace ? `${source.namespace}/${source.name}` : source.name,
          })}
        </>
      );
    case 'containerDisk':
      return <>{t('Container disk {{image}}', { image: source.image })}</>;
    case 'import':
      return <>{t('Imported from {{url}}', { url: source.url })}</>;
    default:
      return <>{t('None')}</>;
  }
};

const memoryText = (memory?: string): string | undefined => {
  const bytes = quantityBytes(memory);
  return bytes === undefined ? memory : sizeLabel(bytes);
};

const Row = ({ term, children }: { term: string; children: ReactNode }) => (
  <DescriptionListGroup>
    <DescriptionListTerm>{term}</DescriptionListTerm>
    <DescriptionListDescription>{children}</DescriptionListDescription>
  </DescriptionListGroup>
);

/** What the template creates: description, OS, workload, size, disks, NICs and boot source. */
export const TemplateSummary = ({ entry }: { entry: CatalogEntry }) => {
  const { t } = usePluginTranslation();
  const none = t('None');
  return (
    <DescriptionList isCompact>
      <Row term={t('Description')}>{entry.description ?? none}</Row>
      <Row term={t('Operating system')}>{entry.osNames.join(', ') || none}</Row>
      <Row term={t('Workload')}>
        {entry.workloads.map((workload) => workloadLabel(t, workload)).join(', ') || none}
      </Row>
      <Row term={t('CPU | Memory')}>
        {t('{{cpu}} CPU | {{memory}} Memory', {
          cpu: entry.cpu ?? 1,
          memory: memoryText(entry.memory) ?? t('not set'),
        })}
      </Row>
      <Row term={t('Disks')}>
        {entry.disks.length ? (
          <List isPlain>
            {entry.disks.map((disk) => (
              <ListItem key={disk.name}>
                {t('{{name}}: {{drive}}, {{bus}}', {
                  name: disk.name,
                  drive:
                    disk.drive === 'cdrom'
                      ? t('CD-ROM')
                      : disk.drive === 'lun'
                        ? t('LUN')
                        : t('Disk'),
                  bus: disk.bus,
                })}
              </ListItem>
            ))}
          </List>
        ) : (
          none
        )}
      </Row>
      <Row term={t('Network interfaces')}>
        {entry.nics.length ? (
          <List isPlain>
            {entry.nics.map((nic) => (
              <ListItem key={nic.name}>
                {t('{{name}}: {{network}}', {
                  name: nic.name,
                  network: [nic.networkName ?? t('Pod networking'), nic.model, nic.binding]
                    .filter(Boolean)
                    .join(', '),
                })}
              </ListItem>
            ))}
          </List>
        ) : (
          none
        )}
      </Row>
      <Row term={t('Boot source')}>
        <SourceLabel entry={entry} /> <BootSourceText entry={entry} />
      </Row>
      {entry.provider && <Row term={t('Provider')}>{entry.provider}</Row>}
      {entry.supportLevel && <Row term={t('Support')}>{entry.supportLevel}</Row>}
      {entry.flavors.length > 0 && <Row term={t('Flavor')}>{entry.flavors.join(', ')}</Row>}
      <Row term={t('Template')}>{`${entry.namespace}/${entry.name}`}</Row>
    </DescriptionList>
  );
};
