import { Checkbox, Content } from '@patternfly/react-core';
import { useRef, useState } from 'react';
import { hotplugVolume, k8sDelete } from '../../../../../api/k8s';
import { DataVolumeModel, PersistentVolumeClaimModel } from '../../../../../api/models';
import { usePluginTranslation } from '../../../../../i18n';
import type { VmEditor } from '../editor/vmEditor';
import { FormModal } from '../editor/FormModal';
import { backingObject, detachPlan } from './detachPlan';
import type { DiskRow } from './diskRows';
import { guestRuns, vmRef } from './guestRuns';
import { RestartHint } from '../editor/RestartHint';

const isNotFound = (error: unknown) => (error as { code?: number } | null)?.code === 404;

/** Detach a disk: hot-unplug it, or remove it from the VM; optionally delete its storage too. */
export const DetachDiskModal = ({
  editor,
  row,
  onClose,
}: {
  editor: VmEditor;
  row: DiskRow;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const [deleteStorage, setDeleteStorage] = useState(false);
  const running = guestRuns(editor);
  const plan = detachPlan(editor.vm, row, running);
  // A draft only drops the disk: its DataVolume is not created yet, and a PVC it names is not
  // the draft's to delete before the VM even exists.
  const backing = editor.live ? backingObject(row) : undefined;
  const namespace = editor.vm.metadata?.namespace ?? '';
  // Detached already by an attempt whose deletion then failed: do not detach twice.
  const detached = useRef(false);

  const submit = async () => {
    if (!detached.current) {
      if (plan.kind === 'hotplug')
        await hotplugVolume(
          vmRef(editor),
          'removevolume',
          { name: row.name },
          { persist: plan.persist },
        );
      else await editor.patch(plan.ops);
      detached.current = true;
    }
    if (!deleteStorage || !backing) return;
    if (backing.kind === 'DataVolume') {
      try {
        await k8sDelete(DataVolumeModel, { namespace, name: backing.name });
        return;
      } catch (error) {
        // A DataVolume already collected leaves its claim behind: delete that instead.
        if (!isNotFound(error)) throw error;
      }
    }
    await k8sDelete(PersistentVolumeClaimModel, { namespace, name: backing.name });
  };

  return (
    <FormModal
      title={t('Detach disk')}
      variant="small"
      submitLabel={t('Detach')}
      isValid
      onSubmit={submit}
      onClose={onClose}
    >
      {() => (
        <>
          <Content component="p">
            {t('Detach disk {{disk}} from VirtualMachine {{vm}}?', {
              disk: row.name,
              vm: editor.vm.metadata?.name,
            })}
          </Content>
          <Content component="p">
            {plan.kind === 'hotplug'
              ? plan.persist
                ? t('The disk is removed from the running guest now, and from the VirtualMachine.')
                : t('The disk is removed from the running guest now.')
              : t('The disk and its volume are removed from the VirtualMachine.')}
          </Content>
          {plan.kind === 'patch' && plan.restartBound && <RestartHint />}
          {backing && (
            <Checkbox
              id="virtualization-plugin-detach-delete"
              label={t('Also delete the PVC/DataVolume')}
              description={
                backing.kind === 'DataVolume'
                  ? t(
                      'DataVolume {{name}} and its PVC are deleted: the data on the disk is lost.',
                      {
                        name: backing.name,
                      },
                    )
                  : t('PVC {{name}} is deleted: the data on the disk is lost.', {
                      name: backing.name,
                    })
              }
              isChecked={deleteStorage}
              onChange={(_, checked) => setDeleteStorage(checked)}
            />
          )}
        </>
      )}
    </FormModal>
  );
};
