import { FormGroup, TextArea } from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../../../i18n';
import { EditableRow } from '../../editor/EditableRow';
import { fieldErrorOf } from '../../editor/fieldErrors';
import { FormModal } from '../../editor/FormModal';
import type { VmEditor } from '../../editor/vmEditor';
import { descriptionOf, descriptionOps } from '../detailsOps';
import { FieldHelp } from '../../../../actions/modals/FieldHelp';

const DescriptionModal = ({ editor, onClose }: { editor: VmEditor; onClose(): void }) => {
  const { t } = usePluginTranslation();
  const [description, setDescription] = useState(() => descriptionOf(editor.vm));
  return (
    <FormModal
      title={t('Edit description')}
      isValid
      onSubmit={async () => {
        await editor.patch(descriptionOps(editor.vm, description));
      }}
      onClose={onClose}
    >
      {(error) => {
        const serverError = fieldErrorOf(error, 'metadata.annotations');
        return (
          <FormGroup label={t('Description')} fieldId="virtualization-plugin-description">
            <TextArea
              id="virtualization-plugin-description"
              value={description}
              onChange={(_, value) => setDescription(value)}
              validated={serverError ? 'error' : 'default'}
              resizeOrientation="vertical"
              autoResize
            />
            <FieldHelp error={serverError}>
              {t('Kept in the "description" annotation of the VirtualMachine.')}
            </FieldHelp>
          </FormGroup>
        );
      }}
    </FormModal>
  );
};

export const DescriptionRow = ({ editor }: { editor: VmEditor }) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  const description = descriptionOf(editor.vm);
  return (
    <>
      <EditableRow label={t('Description')} editor={editor} onEdit={() => setOpen(true)}>
        {description && <span style={{ whiteSpace: 'pre-wrap' }}>{description}</span>}
      </EditableRow>
      {open && <DescriptionModal editor={editor} onClose={() => setOpen(false)} />}
    </>
  );
};
