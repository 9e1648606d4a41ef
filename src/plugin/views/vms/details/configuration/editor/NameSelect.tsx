import { FormSelect, FormSelectOption, FormSelectOptionGroup } from '@patternfly/react-core';

export interface NameGroup {
  label: string;
  names: string[];
}

export interface NameSelectProps {
  id: string;
  value: string;
  onChange(value: string): void;
  /** The first, empty choice ("Select a Secret"). */
  placeholder: string;
  groups: NameGroup[];
  validated?: 'default' | 'error';
}

/**
 * A select of object names in labelled groups ("Secrets holding an SSH key", "Other Secrets").
 * The current value stays selectable when it is in no group (deleted, or not listed yet), so
 * the form never silently changes what the VM refers to.
 */
export const NameSelect = ({
  id,
  value,
  onChange,
  placeholder,
  groups,
  validated,
}: NameSelectProps) => {
  const listed = groups.some((group) => group.names.includes(value));
  return (
    <FormSelect id={id} value={value} validated={validated} onChange={(_, next) => onChange(next)}>
      <FormSelectOption value="" label={placeholder} isPlaceholder />
      {value && !listed && <FormSelectOption value={value} label={value} />}
      {groups
        .filter((group) => group.names.length > 0)
        .map((group) => (
          <FormSelectOptionGroup key={group.label} label={group.label}>
            {group.names.map((name) => (
              <FormSelectOption key={name} value={name} label={name} />
            ))}
          </FormSelectOptionGroup>
        ))}
    </FormSelect>
  );
};

/** The names of listed objects, for `groups`. */
export const namesOf = (objects: readonly { metadata?: { name?: string } }[]): string[] =>
  objects.map((object) => object.metadata?.name ?? '').filter(Boolean);
