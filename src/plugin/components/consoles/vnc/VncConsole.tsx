import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { usePluginTranslation } from '../../../i18n';
import { enterFullscreen, exitFullscreen, unlockKeyboard } from './fullscreen';
import { keymapLabel } from './keymapLabel';
import { guestKeymap, type GuestKeymapId } from './keymaps';
import { comboEvents, type KeyCombo } from './keys';
import { PasteModal } from '../PasteModal';
import { PasteProgress } from './PasteProgress';
import { downloadBlob } from '../../downloadFile';
import { screenshotFileName } from './screenshot';
import { useLatchedModifiers } from './useLatchedModifiers';
import { usePasteTyping } from './usePasteTyping';
import { useSecondsUntil } from '../useSecondsUntil';
import { useVncConnection } from './useVncConnection';
import { VncStatusPanel } from './VncStatusPanel';
import { VncToolbar, type VncScaling } from './VncToolbar';

export interface VncConsoleProps {
  namespace: string;
  name: string;
  /** Start in view-only mode (no keyboard or mouse input reaches the guest). */
  viewOnly?: boolean;
  /** Connect on mount (default true). */
  autoConnect?: boolean;
  /** Fill the parent's height (a flex column) instead of 70% of the window's. */
  fill?: boolean;
}

const MODIFIER_CODES = /^(Control|Alt|Shift|Meta|OS)(Left|Right)?$/;

const wrapperStyle = (fill: boolean): CSSProperties => ({
  ...(fill ? { flex: '1 1 auto', minHeight: 0 } : {}),
  display: 'flex',
  flexDirection: 'column',
  gap: 'var(--pf-t--global--spacer--sm)',
  background: 'var(--pf-t--global--background--color--primary--default)',
});

const screenStyle = (fullscreen: boolean, fill: boolean): CSSProperties => ({
  position: 'relative',
  flex: '1 1 auto',
  width: '100%',
  height: fullscreen || fill ? 'auto' : '70vh',
  minHeight: '20rem',
  overflow: 'auto',
  background: 'var(--pf-t--global--background--color--inverse--default)',
});

/** A VM's graphical console: noVNC over the BFF socket, with toolbar, paste and reconnect. */
const VncConsole = ({
  namespace,
  name,
  viewOnly: viewOnlyProp = false,
  autoConnect = true,
  fill = false,
}: VncConsoleProps) => {
  const { t } = usePluginTranslation();
  const wrapper = useRef<HTMLDivElement>(null);
  const screen = useRef<HTMLDivElement>(null);
  const [viewOnly, setViewOnly] = useState(viewOnlyProp);
  // A new viewOnly prop wins over the switch.
  const [viewOnlyFrom, setViewOnlyFrom] = useState(viewOnlyProp);
  if (viewOnlyFrom !== viewOnlyProp) {
    setViewOnlyFrom(viewOnlyProp);
    setViewOnly(viewOnlyProp);
  }
  const [scaling, setScaling] = useState<VncScaling>('fit');
  const [fullscreen, setFullscreen] = useState(false);
  const [keymapId, setKeymapId] = useState<GuestKeymapId>('en-us');
  const [pasteDialog, setPasteDialog] = useState(false);

  const {
    state,
    session,
    sendKey: send,
    connect,
    disconnect,
  } = useVncConnection({
    namespace,
    name,
    target: screen,
    autoConnect,
    viewOnly,
    scaleViewport: scaling === 'fit',
  });
  const secondsLeft = useSecondsUntil(state.phase === 'disconnected' ? state.retryAt : undefined);

  const latch = useLatchedModifiers(send);
  const paste = usePasteTyping(send);

  // Latched modifiers last until the next key, whether sent from the menu or typed.
  useEffect(() => {
    const element = screen.current;
    if (!element) return;
    const onKeyUp = (event: KeyboardEvent) => {
      if (!MODIFIER_CODES.test(event.code)) latch.release();
    };
    // noVNC focuses its canvas on a click; a click beside it (when letterboxed) should too.
    const onMouseDown = () => session()?.focus();
    element.addEventListener('keyup', onKeyUp, true);
    element.addEventListener('mousedown', onMouseDown);
    return () => {
      element.removeEventListener('keyup', onKeyUp, true);
      element.removeEventListener('mousedown', onMouseDown);
    };
  }, [latch, session]);

  useEffect(() => {
    const onChange = () => {
      const active = !!document.fullscreenElement && document.fullscreenElement === wrapper.current;
      setFullscreen(active);
      if (!active) unlockKeyboard();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const sendCombo = (combo: KeyCombo) => {
    if (combo.id === 'ctrl-alt-del') session()?.sendCtrlAltDel();
    else comboEvents(combo.modifiers, combo.key).forEach(send);
    latch.release();
    session()?.focus();
  };

  const typeText = (text: string) => {
    latch.release();
    void paste.type(text, guestKeymap(keymapId));
  };

  const onPaste = async () => {
    try {
      const text = await navigator.clipboard.readText();
      if (text) typeText(text);
      else setPasteDialog(true);
    } catch {
      setPasteDialog(true);
    }
  };

  const onScreenshot = () =>
    session()?.toBlob((blob) => {
      if (blob) downloadBlob(blob, screenshotFileName(name, new Date()));
    }, 'image/png');

  const onFullscreen = () => {
    if (fullscreen) void exitFullscreen();
    else if (wrapper.current) void enterFullscreen(wrapper.current).catch(() => undefined);
  };

  return (
    <div ref={wrapper} className="virtualization-plugin-vnc-console" style={wrapperStyle(fill)}>
      <VncToolbar
        state={state}
        secondsLeft={secondsLeft}
        scaling={scaling}
        onScaling={setScaling}
        fullscreen={fullscreen}
        onFullscreen={onFullscreen}
        onSendKey={sendCombo}
        latched={latch.latched}
        onLatch={latch.toggle}
        keymap={keymapId}
        onKeymap={setKeymapId}
        onPaste={() => void onPaste()}
        pasting={!!paste.job && !paste.job.done}
        onScreenshot={onScreenshot}
        viewOnly={viewOnly}
        onViewOnly={setViewOnly}
        onConnect={() => connect()}
        onDisconnect={() => {
          paste.dismiss();
          disconnect();
        }}
      />
      {paste.job && (
        <PasteProgress
          job={paste.job}
          layout={keymapLabel(t, keymapId)}
          onCancel={paste.cancel}
          onDismiss={paste.dismiss}
        />
      )}
      <VncStatusPanel
        state={state}
        secondsLeft={secondsLeft}
        onTakeOver={() => connect({ takeOver: true })}
      />
      {/* noVNC draws its canvas in here and sends the keys typed while it has focus. */}
      <div
        ref={screen}
        className="virtualization-plugin-vnc-screen"
        role="application"
        aria-label={t('VNC console of {{name}}', { name })}
        tabIndex={-1}
        style={screenStyle(fullscreen, fill)}
      />
      {pasteDialog && (
        <PasteModal
          title={t('Paste text')}
          label={t('Text to type into the console')}
          submitLabel={t('Type text')}
          onPaste={typeText}
          onClose={() => setPasteDialog(false)}
        />
      )}
    </div>
  );
};

export default VncConsole;
