import {
  Button,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../../i18n';
import type { VmActionConfirm } from '../vmActionModel';
import { ModalError } from './ModalError';

interface ConfirmActionModalProps {
  confirm: VmActionConfirm;
  run: () => Promise<unknown>;
  close: () => void;
}

/** "Stop a?" → the action; stays open with the server's message when the action fails. */
export const ConfirmActionModal = ({ confirm, run, close }: ConfirmActionModalProps) => {
  const { t } = usePluginTranslation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await run();
      close();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <Modal
      isOpen
      variant="small"
      onClose={close}
      aria-labelledby="virtualization-plugin-confirm-title"
    >
      <ModalHeader
        title={confirm.title}
        titleIconVariant={confirm.danger ? 'warning' : undefined}
        labelId="virtualization-plugin-confirm-title"
      />
      <ModalBody>
        <Stack hasGutter>
          <StackItem>{confirm.body}</StackItem>
          <StackItem>
            <ModalError error={error} />
          </StackItem>
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button
          variant={confirm.danger ? 'danger' : 'primary'}
          onClick={() => void submit()}
          isLoading={busy}
          isDisabled={busy}
        >
          {confirm.button}
        </Button>
        <Button variant="link" onClick={close}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};

/** An action that ran without a dialog and failed: what the server said. */
export const ActionErrorModal = ({
  title,
  error,
  close,
}: {
  title: string;
  error: unknown;
  close: () => void;
}) => {
  const { t } = usePluginTranslation();
  return (
    <Modal
      isOpen
      variant="small"
      onClose={close}
      aria-labelledby="virtualization-plugin-error-title"
    >
      <ModalHeader
        title={title}
        titleIconVariant="danger"
        labelId="virtualization-plugin-error-title"
      />
      <ModalBody>
        <ModalError error={error} title={t('The server refused the request')} />
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={close}>
          {t('Close')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
