import type { FitAddon } from '@xterm/addon-fit';
import type { SearchAddon } from '@xterm/addon-search';
import type { Terminal } from '@xterm/xterm';
import { type RefObject, useEffect, useState } from 'react';
import { loadXterm } from './loadXterm';

/** Lines kept above the screen: a whole boot log fits. */
export const SCROLLBACK_LINES = 10_000;

export interface XtermInstance {
  terminal: Terminal;
  search: SearchAddon;
  fit: () => void;
}

export type XtermState =
  | { status: 'loading' }
  | { status: 'ready'; xterm: XtermInstance }
  | { status: 'failed'; error: unknown };

const monoFont = (element: HTMLElement): string =>
  getComputedStyle(element).getPropertyValue('--pf-t--global--font--family--mono').trim() ||
  'monospace';

/**
 * Loads xterm.js when the console mounts, opens a terminal in `container`, keeps it fitted to the
 * container's size and gives the hidden input an accessible name.
 */
export const useXterm = (container: RefObject<HTMLElement>, accessibleName: string) => {
  const [state, setState] = useState<XtermState>({ status: 'loading' });

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    loadXterm().then(
      (library) => {
        const element = container.current;
        if (disposed || !element) return;
        const terminal = new library.Terminal({
          scrollback: SCROLLBACK_LINES,
          cursorBlink: true,
          fontFamily: monoFont(element),
        });
        const fitAddon: FitAddon = new library.FitAddon();
        const search = new library.SearchAddon();
        terminal.loadAddon(fitAddon);
        terminal.loadAddon(search);
        terminal.open(element);
        const fit = () => {
          // Fitting a hidden panel (zero size) would shrink the terminal to nothing.
          if (element.clientWidth > 0 && element.clientHeight > 0) fitAddon.fit();
        };
        fit();
        let frame = 0;
        const observer = new ResizeObserver(() => {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(fit);
        });
        observer.observe(element);
        // Clicks below the last row (outside xterm's own screen) focus the terminal too.
        const focus = () => terminal.focus();
        element.addEventListener('click', focus);
        cleanup = () => {
          element.removeEventListener('click', focus);
          cancelAnimationFrame(frame);
          observer.disconnect();
          terminal.dispose();
        };
        setState({ status: 'ready', xterm: { terminal, search, fit } });
      },
      (error: unknown) => {
        if (!disposed) setState({ status: 'failed', error });
      },
    );
    return () => {
      disposed = true;
      cleanup();
    };
  }, [container]);

  const terminal = state.status === 'ready' ? state.xterm.terminal : undefined;
  useEffect(() => {
    terminal?.textarea?.setAttribute('aria-label', accessibleName);
  }, [terminal, accessibleName]);

  return state;
};
