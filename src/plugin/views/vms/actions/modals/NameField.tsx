import {
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';

/** A required name input with its validation message under it. */
export const NameField = ({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) => (
  <FormGroup label={label} isRequired fieldId={id}>
    <TextInput
      id={id}
      isRequired
      value={value}
      validated={error ? 'error' : 'default'}
      onChange={(_, next) => onChange(next.trim())}
    />
    {error && (
      <FormHelperText>
        <HelperText>
          <HelperTextItem variant="error">{error}</HelperTextItem>
        </HelperText>
      </FormHelperText>
    )}
  </FormGroup>
);
