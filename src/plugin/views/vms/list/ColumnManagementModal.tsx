import {
  Button,
  Checkbox,
  Content,
  Form,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { defaultColumnIds, type VmColumn } from './vmColumns';

/** Which columns the table shows; Name always. */
export const ColumnManagementModal = ({
  columns,
  visible,
  onSave,
  close,
}: {
  columns: VmColumn[];
  visible: string[];
  onSave: (ids: string[]) => void;
  close: () => void;
}) => {
  const { t } = usePluginTranslation();
  const [chosen, setChosen] = useState(() => new Set(visible));
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <Modal
      isOpen
      variant="small"
      onClose={close}
      aria-labelledby="virtualization-plugin-columns-title"
    >
      <ModalHeader
        title={t('Manage columns')}
        labelId="virtualization-plugin-columns-title"
        description={t('Choose the columns the VirtualMachines table shows.')}
      />
      <ModalBody>
        <Form onSubmit={(event) => event.preventDefault()}>
          {columns.map((column) => (
            <Checkbox
              key={column.id}
              id={`virtualization-plugin-column-${column.id}`}
              label={column.title(t)}
              isChecked={column.required || chosen.has(column.id)}
              isDisabled={column.required}
              onChange={(_, on) => toggle(column.id, on)}
            />
          ))}
          <Content component="small">{t('Your choice is kept in this browser.')}</Content>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          onClick={() => {
            onSave(
              columns.filter((column) => column.required || chosen.has(column.id)).map((c) => c.id),
            );
            close();
          }}
        >
          {t('Save')}
        </Button>
        <Button variant="secondary" onClick={() => setChosen(new Set(defaultColumnIds()))}>
          {t('Restore defaults')}
        </Button>
        <Button variant="link" onClick={close}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
