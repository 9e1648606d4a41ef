import { Dropdown, DropdownItem, DropdownList, MenuToggle } from '@patternfly/react-core';
import { UserIcon } from '@patternfly/react-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHELL_I18N_NAMESPACE } from '../i18n';
import { useLogOut, useSession } from './session';

/** The logged-in user's name, and "Log out". Nothing when the shell runs without sessions. */
export const UserMenu = () => {
  const { t } = useTranslation(SHELL_I18N_NAMESPACE);
  const session = useSession();
  const logOut = useLogOut();
  const [isOpen, setIsOpen] = useState(false);
  if (session.data?.state !== 'in') return null;
  const { username } = session.data.user;
  return (
    <Dropdown
      isOpen={isOpen}
      onOpenChange={setIsOpen}
      popperProps={{ position: 'right' }}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          variant="plainText"
          icon={<UserIcon />}
          isExpanded={isOpen}
          onClick={() => setIsOpen(!isOpen)}
          aria-label={t('User: {{username}}', { username })}
        >
          {username}
        </MenuToggle>
      )}
    >
      <DropdownList>
        <DropdownItem
          onClick={() => {
            setIsOpen(false);
            void logOut();
          }}
        >
          {t('Log out')}
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
};
