import { Content } from '@patternfly/react-core';
import { useState } from 'react';
import { k8sPatch } from '../../../../../api/k8s';
import { PersistentVolumeClaimModel } from '../../../../../api/models';
import { usePluginTranslation } from '../../../../../i18n';
import { fieldErrorOf } from '../editor/fieldErrors';
import { FormModal } from '../editor/FormModal';
import type { VmEditor } from '../editor/vmEditor';
import { quantityBytes } from '../../overview/formatQuantity';
import { expandClaimPatch, templateSize, templateSizeOps } from './diskOps';
import type { DiskRow } from './diskRows';
import {
  sizeFields,
  sizeLabel,
  sizeQuantity,
  validateExpandSize,
  validateSize,
  type SizeUnit,
} from './diskValidation';
import { SizeField } from './SizeField';

/**
 * Grow the PVC behind a disk (never shrink): a merge patch of its requested storage. In a draft
 * nothing exists yet: the disk's DataVolume template asks for the new size instead.
 */
export const ExpandDiskModal = ({
  namespace,
  row,
  editor,
  onClose,
}: {
  namespace: string;
  row: DiskRow;
  /** Given for a draft, whose disks are DataVolume templates. */
  editor?: VmEditor;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const template = editor && !editor.live ? row.dataVolumeTemplate : undefined;
  const current = template ? templateSize(template) : row.capacity;
  const currentBytes = quantityBytes(current) ?? 0;
  const currentLabel = current ? sizeLabel(currentBytes) : t('unknown');
  const initial =
    template && !current ? { value: '', unit: 'GiB' as const } : sizeFields(currentBytes);
  const [value, setValue] = useState(initial.value);
  const [unit, setUnit] = useState<SizeUnit>(initial.unit);
  // A template taking its source's size has no size to grow from yet.
  const error =
    template && !current
      ? validateSize(value, unit, t)
      : validateExpandSize(value, unit, currentBytes, currentLabel, t);
  const submit = async () => {
    if (editor && template) {
      await editor.patch(
        templateSizeOps(editor.vm, template.metadata?.name ?? '', sizeQuantity(value, unit)),
      );
      return;
    }
    await k8sPatch(
      PersistentVolumeClaimModel,
      { namespace, name: row.claimName ?? '' },
      expandClaimPatch(sizeQuantity(value, unit)),
    );
  };
  return (
    <FormModal
      title={t('Expand disk')}
      variant="small"
      submitLabel={t('Expand')}
      isValid={!error}
      onSubmit={submit}
      onClose={onClose}
    >
      {(serverError) => (
        <>
          <Content component="p">
            {template
              ? current
                ? t('Disk {{disk}} is created with {{size}}.', {
                    disk: row.name,
                    size: currentLabel,
                  })
                : t('Disk {{disk}} is created with the size of its source.', { disk: row.name })
              : t('PVC {{claim}} of disk {{disk}} holds {{size}} now.', {
                  claim: row.claimName,
                  disk: row.name,
                  size: currentLabel,
                })}
          </Content>
          <SizeField
            id="virtualization-plugin-expand-size"
            value={value}
            unit={unit}
            error={error ?? fieldErrorOf(serverError, 'spec.resources', 'spec.dataVolumeTemplates')}
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
