import {
  MenuToggle,
  Select,
  SelectList,
  SelectOption,
  type MenuToggleElement,
} from '@patternfly/react-core';
import { useState, type Ref } from 'react';

/** A single-choice select whose toggle shows the chosen option and carries `ariaLabel`. */
export const OptionSelect = <Value extends string>({
  ariaLabel,
  value,
  options,
  onChange,
  isDisabled,
}: {
  ariaLabel: string;
  value: Value;
  options: readonly { value: Value; label: string }[];
  onChange: (value: Value) => void;
  isDisabled?: boolean;
}) => {
  const [open, setOpen] = useState(false);
  return (
    <Select
      isOpen={open}
      selected={value}
      onOpenChange={setOpen}
      onSelect={(_, selected) => {
        setOpen(false);
        onChange(selected as Value);
      }}
      toggle={(ref: Ref<MenuToggleElement>) => (
        <MenuToggle
          ref={ref}
          aria-label={ariaLabel}
          isExpanded={open}
          isDisabled={isDisabled}
          onClick={() => setOpen(!open)}
        >
          {options.find((option) => option.value === value)?.label}
        </MenuToggle>
      )}
    >
      <SelectList>
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};
