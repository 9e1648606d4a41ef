import {
  Alert,
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

/** The fallback when the browser refuses to read the clipboard: paste into a text area. */
export const PasteModal = ({
  onType,
  onClose,
}: {
  onType: (text: string) => void;
  onClose: () => void;
}) => {
  const { t } = usePluginTranslation();
  const [text, setText] = useState('');
  return (
    <Modal
      isOpen
      variant="small"
      onClose={onClose}
      aria-labelledby="virtualization-plugin-vnc-paste-title"
    >
      <ModalHeader title={t('Paste text')} labelId="virtualization-plugin-vnc-paste-title" />
      <ModalBody>
        <Alert
          isInline
          isPlain
          variant="info"
          title={t('The browser did not let the page read the clipboard. Paste the text here.')}
        />
        <Form
          id="virtualization-plugin-vnc-paste-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (text) onType(text);
          }}
        >
          <FormGroup
            label={t('Text to type into the console')}
            fieldId="virtualization-plugin-vnc-paste-text"
          >
            <TextArea
              id="virtualization-plugin-vnc-paste-text"
              value={text}
              onChange={(_, value) => setText(value)}
              autoResize
              resizeOrientation="vertical"
              rows={6}
            />
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button
          variant="primary"
          type="submit"
          form="virtualization-plugin-vnc-paste-form"
          isDisabled={!text}
        >
          {t('Type text')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
