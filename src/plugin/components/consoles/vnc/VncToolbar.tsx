import {
  Button,
  Label,
  Switch,
  Toolbar,
  ToolbarContent,
  ToolbarGroup,
  ToolbarItem,
} from '@patternfly/react-core';
import {
  CameraIcon,
  CompressIcon,
  ExpandIcon,
  PasteIcon,
  PluggedIcon,
  UnlinkIcon,
} from '@patternfly/react-icons';
import { usePluginTranslation } from '../../../i18n';
import { keymapLabel } from './keymapLabel';
import { GUEST_KEYMAPS, type GuestKeymapId } from './keymaps';
import { type KeyCombo, type LatchModifier } from './keys';
import { ModifierToggles } from './ModifierToggles';
import { OptionSelect } from './OptionSelect';
import { SendKeyMenu } from './SendKeyMenu';
import type { VncState } from './vncState';

export type VncScaling = 'fit' | 'original';

export interface VncToolbarProps {
  state: VncState;
  secondsLeft: number | undefined;
  scaling: VncScaling;
  onScaling: (scaling: VncScaling) => void;
  fullscreen: boolean;
  onFullscreen: () => void;
  onSendKey: (combo: KeyCombo) => void;
  latched: ReadonlySet<LatchModifier>;
  onLatch: (modifier: LatchModifier) => void;
  keymap: GuestKeymapId;
  onKeymap: (keymap: GuestKeymapId) => void;
  onPaste: () => void;
  pasting: boolean;
  onScreenshot: () => void;
  viewOnly: boolean;
  onViewOnly: (viewOnly: boolean) => void;
  onConnect: () => void;
  onDisconnect: () => void;
}

/** The status label, Connect/Reconnect/Disconnect, and the view and input controls. */
export const VncToolbar = (props: VncToolbarProps) => {
  const { t } = usePluginTranslation();
  const { state, secondsLeft } = props;
  const connected = state.phase === 'connected';
  const inputOff = !connected || props.viewOnly;
  const status =
    state.phase === 'connected'
      ? { text: t('Connected'), status: 'success' as const }
      : state.phase === 'connecting'
        ? { text: t('Connecting…'), status: 'info' as const }
        : secondsLeft !== undefined
          ? {
              text: t('Reconnecting in {{seconds}} s…', { seconds: secondsLeft }),
              status: 'warning' as const,
            }
          : state.phase === 'idle'
            ? { text: t('Not connected'), status: undefined }
            : { text: t('Disconnected'), status: 'danger' as const };
  const fresh = state.phase === 'idle' || (state.phase === 'disconnected' && state.byUser);
  return (
    <Toolbar className="virtualization-plugin-vnc-toolbar" aria-label={t('VNC console controls')}>
      <ToolbarContent>
        <ToolbarGroup>
          <ToolbarItem>
            <Label status={status.status} aria-live="polite">
              {status.text}
            </Label>
          </ToolbarItem>
          <ToolbarItem>
            {state.phase === 'connected' || state.phase === 'connecting' ? (
              <Button variant="secondary" icon={<UnlinkIcon />} onClick={props.onDisconnect}>
                {t('Disconnect')}
              </Button>
            ) : (
              <Button variant="primary" icon={<PluggedIcon />} onClick={props.onConnect}>
                {fresh ? t('Connect') : t('Reconnect')}
              </Button>
            )}
          </ToolbarItem>
        </ToolbarGroup>
        <ToolbarGroup>
          <ToolbarItem>
            <SendKeyMenu isDisabled={inputOff} onSend={props.onSendKey} />
          </ToolbarItem>
          <ToolbarItem>
            <ModifierToggles
              latched={props.latched}
              onToggle={props.onLatch}
              isDisabled={inputOff}
            />
          </ToolbarItem>
        </ToolbarGroup>
        <ToolbarGroup>
          <ToolbarItem>
            <Button
              variant="secondary"
              icon={<PasteIcon />}
              isDisabled={inputOff || props.pasting}
              onClick={props.onPaste}
            >
              {t('Paste')}
            </Button>
          </ToolbarItem>
          <ToolbarItem>
            <OptionSelect
              ariaLabel={t('Guest keyboard layout')}
              value={props.keymap}
              options={GUEST_KEYMAPS.map((keymap) => ({
                value: keymap.id,
                label: keymapLabel(t, keymap.id),
              }))}
              onChange={props.onKeymap}
            />
          </ToolbarItem>
        </ToolbarGroup>
        <ToolbarGroup>
          <ToolbarItem>
            <OptionSelect<VncScaling>
              ariaLabel={t('Scaling')}
              value={props.scaling}
              options={[
                { value: 'fit', label: t('Fit to window') },
                { value: 'original', label: t('Original size (1:1)') },
              ]}
              onChange={props.onScaling}
            />
          </ToolbarItem>
          <ToolbarItem>
            <Button
              variant="secondary"
              icon={props.fullscreen ? <CompressIcon /> : <ExpandIcon />}
              onClick={props.onFullscreen}
            >
              {props.fullscreen ? t('Exit full screen') : t('Full screen')}
            </Button>
          </ToolbarItem>
          <ToolbarItem>
            <Button
              variant="secondary"
              icon={<CameraIcon />}
              isDisabled={!connected}
              onClick={props.onScreenshot}
            >
              {t('Screenshot')}
            </Button>
          </ToolbarItem>
          <ToolbarItem alignSelf="center">
            <Switch
              id="virtualization-plugin-vnc-view-only"
              label={t('View only')}
              isChecked={props.viewOnly}
              onChange={(_, checked) => props.onViewOnly(checked)}
            />
          </ToolbarItem>
        </ToolbarGroup>
      </ToolbarContent>
    </Toolbar>
  );
};
