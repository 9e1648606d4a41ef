import { Content, Label } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import type { Translate } from '../../../vms/actions/vmActionModel';
import { sizeLabel } from '../../../vms/details/configuration/disks/diskValidation';
import { OS_IMAGES_NAMESPACE, volumeBytes, type ListedVolume } from './bootableVolumes';
import type { SortValue } from './volumeOrder';

export type VolumeColumnId = 'name' | 'os' | 'storageClass' | 'size' | 'description';

/** One data column of the table: its title, what it sorts by and what its cell shows. */
export interface VolumeColumn {
  id: VolumeColumnId;
  title: string;
  sortValue(volume: ListedVolume): SortValue;
  cell(volume: ListedVolume): ReactNode;
}

const DASH = '—';

const NameCell = ({ volume, t }: { volume: ListedVolume; t: Translate }) => {
  const { name, namespace } = volume.source;
  return (
    <>
      <div>{volume.displayName}</div>
      {volume.displayName !== name && <Content component="small">{name}</Content>}
      {namespace !== OS_IMAGES_NAMESPACE && (
        <div>
          <Content component="small">{t('Project {{project}}', { project: namespace })}</Content>
        </div>
      )}
      {!volume.ready && (
        <div>
          <Label color="orange" isCompact>
            {t('Not ready')}
          </Label>{' '}
          <Content component="small">
            {volume.notReadyReason ?? t('The volume cannot be cloned from yet.')}
          </Content>
        </div>
      )}
    </>
  );
};

/** The table's data columns, in order (the radio and the star come before them). */
export const volumeColumns = (
  t: Translate,
  osLabelOf: (volume: ListedVolume) => string,
): VolumeColumn[] => [
  {
    id: 'name',
    title: t('Volume name'),
    sortValue: (v) => v.displayName,
    cell: (v) => <NameCell volume={v} t={t} />,
  },
  {
    id: 'os',
    title: t('Operating system'),
    sortValue: osLabelOf,
    cell: (v) => osLabelOf(v) || DASH,
  },
  {
    id: 'storageClass',
    title: t('Storage class'),
    sortValue: (v) => v.storageClass,
    cell: (v) => v.storageClass ?? DASH,
  },
  {
    id: 'size',
    title: t('Size'),
    sortValue: volumeBytes,
    cell: (v) => {
      const bytes = volumeBytes(v);
      return bytes ? sizeLabel(bytes) : DASH;
    },
  },
  {
    id: 'description',
    title: t('Description'),
    sortValue: (v) => v.description,
    cell: (v) => v.description ?? DASH,
  },
];
