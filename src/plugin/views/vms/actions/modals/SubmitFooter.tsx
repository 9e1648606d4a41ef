import { Button, ModalFooter } from '@patternfly/react-core';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../../i18n';

export interface SubmitFooterProps {
  /** The id of the form the submit button sends. */
  formId: string;
  label: ReactNode;
  /** For actions that lose work (delete). */
  danger?: boolean;
  isDisabled: boolean;
  busy: boolean;
  onCancel(): void;
  /** Default "Cancel". */
  cancelLabel?: ReactNode;
}

/** The footer of a form dialog: its submit button (busy while it runs) and Cancel. */
export const SubmitFooter = ({
  formId,
  label,
  danger,
  isDisabled,
  busy,
  onCancel,
  cancelLabel,
}: SubmitFooterProps) => {
  const { t } = usePluginTranslation();
  return (
    <ModalFooter>
      <Button
        variant={danger ? 'danger' : 'primary'}
        type="submit"
        form={formId}
        isDisabled={isDisabled}
        isLoading={busy}
      >
        {label}
      </Button>
      <Button variant="link" onClick={onCancel}>
        {cancelLabel ?? t('Cancel')}
      </Button>
    </ModalFooter>
  );
};
