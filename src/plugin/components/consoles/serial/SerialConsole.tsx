import { Alert, Bullseye, Spinner } from '@patternfly/react-core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../../api/bff';
import { usePluginTranslation } from '../../../i18n';
import { bufferText } from './bufferText';
import { PasteModal } from '../PasteModal';
import { saveFile } from '../../downloadFile';
import { SerialCloseAlert } from './SerialStatus';
import { SerialSearch } from './SerialSearch';
import { SerialToolbar } from './SerialToolbar';
import { encodeBinaryInput, encodeInput, pasteInput, sttyCommand } from './terminalInput';
import { Transcript, transcriptFileName } from './transcript';
import { useSerialSocket } from './useSerialSocket';
import { useXterm } from './useXterm';

export interface SerialConsoleProps {
  namespace: string;
  name: string;
  /** Connect as soon as the terminal is ready (default true). */
  autoConnect?: boolean;
}

/**
 * The serial console of a VMI: xterm.js (loaded when this mounts) over the BFF's console socket.
 * The server sends its scroll-back (the boot log) first on every connection.
 */
const SerialConsole = ({ namespace, name, autoConnect = true }: SerialConsoleProps) => {
  const { t } = usePluginTranslation();
  const container = useRef<HTMLDivElement>(null);
  const xtermState = useXterm(container, t('Serial console of {{name}}', { name }));
  const xterm = xtermState.status === 'ready' ? xtermState.xterm : undefined;
  const transcript = useRef(new Transcript());
  const [searchOpen, setSearchOpen] = useState(false);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [notice, setNotice] = useState<string>();

  // The server replays its scroll-back on each connection: mark where a reconnection's output
  // starts (on its first output, so refused attempts that never send anything leave no mark).
  const markNext = useRef(false);
  const onOpen = useCallback((reconnected: boolean) => {
    markNext.current = reconnected;
  }, []);
  const onOutput = useCallback(
    (text: string) => {
      if (markNext.current) {
        markNext.current = false;
        const marker = `\r\n\u001b[2m--- ${t('Reconnected')} ---\u001b[0m\r\n`;
        transcript.current.append(marker);
        xterm?.terminal.write(marker);
      }
      transcript.current.append(text);
      xterm?.terminal.write(text);
    },
    [xterm, t],
  );
  const { state, connect, disconnect, send, hasConnected } = useSerialSocket({
    namespace,
    name,
    onOutput,
    onOpen,
  });

  // Typing, and xterm's own answers (busybox's cursor position query ESC[6n), go to the guest.
  useEffect(() => {
    if (!xterm) return;
    const data = xterm.terminal.onData((input) => send(encodeInput(input)));
    const binary = xterm.terminal.onBinary((input) => send(encodeBinaryInput(input)));
    return () => {
      data.dispose();
      binary.dispose();
    };
  }, [xterm, send]);

  const ready = Boolean(xterm);
  useEffect(() => {
    if (ready && autoConnect) connect(false);
  }, [ready, autoConnect, connect]);

  useEffect(() => {
    if (!notice) return;
    const timeout = setTimeout(() => setNotice(undefined), 3000);
    return () => clearTimeout(timeout);
  }, [notice]);

  const copy = async () => {
    if (!xterm) return;
    const { terminal } = xterm;
    const selected = terminal.hasSelection();
    const text = selected ? terminal.getSelection() : bufferText(terminal.buffer.active);
    try {
      await navigator.clipboard.writeText(text);
      setNotice(selected ? t('Selection copied') : t('Console text copied'));
    } catch {
      setNotice(t('The browser did not allow copying to the clipboard.'));
    }
  };

  const sendPaste = (text: string) => {
    if (!text) return;
    send(pasteInput(text, Boolean(xterm?.terminal.modes.bracketedPasteMode)));
    xterm?.terminal.focus();
  };
  const paste = async () => {
    let text: string;
    try {
      text = await navigator.clipboard.readText();
    } catch {
      setPasteOpen(true);
      return;
    }
    sendPaste(text);
  };

  const download = () => {
    const body = transcript.current.text();
    const note = transcript.current.truncated
      ? `${t('[Earlier output was dropped to keep the transcript small.]')}\n`
      : '';
    saveFile(transcriptFileName(name, new Date()), note + body, 'text/plain;charset=utf-8');
  };

  const setSize = () => {
    if (!xterm) return;
    xterm.fit();
    send(encodeInput(sttyCommand(xterm.terminal.rows, xterm.terminal.cols)));
    xterm.terminal.focus();
  };

  return (
    <div
      className="virtualization-plugin-serial-console"
      style={{
        display: 'flex',
        flexDirection: 'column',
        flex: '1 1 auto',
        height: '100%',
        minHeight: '24rem',
      }}
    >
      <SerialToolbar
        state={state}
        reconnect={hasConnected}
        ready={ready}
        searchOpen={searchOpen}
        notice={notice}
        search={
          searchOpen && xterm ? (
            <SerialSearch
              search={xterm.search}
              onClose={() => {
                setSearchOpen(false);
                xterm.terminal.focus();
              }}
            />
          ) : undefined
        }
        onConnect={() => connect(false)}
        onDisconnect={disconnect}
        onCopy={() => void copy()}
        onPaste={() => void paste()}
        onToggleSearch={() => setSearchOpen((open) => !open)}
        onDownload={download}
        onSetSize={setSize}
      />
      <SerialCloseAlert
        state={state}
        onTakeOver={() => connect(true)}
        onReconnect={() => connect(false)}
      />
      {xtermState.status === 'failed' && (
        <Alert isInline variant="danger" title={t('The serial console could not be loaded.')}>
          {errorMessage(xtermState.error)}
        </Alert>
      )}
      {xtermState.status === 'loading' && (
        <Bullseye>
          <Spinner size="lg" aria-label={t('Loading the serial console')} />
        </Bullseye>
      )}
      {/* The wrapper names the terminal for assistive tech; a click anywhere in it focuses it. */}
      <div
        ref={container}
        className="virtualization-plugin-serial-terminal"
        role="group"
        aria-label={t('Serial console of {{name}}', { name })}
        style={{ flex: '1 1 auto', minHeight: 0, overflow: 'hidden' }}
      />
      {pasteOpen && (
        <PasteModal
          title={t('Paste to the serial console')}
          label={t('Text to send')}
          submitLabel={t('Send')}
          onPaste={sendPaste}
          onClose={() => setPasteOpen(false)}
        />
      )}
    </div>
  );
};

export default SerialConsole;
