import {
  Dropdown,
  DropdownItem,
  DropdownList,
  MenuToggle,
  type MenuToggleElement,
} from '@patternfly/react-core';
import { QuestionCircleIcon } from '@patternfly/react-icons';
import { useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { QUICK_STARTS_PATH } from '../quickstarts/quickStartPaths';

/** The console's help menu (the question mark): Quick Starts opens the tours' catalog. */
export const HelpMenu = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const navigate = useNavigate();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dropdown
      isOpen={isOpen}
      onOpenChange={setIsOpen}
      onSelect={() => setIsOpen(false)}
      popperProps={{ position: 'right' }}
      toggle={(ref: Ref<MenuToggleElement>) => (
        <MenuToggle
          ref={ref}
          variant="plain"
          aria-label={t('Help')}
          icon={<QuestionCircleIcon />}
          isExpanded={isOpen}
          onClick={() => setIsOpen(!isOpen)}
        />
      )}
    >
      <DropdownList>
        <DropdownItem value="quick-starts" onClick={() => void navigate(QUICK_STARTS_PATH)}>
          {t('Quick Starts')}
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
};
