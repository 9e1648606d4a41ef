import { Form, Modal, ModalBody, ModalHeader } from '@patternfly/react-core';
import { useMemo, useState } from 'react';
import type { ResourceModel } from '../../../../api/models';
import { usePluginTranslation } from '../../../../i18n';
import { mapOf, rowsOf, validateMetadataRows, type MetadataRow } from '../metadataValidation';
import { patchMetadataMap, type VmRef } from '../vmMutations';
import { KeyValueRows } from './KeyValueRows';
import { ModalError } from './ModalError';
import { SubmitFooter } from './SubmitFooter';

interface EditMetadataModalProps {
  model: ResourceModel;
  object: {
    metadata?: {
      namespace?: string;
      name?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
  };
  field: 'labels' | 'annotations';
  close: () => void;
  /**
   * Saves the new map; by default a merge patch of the changed keys of the object in the
   * cluster. The creation flow's draft VM passes its own.
   */
  save?: (next: Record<string, string>) => Promise<unknown>;
}

/** Key/value rows for a VM's labels or annotations; saves only what changed (merge patch). */
export const EditMetadataModal = ({
  model,
  object,
  field,
  close,
  save: saveMap,
}: EditMetadataModalProps) => {
  const { t } = usePluginTranslation();
  const before = useMemo(() => ({ ...(object.metadata?.[field] ?? {}) }), [object, field]);
  const [rows, setRows] = useState<MetadataRow[]>(() => {
    const initial = rowsOf(before);
    return initial.length ? initial : [{ key: '', value: '' }];
  });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const errors = validateMetadataRows(rows, field, t);
  const invalid = errors.some((row) => row.key || row.value);
  const ref: VmRef = {
    namespace: object.metadata?.namespace ?? '',
    name: object.metadata?.name ?? '',
  };
  const title = field === 'labels' ? t('Edit labels') : t('Edit annotations');

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      if (saveMap) await saveMap(mapOf(rows));
      else await patchMetadataMap(model, ref, field, before, mapOf(rows));
      close();
    } catch (failure) {
      // The rows stay as typed: fix and save again.
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Modal
      isOpen
      variant="medium"
      onClose={close}
      aria-labelledby="virtualization-plugin-metadata-title"
    >
      <ModalHeader
        title={title}
        labelId="virtualization-plugin-metadata-title"
        description={t('{{kind}} {{name}}', { kind: model.kind, name: ref.name })}
      />
      <ModalBody>
        <Form
          id="virtualization-plugin-metadata-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!invalid && !busy) void save();
          }}
        >
          <KeyValueRows
            rows={rows}
            setRows={setRows}
            errors={errors}
            removeLabel={(row, at) =>
              t('Remove {{key}}', { key: row.key || t('row {{index}}', { index: at + 1 }) })
            }
            empty={field === 'labels' ? t('No labels.') : t('No annotations.')}
            addLabel={field === 'labels' ? t('Add label') : t('Add annotation')}
          />
          <ModalError error={error} />
        </Form>
      </ModalBody>
      <SubmitFooter
        formId="virtualization-plugin-metadata-form"
        label={t('Save')}
        isDisabled={invalid || busy}
        busy={busy}
        onCancel={close}
      />
    </Modal>
  );
};
