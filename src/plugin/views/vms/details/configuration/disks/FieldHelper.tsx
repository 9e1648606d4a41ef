import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';

/** Under a field: its error when it has one, else its help. */
export const FieldHelper = ({ error, children }: { error?: string; children?: ReactNode }) =>
  error || children ? (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant={error ? 'error' : 'default'}>{error ?? children}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  ) : null;
