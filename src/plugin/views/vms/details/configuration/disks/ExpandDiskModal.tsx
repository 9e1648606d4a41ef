import { Content } from '@patternfly/react-core';
import { useState } from 'react';
import { k8sPatch } from '../../../../../api/k8s';
import { PersistentVolumeClaimModel } from '../../../../../api/models';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import { quantityBytes } from '../../overview/formatQuantity';
import { expandClaimPatch } from './diskOps';
import type { DiskRow } from './diskRows';
import {
  sizeFields,
  sizeLabel,
  sizeQuantity,
  validateExpandSize,
  type SizeUnit,
} from './diskValidation';
import { SizeField } from './SizeField';

/** Grow the PVC behind a disk (never shrink): a merge patch of its requested storage. */
export const ExpandDiskModal = ({
  namespace,
  row,
  onClose,
}: {
  namespace: string;
  row: DiskRow;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const currentBytes = quantityBytes(row.capacity) ?? 0;
  const currentLabel = row.capacity ? sizeLabel(currentBytes) : t('unknown');
  const initial = sizeFields(currentBytes);
  const [value, setValue] = useState(initial.value);
  const [unit, setUnit] = useState<SizeUnit>(initial.unit);
  const error = validateExpandSize(value, unit, currentBytes, currentLabel, t);
  return (
    <FormModal
      title={t('Expand disk')}
      variant="small"
      submitLabel={t('Expand')}
      isValid={!error}
      onSubmit={async () => {
        await k8sPatch(
          PersistentVolumeClaimModel,
          { namespace, name: row.claimName ?? '' },
          expandClaimPatch(sizeQuantity(value, unit)),
        );
      }}
      onClose={onClose}
    >
      {(serverError) => (
        <>
          <Content component="p">
            {t('PVC {{claim}} of disk {{disk}} holds {{size}} now.', {
              claim: row.claimName,
              disk: row.name,
              size: currentLabel,
            })}
          </Content>
          <SizeField
            id="virtualization-plugin-expand-size"
            value={value}
            unit={unit}
            error={error ?? fieldErrorOf(serverError, 'spec.resources')}
            helper={t(
              'The guest then extends its partitions and file systems to use the new space.',
            )}
            onChange={(nextValue, nextUnit) => {
              setValue(nextValue);
              setUnit(nextUnit);
            }}
          />
        </>
      )}
    </FormModal>
  );
};
