import type RFB from '@novnc/novnc';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { consoleCloseKind } from '../../../../common/consoleSocket';
import type { KeyEvent } from './keys';
import { loadRfb } from './loadRfb';
import { closedState, type VncState } from './vncState';
import { CONSOLE_SUBPROTOCOL, consoleURL } from '../consoleURL';

export interface VncConnection {
  state: VncState;
  /** The live RFB while connecting or connected. */
  session: () => RFB | null;
  /** Send one key event to the guest (nothing happens unless connected and not view-only). */
  sendKey: (event: KeyEvent) => void;
  /** Connect anew; `takeOver` leaves out preserveSession, closing the other viewer's session. */
  connect: (options?: { takeOver?: boolean }) => void;
  disconnect: () => void;
}

/**
 * One VNC session at a time in `target`: our own WebSocket (so the close code is ours to read)
 * handed to a fresh RFB on each connection (a disconnected RFB cannot reconnect), reconnecting
 * with backoff when that may help.
 */
export const useVncConnection = ({
  namespace,
  name,
  target,
  autoConnect,
  viewOnly,
  scaleViewport,
}: {
  namespace: string;
  name: string;
  target: RefObject<HTMLElement | null>;
  autoConnect: boolean;
  viewOnly: boolean;
  scaleViewport: boolean;
}): VncConnection => {
  const [state, setState] = useState<VncState>(
    autoConnect ? { phase: 'connecting', attempt: 0 } : { phase: 'idle' },
  );
  const rfb = useRef<RFB | null>(null);
  // Each connection gets a number; events of an older one are ignored.
  const generation = useRef(0);
  const options = useRef({ viewOnly, scaleViewport });

  const tearDown = useCallback(() => {
    generation.current += 1;
    const current = rfb.current;
    rfb.current = null;
    try {
      current?.disconnect();
    } catch {
      // Already disconnected.
    }
  }, []);

  const open = useCallback(
    async (attempt: number, preserveSession: boolean) => {
      tearDown();
      const mine = generation.current;
      setState({ phase: 'connecting', attempt });
      let RfbClass: typeof RFB;
      try {
        RfbClass = await loadRfb();
      } catch (error) {
        if (mine === generation.current)
          setState({ phase: 'disconnected', attempt, reason: String(error) });
        return;
      }
      const element = target.current;
      if (mine !== generation.current || !element) return;
      const socket = new WebSocket(
        consoleURL('vnc', namespace, name, preserveSession),
        CONSOLE_SUBPROTOCOL,
      );
      socket.binaryType = 'arraybuffer';
      // Attempts count from the last time the console was connected.
      let failed = attempt;
      socket.addEventListener('close', (event) => {
        if (mine !== generation.current) return;
        rfb.current = null;
        setState(closedState(consoleCloseKind(event.code), event.reason, failed, Date.now()));
      });
      try {
        const session = new RfbClass(element, socket, { shared: true });
        session.scaleViewport = options.current.scaleViewport;
        session.viewOnly = options.current.viewOnly;
        session.addEventListener('connect', () => {
          if (mine !== generation.current) return;
          failed = 0;
          setState({ phase: 'connected' });
        });
        rfb.current = session;
      } catch (error) {
        generation.current += 1;
        socket.close();
        setState({ phase: 'disconnected', attempt, reason: String(error) });
      }
    },
    [namespace, name, target, tearDown],
  );

  // The planned automatic reconnect; any change of state (Disconnect, a manual connect) drops it.
  const retryAt = state.phase === 'disconnected' ? state.retryAt : undefined;
  const failedAttempt = state.phase === 'disconnected' ? state.attempt : 0;
  useEffect(() => {
    if (retryAt === undefined) return;
    const timer = setTimeout(() => void open(failedAttempt + 1, true), retryAt - Date.now());
    return () => clearTimeout(timer);
  }, [retryAt, failedAttempt, open]);

  const connect = useCallback(
    ({ takeOver = false }: { takeOver?: boolean } = {}) => void open(0, !takeOver),
    [open],
  );

  const disconnect = useCallback(() => {
    tearDown();
    setState({ phase: 'disconnected', attempt: 0, byUser: true });
  }, [tearDown]);

  const session = useCallback(() => rfb.current, []);
  const sendKey = useCallback(
    ({ key, down }: KeyEvent) => rfb.current?.sendKey(key.keysym, key.code, down),
    [],
  );

  useEffect(() => {
    if (autoConnect) {
      // Started after the effect (not inside it); a cleanup before then cancels it.
      const current = generation.current;
      void Promise.resolve().then(() => {
        if (current === generation.current) void open(0, true);
      });
    }
    return tearDown;
    // Connect once per VM; autoConnect only matters when the console opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, tearDown]);

  useEffect(() => {
    options.current = { viewOnly, scaleViewport };
    if (rfb.current) {
      rfb.current.viewOnly = viewOnly;
      rfb.current.scaleViewport = scaleViewport;
    }
  }, [viewOnly, scaleViewport]);

  return { state, session, sendKey, connect, disconnect };
};
