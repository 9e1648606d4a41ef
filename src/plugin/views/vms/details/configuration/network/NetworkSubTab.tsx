import {
  Alert,
  Button,
  Content,
  EmptyState,
  EmptyStateBody,
  Flex,
  Tooltip,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr, type IAction } from '@patternfly/react-table';
import { useState } from 'react';
import { errorMessage } from '../../../../../api/bff';
import { RowActions } from '../editor/RowActions';
import { usePluginTranslation } from '../../../../../i18n';
import type { ConfigSubTabProps } from '../subTabs';
import { bindingLabel, networkLabel } from './nicLabels';
import { NicFormModal } from './NicFormModal';
import { setNicStateOps } from './nicOps';
import { interfaceRows, isHotPluggable, type NicRow } from './nicRows';
import { NicStateCell } from './NicStateCell';
import { RemoveNicModal } from './RemoveNicModal';
import { useNetworkAttachmentDefinitions } from './useNetworkAttachmentDefinitions';

type Dialog =
  { kind: 'add' } | { kind: 'edit'; row: NicRow } | { kind: 'unplug' | 'delete'; row: NicRow };

/**
 * The VM's network interfaces joined with its networks and the running guest's view of them;
 * add (hot-plugged on a running VM when KubeVirt can), edit, link up/down, hot unplug, delete.
 */
export const NetworkSubTab = ({ editor }: ConfigSubTabProps) => {
  const { t } = usePluginTranslation();
  const { vm, access } = editor;
  const vmi = editor.live ? editor.vmi : undefined;
  const running = !!vmi;
  const rows = interfaceRows(vm, vmi);
  const { nads } = useNetworkAttachmentDefinitions(vm.metadata?.namespace ?? '');
  const [dialog, setDialog] = useState<Dialog>();
  const [actionError, setActionError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const denied = access.loading || !access.allowed;

  const setLink = async (row: NicRow, state: 'up' | 'down') => {
    setBusy(true);
    setActionError(undefined);
    try {
      await editor.patch(setNicStateOps(vm, row.name, state));
    } catch (failure) {
      setActionError(failure);
    } finally {
      setBusy(false);
    }
  };

  const disabled = (reason?: string): Partial<IAction> =>
    reason ? { isAriaDisabled: true, tooltipProps: { content: reason } } : {};

  const rowActions = (row: NicRow): IAction[] => {
    const permission = denied ? (access.reason ?? t('Checking your permissions…')) : undefined;
    const onInstanceOnly =
      row.source === 'instance'
        ? t('This interface is no longer configured; it goes away when the VirtualMachine restarts')
        : undefined;
    const unpluggable = running && isHotPluggable(row.binding, row.network, row.model);
    const actions: IAction[] = [
      {
        title: t('Edit'),
        onClick: () => setDialog({ kind: 'edit', row }),
        ...disabled(
          permission ??
            onInstanceOnly ??
            (row.state === 'absent' ? t('The interface is being removed.') : undefined),
        ),
      },
    ];
    if (row.source !== 'instance' && row.state !== 'absent')
      actions.push({
        title: row.state === 'down' ? t('Set link up') : t('Set link down'),
        onClick: () => void setLink(row, row.state === 'down' ? 'up' : 'down'),
        ...disabled(
          permission ??
            (busy ? t('Another change is being saved.') : undefined) ??
            (row.binding === 'sriov'
              ? t('The link state of SR-IOV interfaces cannot be set.')
              : undefined),
        ),
      });
    if (unpluggable && row.source === 'template' && row.state !== 'absent')
      actions.push({
        title: t('Hot unplug'),
        onClick: () => setDialog({ kind: 'unplug', row }),
        ...disabled(permission),
      });
    actions.push(
      { isSeparator: true },
      {
        title: t('Delete'),
        onClick: () => setDialog({ kind: 'delete', row }),
        ...disabled(
          permission ??
            onInstanceOnly ??
            (unpluggable && row.attached
              ? row.state === 'absent'
                ? t('KubeVirt is detaching the interface; delete it once it is detached.')
                : t('Hot unplug the interface first; delete it once it is detached.')
              : undefined),
        ),
      },
    );
    return actions;
  };

  const addButton = (
    <Button
      variant="primary"
      isAriaDisabled={denied}
      isLoading={access.loading}
      spinnerAriaValueText={access.loading ? t('Loading') : undefined}
      onClick={() => setDialog({ kind: 'add' })}
    >
      {t('Add network interface')}
    </Button>
  );

  return (
    <>
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsCenter' }}
      >
        <Content component="p">
          {running
            ? t(
                'Virtio bridge interfaces on a secondary network are hot-plugged and unplugged live; other changes take effect after a restart.',
              )
            : t('Changes take effect when the VirtualMachine starts.')}
        </Content>
        {access.reason && !access.loading ? (
          <Tooltip content={access.reason}>{addButton}</Tooltip>
        ) : (
          addButton
        )}
      </Flex>
      {actionError !== undefined && (
        <Alert variant="danger" isInline title={t('The link state could not be changed')}>
          {errorMessage(actionError)}
        </Alert>
      )}
      {rows.length === 0 ? (
        <EmptyState headingLevel="h2" titleText={t('No network interfaces')} variant="sm">
          <EmptyStateBody>
            {t(
              'The VirtualMachine is not connected to any network. Add a network interface on the pod network or on a NetworkAttachmentDefinition.',
            )}
          </EmptyStateBody>
        </EmptyState>
      ) : (
        <Table variant="compact" gridBreakPoint="grid-lg" aria-label={t('Network interfaces')}>
          <Thead>
            <Tr>
              <Th modifier="wrap">{t('Name')}</Th>
              <Th modifier="wrap">{t('Model')}</Th>
              <Th modifier="wrap">{t('Network')}</Th>
              <Th modifier="wrap">{t('Type')}</Th>
              <Th modifier="wrap">{t('MAC address')}</Th>
              <Th modifier="wrap">{t('State')}</Th>
              <Th modifier="wrap">{t('IP addresses')}</Th>
              <Th screenReaderText={t('Actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((row) => (
              <Tr key={`${row.source}-${row.name}`}>
                <Td dataLabel={t('Name')}>
                  {row.name}
                  {row.guestName && (
                    <Content component="small">
                      {' '}
                      {t('({{name}} in the guest)', { name: row.guestName })}
                    </Content>
                  )}
                </Td>
                <Td dataLabel={t('Model')}>{row.model ?? '—'}</Td>
                <Td dataLabel={t('Network')} modifier="breakWord">
                  {networkLabel(row.network, t)}
                </Td>
                <Td dataLabel={t('Type')}>{bindingLabel(row.binding, t)}</Td>
                <Td dataLabel={t('MAC address')} modifier="breakWord">
                  {row.mac ?? '—'}
                </Td>
                <Td dataLabel={t('State')}>
                  <NicStateCell row={row} />
                </Td>
                <Td dataLabel={t('IP addresses')} modifier="breakWord">
                  {row.ips.join(', ') || '—'}
                </Td>
                <RowActions name={row.name} items={rowActions(row)} />
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <NicFormModal
          editor={editor}
          nads={nads}
          row={dialog.kind === 'edit' ? dialog.row : undefined}
          onClose={() => setDialog(undefined)}
        />
      )}
      {(dialog?.kind === 'unplug' || dialog?.kind === 'delete') && (
        <RemoveNicModal
          editor={editor}
          row={dialog.row}
          mode={dialog.kind}
          onClose={() => setDialog(undefined)}
        />
      )}
    </>
  );
};
