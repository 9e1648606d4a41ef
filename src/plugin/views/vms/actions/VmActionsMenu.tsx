import {
  Dropdown,
  DropdownItem,
  DropdownList,
  MenuToggle,
  Skeleton,
  Tooltip,
  type MenuToggleElement,
} from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import { useState, type Ref } from 'react';
import { VirtualMachineInstanceModel, VirtualMachineModel } from '../../../api/models';
import type { VirtualMachine, VirtualMachineInstance } from '../../../api/types';
import { useK8sWatchObject } from '../../../api/watch';
import { usePluginTranslation } from '../../../i18n';
import { useVmActions, type VmActionView } from './useVmActions';

const ActionItems = ({ actions, loaded }: { actions: VmActionView[]; loaded: boolean }) => {
  const { t } = usePluginTranslation();
  if (!loaded)
    return (
      <DropdownItem isDisabled key="loading">
        <Skeleton width="8em" screenreaderText={t('Loading actions')} />
      </DropdownItem>
    );
  if (!actions.length)
    return (
      <DropdownItem isDisabled key="none">
        {t('No actions you may run')}
      </DropdownItem>
    );
  return (
    <>
      {actions.map((action) => {
        const item = (
          <DropdownItem
            key={action.id}
            value={action.id}
            description={action.disabledReason ?? action.description}
            isAriaDisabled={!!action.disabledReason}
            isDanger={action.id === 'delete' || action.id === 'force-stop'}
            onClick={action.cta}
          >
            {action.label}
          </DropdownItem>
        );
        return action.disabledReason ? (
          <Tooltip key={action.id} content={action.disabledReason}>
            {item}
          </Tooltip>
        ) : (
          item
        );
      })}
    </>
  );
};

/** The items for a VM already in hand (details page). */
const LoadedItems = ({ vm, vmi }: { vm?: VirtualMachine; vmi?: VirtualMachineInstance }) => {
  const { actions, loaded } = useVmActions(vm, vmi);
  return <ActionItems actions={actions} loaded={loaded} />;
};

/** The items for a row: the VM and its VMI are fetched (and watched) only while the menu is open. */
const FetchedItems = ({
  namespace,
  name,
  standalone,
}: {
  namespace: string;
  name: string;
  standalone?: boolean;
}) => {
  const ref = { namespace, name };
  const vm = useK8sWatchObject<VirtualMachine>(VirtualMachineModel, standalone ? null : ref);
  const vmi = useK8sWatchObject<VirtualMachineInstance>(VirtualMachineInstanceModel, ref);
  const { actions, loaded } = useVmActions(vm.data, vmi.data);
  return (
    <ActionItems actions={actions} loaded={loaded && (standalone || vm.loaded) && vmi.loaded} />
  );
};

export interface VmActionsMenuProps {
  namespace: string;
  name: string;
  /** A VMI without a VM. */
  standalone?: boolean;
  /** The objects when the caller has them; otherwise they are fetched when the menu opens. */
  vm?: VirtualMachine;
  vmi?: VirtualMachineInstance;
}

const VmActionsMenu = ({
  variant,
  ...props
}: VmActionsMenuProps & { variant: 'kebab' | 'dropdown' }) => {
  const { t } = usePluginTranslation();
  const [isOpen, setOpen] = useState(false);
  const inHand = props.vm || (props.standalone && props.vmi);
  return (
    <Dropdown
      isOpen={isOpen}
      onOpenChange={setOpen}
      onSelect={() => setOpen(false)}
      // Opens inward from the ⋮ and is kept inside the window, so it never widens the page. Its
      // width is fixed: the items arrive after it opened, and a menu that grew then would run
      // past the edge it was placed against (descriptions wrap instead).
      popperProps={{
        position: 'right',
        appendTo: () => document.body,
        preventOverflow: true,
        width: '20rem',
      }}
      toggle={(toggleRef: Ref<MenuToggleElement>) => (
        <MenuToggle
          ref={toggleRef}
          variant={variant === 'kebab' ? 'plain' : 'default'}
          isExpanded={isOpen}
          onClick={() => setOpen((open) => !open)}
          aria-label={
            variant === 'kebab' ? t('Actions for {{name}}', { name: props.name }) : undefined
          }
          icon={variant === 'kebab' ? <EllipsisVIcon /> : undefined}
        >
          {variant === 'dropdown' ? t('Actions') : undefined}
        </MenuToggle>
      )}
      shouldFocusToggleOnSelect
    >
      <DropdownList>
        {isOpen &&
          (inHand ? (
            <LoadedItems vm={props.vm} vmi={props.vmi} />
          ) : (
            <FetchedItems
              namespace={props.namespace}
              name={props.name}
              standalone={props.standalone}
            />
          ))}
      </DropdownList>
    </Dropdown>
  );
};

/** The row menu (⋮) of the VM list. */
export const VmActionsKebab = (props: VmActionsMenuProps) => (
  <VmActionsMenu variant="kebab" {...props} />
);

/** "Actions" in the details page header. */
export const VmActionsDropdown = (props: VmActionsMenuProps) => (
  <VmActionsMenu variant="dropdown" {...props} />
);
