import {
  Button,
  Content,
  Form,
  FormHelperText,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Modal,
  ModalBody,
  ModalHeader,
  TextInput,
} from '@patternfly/react-core';
import { MinusCircleIcon, PlusCircleIcon } from '@patternfly/react-icons';
import { useMemo, useState } from 'react';
import type { ResourceModel } from '../../../../api/models';
import { usePluginTranslation } from '../../../../i18n';
import { mapOf, rowsOf, validateMetadataRows, type MetadataRow } from '../metadataValidation';
import { patchMetadataMap, type VmRef } from '../vmMutations';
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

  const update = (at: number, change: Partial<MetadataRow>) =>
    setRows((current) => current.map((row, index) => (index === at ? { ...row, ...change } : row)));

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
          {rows.map((row, at) => (
            <Grid hasGutter key={at}>
              <GridItem span={5}>
                <TextInput
                  aria-label={t('Key {{index}}', { index: at + 1 })}
                  placeholder={t('Key')}
                  value={row.key}
                  validated={errors[at]?.key ? 'error' : 'default'}
                  onChange={(_, key) => update(at, { key: key.trim() })}
                />
                {errors[at]?.key && (
                  <FormHelperText>
                    <HelperText>
                      <HelperTextItem variant="error">{errors[at]?.key}</HelperTextItem>
                    </HelperText>
                  </FormHelperText>
                )}
              </GridItem>
              <GridItem span={6}>
                <TextInput
                  aria-label={t('Value {{index}}', { index: at + 1 })}
                  placeholder={t('Value')}
                  value={row.value}
                  validated={errors[at]?.value ? 'error' : 'default'}
                  onChange={(_, value) => update(at, { value })}
                />
                {errors[at]?.value && (
                  <FormHelperText>
                    <HelperText>
                      <HelperTextItem variant="error">{errors[at]?.value}</HelperTextItem>
                    </HelperText>
                  </FormHelperText>
                )}
              </GridItem>
              <GridItem span={1}>
                <Button
                  variant="plain"
                  aria-label={t('Remove {{key}}', {
                    key: row.key || t('row {{index}}', { index: at + 1 }),
                  })}
                  icon={<MinusCircleIcon />}
                  onClick={() => setRows((current) => current.filter((_, index) => index !== at))}
                />
              </GridItem>
            </Grid>
          ))}
          {rows.length === 0 && (
            <Content component="p">
              {field === 'labels' ? t('No labels.') : t('No annotations.')}
            </Content>
          )}
          <div>
            <Button
              variant="link"
              icon={<PlusCircleIcon />}
              onClick={() => setRows((current) => [...current, { key: '', value: '' }])}
            >
              {field === 'labels' ? t('Add label') : t('Add annotation')}
            </Button>
          </div>
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
