import {
  Dropdown,
  DropdownItem,
  DropdownList,
  MenuToggle,
  type MenuToggleElement,
} from '@patternfly/react-core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { usePluginTranslation } from '../../../i18n';
import { catalogPath } from '../../catalog/catalogPaths';

/** The YAML page of a project. */
const yamlPath = (namespace: string) => `/k8s/ns/${encodeURIComponent(namespace)}/catalog/yaml`;

/** The list's Create menu: from an instance type (the Catalog) or with YAML. */
export const CreateVmMenu = ({ namespace }: { namespace: string | undefined }) => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const go = (path: string) => {
    setOpen(false);
    void navigate(path);
  };
  return (
    <Dropdown
      isOpen={open}
      onOpenChange={setOpen}
      popperProps={{ position: 'right' }}
      toggle={(ref: React.Ref<MenuToggleElement>) => (
        <MenuToggle ref={ref} variant="primary" isExpanded={open} onClick={() => setOpen(!open)}>
          {t('Create')}
        </MenuToggle>
      )}
    >
      <DropdownList>
        <DropdownItem
          onClick={() => go(catalogPath(namespace))}
          description={t('Choose a bootable volume and an instance type')}
        >
          {t('From InstanceType')}
        </DropdownItem>
        <DropdownItem
          onClick={() => namespace && go(yamlPath(namespace))}
          isAriaDisabled={!namespace}
          description={
            namespace
              ? t('Write the VirtualMachine as YAML')
              : t('Choose a project first: the VirtualMachine is created in it.')
          }
        >
          {t('With YAML')}
        </DropdownItem>
      </DropdownList>
    </Dropdown>
  );
};
