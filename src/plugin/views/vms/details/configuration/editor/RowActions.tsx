import { MenuToggle } from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import { ActionsColumn, Td, type IAction } from '@patternfly/react-table';
import { usePluginTranslation } from '../../../../../i18n';

/** The kebab cell of a configuration table row, named after the row ("Actions for rootdisk"). */
export const RowActions = ({ name, items }: { name: string; items: IAction[] }) => {
  const { t } = usePluginTranslation();
  return (
    <Td isActionCell>
      <ActionsColumn
        items={items}
        popperProps={{ position: 'right' }}
        actionsToggle={({ onToggle, isOpen, isDisabled, toggleRef }) => (
          <MenuToggle
            ref={toggleRef}
            variant="plain"
            aria-label={t('Actions for {{name}}', { name })}
            icon={<EllipsisVIcon />}
            onClick={onToggle}
            isExpanded={isOpen}
            isDisabled={isDisabled}
          />
        )}
      />
    </Td>
  );
};
