import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';

/** Under a field: its error (ours or the server's), else a warning, else the help text. */
export const FieldMessage = ({
  error,
  warning,
  helper,
}: {
  error?: string;
  warning?: string;
  helper?: ReactNode;
}) => {
  const text = error ?? warning ?? helper;
  if (!text) return null;
  const variant = error ? 'error' : warning ? 'warning' : 'default';
  return (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant={variant}>{text}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  );
};
