import { MenuToggle } from '@patternfly/react-core';
import { EllipsisVIcon } from '@patternfly/react-icons';
import { ActionsColumn, type IAction } from '@patternfly/react-table';
import { useState } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { actionBlockers } from '../actionBlockers';
import { DeleteCheckupModal, RerunCheckupModal } from '../CheckupActionModals';
import type { CheckupDefinition } from '../checkupKinds';
import type { CheckupRow } from '../hooks/useCheckups';
import { useCheckupAccess } from '../hooks/useCheckupAccess';

/** A row's kebab: Rerun and Delete, each offered only when the user may and the checkup allows. */
export const CheckupRowActions = ({
  checkup,
  row,
}: {
  checkup: CheckupDefinition;
  row: CheckupRow;
}) => {
  const { t } = usePluginTranslation();
  const access = useCheckupAccess(checkup.kind, row.namespace);
  const [dialog, setDialog] = useState<'rerun' | 'delete'>();
  const item = (action: 'rerun' | 'delete', title: string): IAction => {
    const blockers = access.loading
      ? []
      : actionBlockers(action, row.status, access, row.namespace, t);
    return {
      title,
      isAriaDisabled: access.loading || blockers.length > 0,
      ...(blockers.length > 0
        ? { tooltipProps: { content: blockers.join(' ') }, description: blockers.join(' ') }
        : {}),
      onClick: () => setDialog(action),
    };
  };
  return (
    <>
      <ActionsColumn
        items={[item('rerun', t('Rerun')), { isSeparator: true }, item('delete', t('Delete'))]}
        popperProps={{ position: 'right' }}
        actionsToggle={({ onToggle, isOpen, isDisabled, toggleRef }) => (
          <MenuToggle
            ref={toggleRef}
            variant="plain"
            aria-label={t('Actions for {{name}}', { name: row.name })}
            icon={<EllipsisVIcon />}
            onClick={onToggle}
            isExpanded={isOpen}
            isDisabled={isDisabled}
          />
        )}
      />
      {dialog === 'rerun' && (
        <RerunCheckupModal
          checkup={checkup}
          configMap={row.configMap}
          jobs={row.jobs}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'delete' && (
        <DeleteCheckupModal
          checkup={checkup}
          configMap={row.configMap}
          jobs={row.jobs}
          onClose={() => setDialog(undefined)}
        />
      )}
    </>
  );
};
