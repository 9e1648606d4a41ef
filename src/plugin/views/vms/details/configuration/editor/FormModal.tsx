import { Form, Modal, ModalBody, ModalHeader, type ModalProps } from '@patternfly/react-core';
import { useId, useState, type ReactNode } from 'react';
import { ModalError } from '../../../actions/modals/ModalError';
import { SubmitFooter } from '../../../actions/modals/SubmitFooter';
import { usePluginTranslation } from '../../../../../i18n';
import { isStaleEdit } from './fieldErrors';

const inOpenMenu = (target: EventTarget | null): boolean =>
  target instanceof Element &&
  !!target.closest('[role="menu"], [role="listbox"], [aria-expanded="true"]');

export interface FormModalProps {
  title: string;
  description?: ReactNode;
  variant?: ModalProps['variant'];
  /** Default "Save". */
  submitLabel?: ReactNode;
  /** False while the form has errors of its own: nothing is sent. */
  isValid: boolean;
  /** Sends the change; a rejection is shown and the form stays open with what was typed. */
  onSubmit(): Promise<void>;
  onClose(): void;
  /** The fields; given the last server error so each can show the cause that names it. */
  children: (error: unknown) => ReactNode;
}

/**
 * A configuration form in a dialog: validates before sending, shows the server's refusal inside
 * the dialog (fields show the causes that name them), and keeps everything typed on failure.
 */
export const FormModal = ({
  title,
  description,
  variant = 'medium',
  submitLabel,
  isValid,
  onSubmit,
  onClose,
  children,
}: FormModalProps) => {
  const { t } = usePluginTranslation();
  const id = useId().replace(/:/g, '');
  const formId = `virtualization-plugin-form-${id}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit();
      onClose();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <Modal
      isOpen
      variant={variant}
      onClose={onClose}
      onEscapePress={(event) => {
        // Escape in an open menu or select closes that, not the form with what was typed.
        if (!inOpenMenu(event.target) && !inOpenMenu(document.activeElement)) onClose();
      }}
      aria-labelledby={`${formId}-title`}
    >
      <ModalHeader title={title} labelId={`${formId}-title`} description={description} />
      <ModalBody>
        <Form
          id={formId}
          onSubmit={(event) => {
            event.preventDefault();
            if (isValid && !busy) void submit();
          }}
        >
          {children(error)}
          <ModalError
            error={error}
            showCauses={false}
            title={
              isStaleEdit(error)
                ? t('The VirtualMachine changed while this form was open; review and save again')
                : undefined
            }
          />
        </Form>
      </ModalBody>
      <SubmitFooter
        formId={formId}
        label={submitLabel ?? t('Save')}
        isDisabled={!isValid || busy}
        busy={busy}
        onCancel={onClose}
      />
    </Modal>
  );
};
