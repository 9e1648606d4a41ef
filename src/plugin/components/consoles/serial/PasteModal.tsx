import {
  Button,
  Form,
  FormGroup,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextArea,
} from '@patternfly/react-core';
import { useState } from 'react';
import { usePluginTranslation } from '../../../i18n';

interface PasteModalProps {
  onPaste: (text: string) => void;
  onClose: () => void;
}

/** Where to paste by hand when the browser does not let the page read the clipboard. */
export const PasteModal = ({ onPaste, onClose }: PasteModalProps) => {
  const { t } = usePluginTranslation();
  const [text, setText] = useState('');
  const submit = () => {
    onPaste(text);
    onClose();
  };
  return (
    <Modal
      isOpen
      variant="small"
      onClose={onClose}
      aria-labelledby="virtualization-plugin-serial-paste-title"
    >
      <ModalHeader
        title={t('Paste to the serial console')}
        labelId="virtualization-plugin-serial-paste-title"
        description={t(
          'The browser did not allow reading the clipboard. Paste the text here to send it as input.',
        )}
      />
      <ModalBody>
        <Form
          id="virtualization-plugin-serial-paste-form"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <FormGroup label={t('Text to send')} fieldId="virtualization-plugin-serial-paste-text">
            <TextArea
              id="virtualization-plugin-serial-paste-text"
              value={text}
              onChange={(_event, value) => setText(value)}
              rows={8}
              resizeOrientation="vertical"
            />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          type="submit"
          form="virtualization-plugin-serial-paste-form"
          isDisabled={!text}
        >
          {t('Send')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
