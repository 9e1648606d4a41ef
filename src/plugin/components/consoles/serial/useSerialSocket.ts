import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type ConsoleCloseKind,
  consoleCloseKind,
  consoleCloseRetryable,
} from '../../../../common/consoleSocket';
import { backoffDelay, DEFAULT_BACKOFF } from '../backoff';
import { CONSOLE_SUBPROTOCOL, consoleURL } from '../consoleURL';

/** The one subprotocol KubeVirt's console sockets speak. */
export const SERIAL_SUBPROTOCOL = CONSOLE_SUBPROTOCOL;

export type SerialConnectionState =
  | { phase: 'idle' }
  | { phase: 'connecting' }
  | { phase: 'connected' }
  | {
      phase: 'disconnected';
      /** Why, from the close code; undefined when the page closed it. */
      kind?: ConsoleCloseKind;
      /** The server's close reason (the cluster's message). */
      reason?: string;
      /** When an automatic reconnect is due (epoch ms), for retryable kinds. */
      retryAt?: number;
    };

export interface SerialSocketOptions {
  namespace: string;
  name: string;
  /** Called with each chunk of decoded output, in order. */
  onOutput: (text: string) => void;
  /** Called when a new connection opens (after the first: a reconnect). */
  onOpen?: (reconnected: boolean) => void;
}

/**
 * One serial console WebSocket at a time: binary frames both ways, output decoded as a UTF-8
 * stream, automatic reconnect with bounded backoff for the close kinds that may heal by themselves.
 * Every connection asks to keep a viewer already there (`preserveSession`) unless it takes over.
 */
export const useSerialSocket = ({ namespace, name, onOutput, onOpen }: SerialSocketOptions) => {
  const [state, setState] = useState<SerialConnectionState>({ phase: 'idle' });
  const socket = useRef<WebSocket | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempt = useRef(0);
  const opened = useRef(false);
  const [hasConnected, setHasConnected] = useState(false);
  const callbacks = useRef({ onOutput, onOpen });
  useEffect(() => {
    callbacks.current = { onOutput, onOpen };
  }, [onOutput, onOpen]);
  // The retry timer calls the newest `connect` (it is declared below and changes with the VM).
  const reconnect = useRef<() => void>(() => {});

  const cancelRetry = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };

  const connect = useCallback(
    (takeOver = false) => {
      cancelRetry();
      const previous = socket.current;
      socket.current = null;
      if (previous) {
        previous.onclose = null;
        previous.close(1000);
      }
      const ws = new WebSocket(
        consoleURL('serial', namespace, name, !takeOver),
        SERIAL_SUBPROTOCOL,
      );
      ws.binaryType = 'arraybuffer';
      const decoder = new TextDecoder('utf-8');
      socket.current = ws;
      setState({ phase: 'connecting' });

      ws.onopen = () => {
        if (socket.current !== ws) return;
        setState({ phase: 'connected' });
        callbacks.current.onOpen?.(opened.current);
        opened.current = true;
        setHasConnected(true);
      };
      ws.onmessage = (event: MessageEvent) => {
        // Only binary frames carry data (a text frame is not console output).
        if (socket.current !== ws || typeof event.data === 'string') return;
        // Data flowing means this connection works: the next drop starts the backoff afresh.
        attempt.current = 0;
        const text = decoder.decode(new Uint8Array(event.data as ArrayBuffer), { stream: true });
        if (text) callbacks.current.onOutput(text);
      };
      ws.onclose = (event: CloseEvent) => {
        if (socket.current !== ws) return;
        socket.current = null;
        const rest = decoder.decode();
        if (rest) callbacks.current.onOutput(rest);
        const kind = consoleCloseKind(event.code);
        const reason = event.reason || undefined;
        if (kind && consoleCloseRetryable(kind)) {
          const delay = backoffDelay(++attempt.current, DEFAULT_BACKOFF);
          timer.current = setTimeout(() => reconnect.current(), delay);
          setState({ phase: 'disconnected', kind, reason, retryAt: Date.now() + delay });
        } else {
          setState({ phase: 'disconnected', kind, reason });
        }
      };
    },
    [namespace, name],
  );
  useEffect(() => {
    reconnect.current = () => connect(false);
  }, [connect]);

  const disconnect = useCallback(() => {
    cancelRetry();
    const ws = socket.current;
    socket.current = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000);
    }
    setState({ phase: 'disconnected' });
  }, []);

  /** Sends bytes to the guest; false when there is no open connection. */
  const send = useCallback((bytes: Uint8Array): boolean => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(bytes);
    return true;
  }, []);

  useEffect(
    () => () => {
      cancelRetry();
      const ws = socket.current;
      socket.current = null;
      if (ws) {
        ws.onclose = null;
        ws.close(1000);
      }
    },
    [],
  );

  return { state, connect, disconnect, send, hasConnected };
};
