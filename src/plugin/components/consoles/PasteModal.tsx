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
import { useId, useState } from 'react';
import { usePluginTranslation } from '../../i18n';

interface PasteModalProps {
  /** The dialog's title, e.g. "Paste text". */
  title: string;
  /** The text area's label, which says what happens to the text. */
  label: string;
  /** The submit button's text. */
  submitLabel: string;
  onPaste: (text: string) => void;
  onClose: () => void;
}

/**
 * The fallback of both consoles when the browser refuses to read the clipboard: paste into a
 * text area, then send. The dialog closes on send.
 */
export const PasteModal = ({ title, label, submitLabel, onPaste, onClose }: PasteModalProps) => {
  const { t } = usePluginTranslation();
  const [text, setText] = useState('');
  const id = `virtualization-plugin-paste-${useId().replace(/:/g, '')}`;
  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby={`${id}-title`}>
      <ModalHeader title={title} labelId={`${id}-title`} />
      <ModalBody>
        <Alert
          isInline
          isPlain
          variant="info"
          title={t('The browser did not let the page read the clipboard. Paste the text here.')}
        />
        <Form
          id={`${id}-form`}
          onSubmit={(event) => {
            event.preventDefault();
            if (!text) return;
            onClose();
            onPaste(text);
          }}
        >
          <FormGroup label={label} fieldId={`${id}-text`}>
            <TextArea
              id={`${id}-text`}
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
        <Button variant="primary" type="submit" form={`${id}-form`} isDisabled={!text}>
          {submitLabel}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
