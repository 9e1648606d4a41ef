import { Alert, Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useId, useState, type ReactNode } from 'react';
import { errorMessage } from '../../../../api/bff';
import { usePluginTranslation } from '../../../../i18n';

/** A confirmation that runs `action`, stays open with the server's message if it fails. */
export const ConfirmModal = ({
  title,
  children,
  confirmLabel,
  danger,
  action,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  action(): Promise<unknown>;
  onClose(): void;
}) => {
  const { t } = usePluginTranslation();
  const titleId = useId();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setRunning(true);
    setError(undefined);
    try {
      await action();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
      setRunning(false);
    }
  };
  return (
    <Modal isOpen onClose={onClose} variant="small" aria-labelledby={titleId}>
      <ModalHeader
        title={title}
        labelId={titleId}
        titleIconVariant={danger ? 'warning' : undefined}
      />
      <ModalBody>
        {children}
        {error && (
          <Alert variant="danger" isInline title={t('The request failed')}>
            {error}
          </Alert>
        )}
      </ModalBody>
      <ModalFooter>
        <Button
          variant={danger ? 'danger' : 'primary'}
          onClick={() => void confirm()}
          isLoading={running}
          isDisabled={running}
        >
          {confirmLabel}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
