import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';

/** A field's error under it; nothing when there is none. */
export const FieldError = ({ message }: { message?: string }) =>
  message ? (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant="error">{message}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  ) : null;
