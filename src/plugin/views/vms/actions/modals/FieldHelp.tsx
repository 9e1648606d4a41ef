import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';

/**
 * Under a field: its error (ours or the server's), else a warning, else the hint given as
 * children; nothing when there is none of them.
 */
export const FieldHelp = ({
  error,
  warning,
  children,
}: {
  error?: string;
  warning?: ReactNode;
  children?: ReactNode;
}) => {
  const text = error || warning || children;
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
