import {
  Button,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  Tooltip,
} from '@patternfly/react-core';
import { PencilAltIcon } from '@patternfly/react-icons';
import type { ReactNode } from 'react';
import { usePluginTranslation } from '../../../../../i18n';
import type { VmEditor } from './vmEditor';

export interface EditableRowProps {
  label: string;
  /** What is set now; shown as "Not set" when empty. */
  children?: ReactNode;
  editor: VmEditor;
  /** Opens the row's form; without it the row is read-only. */
  onEdit?: () => void;
  /** Why the row cannot be edited now, besides permission (e.g. "set by the instance type"). */
  disabledReason?: string;
}

/**
 * One setting in a configuration sub-tab: its label, its value, and a pencil that opens its form,
 * disabled with the reason when the user may not change it.
 */
export const EditableRow = ({
  label,
  children,
  editor,
  onEdit,
  disabledReason,
}: EditableRowProps) => {
  const { t } = usePluginTranslation();
  const reason = disabledReason ?? editor.access.reason;
  const empty = children === undefined || children === null || children === '';
  const pencil = onEdit && (
    <Button
      variant="plain"
      size="sm"
      aria-label={t('Edit {{label}}', { label })}
      icon={<PencilAltIcon />}
      isAriaDisabled={!!reason || editor.access.loading}
      onClick={onEdit}
    />
  );
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>
        <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }}>
          <FlexItem>{label}</FlexItem>
          {pencil && (
            <FlexItem>{reason ? <Tooltip content={reason}>{pencil}</Tooltip> : pencil}</FlexItem>
          )}
        </Flex>
      </DescriptionListTerm>
      <DescriptionListDescription>
        {empty ? (
          <span style={{ color: 'var(--pf-t--global--text--color--subtle)' }}>{t('Not set')}</span>
        ) : (
          children
        )}
      </DescriptionListDescription>
    </DescriptionListGroup>
  );
};
