import {
  Dropdown,
  DropdownItem,
  DropdownList,
  MenuToggle,
  type MenuToggleElement,
} from '@patternfly/react-core';
import { KeyboardIcon } from '@patternfly/react-icons';
import { useState, type Ref } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { SEND_KEY_COMBOS, type KeyCombo } from './keys';

/** The send-key menu: one item per combo in `SEND_KEY_COMBOS`. */
export const SendKeyMenu = ({
  isDisabled,
  onSend,
}: {
  isDisabled: boolean;
  onSend: (combo: KeyCombo) => void;
}) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      onSelect={(_, id) => {
        setOpen(false);
        const combo = SEND_KEY_COMBOS.find((item) => item.id === id);
        if (combo) onSend(combo);
      }}
      isScrollable
      toggle={(ref: Ref<MenuToggleElement>) => (
        <MenuToggle
          ref={ref}
          icon={<KeyboardIcon />}
          isExpanded={open}
          isDisabled={isDisabled}
          onClick={() => setOpen(!open)}
        >
          {t('Send key')}
        </MenuToggle>
      )}
    >
      <DropdownList>
        {SEND_KEY_COMBOS.map((combo) => (
          <DropdownItem key={combo.id} value={combo.id}>
            {combo.label}
          </DropdownItem>
        ))}
      </DropdownList>
    </Dropdown>
  );
};
