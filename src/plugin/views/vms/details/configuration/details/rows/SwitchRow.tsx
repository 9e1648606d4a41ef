import {
  Alert,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Flex,
  FlexItem,
  HelperText,
  HelperTextItem,
  Switch,
} from '@patternfly/react-core';
import { useId, useState } from 'react';
import { errorMessage } from '../../../../../../api/bff';
import { usePluginTranslation } from '../../../../../../i18n';
import type { VmEditor } from '../../editor/vmEditor';
import { isRestartPending, isRunning } from '../restartPending';
import { RestartPendingLabel } from '../RestartPending';
import type { SwitchSetting } from '../switchSettings';

/**
 * An on/off setting, saved as soon as it is toggled. The switch shows the new state while the
 * patch runs and goes back, with the server's message, when it fails.
 */
export const SwitchRow = ({ editor, setting }: { editor: VmEditor; setting: SwitchSetting }) => {
  const { t } = usePluginTranslation();
  const id = `virtualization-plugin-switch-${useId().replace(/:/g, '')}`;
  const saved = setting.isOn(editor.vm);
  // What was asked, and of which VM: shown until the VM object changes (the watch caught up,
  // or the draft was patched) or the patch fails.
  const [wanted, setWanted] = useState<{ on: boolean; vm: VmEditor['vm'] }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const label = setting.label(t);
  const shown = wanted && (busy || wanted.vm === editor.vm) ? wanted.on : saved;

  const toggle = async (on: boolean) => {
    // Not disabled while saving, so keyboard focus stays; a second toggle waits for the first.
    if (busy) return;
    setWanted({ on, vm: editor.vm });
    setBusy(true);
    setError(undefined);
    try {
      await editor.patch(setting.ops(editor.vm, on));
    } catch (failure) {
      setWanted(undefined);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const reason = editor.access.reason;
  const pending =
    !!setting.restartBound && isRestartPending(setting.restartBound, editor.vm, editor.vmi);

  return (
    <DescriptionListGroup>
      <DescriptionListTerm>
        <span id={`${id}-term`}>{label}</span>
      </DescriptionListTerm>
      <DescriptionListDescription>
        <Flex spaceItems={{ default: 'spaceItemsSm' }} alignItems={{ default: 'alignItemsCenter' }}>
          <FlexItem>
            <Switch
              id={id}
              aria-labelledby={`${id}-term`}
              aria-describedby={`${id}-note`}
              isChecked={shown}
              isDisabled={!editor.access.allowed || editor.access.loading}
              onChange={(_, on) => void toggle(on)}
            />
          </FlexItem>
          {pending && (
            <FlexItem>
              <RestartPendingLabel />
            </FlexItem>
          )}
        </Flex>
        <HelperText id={`${id}-note`}>
          <HelperTextItem>{setting.note(t)}</HelperTextItem>
          {setting.isUnset?.(editor.vm) && (
            <HelperTextItem>{t('Not set: the cluster-wide default applies.')}</HelperTextItem>
          )}
          {setting.restartBound && isRunning(editor) && (
            <HelperTextItem>{t('Takes effect after the VirtualMachine restarts')}</HelperTextItem>
          )}
          {reason && <HelperTextItem variant="warning">{reason}</HelperTextItem>}
        </HelperText>
        {!!error && (
          <Alert isInline variant="danger" title={t('The change was not saved')}>
            {errorMessage(error)}
          </Alert>
        )}
      </DescriptionListDescription>
    </DescriptionListGroup>
  );
};
