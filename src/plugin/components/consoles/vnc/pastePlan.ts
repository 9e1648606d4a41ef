import { comboEvents, KEYS, type KeyEvent } from './keys';
import type { GuestKeymap, KeyPlacement } from './keymaps';

/** One character to type. */
export interface PasteStroke {
  char: string;
  placement: KeyPlacement;
}

export interface PastePlan {
  strokes: PasteStroke[];
  /** Characters the guest layout cannot type, each once, in order of appearance. */
  unknown: string[];
}

/** The keystrokes that type `text` in a guest with `keymap` (CR LF and CR become Enter). */
export const planPaste = (text: string, keymap: GuestKeymap): PastePlan => {
  const strokes: PasteStroke[] = [];
  const unknown: string[] = [];
  for (const char of text.replace(/\r\n?/g, '\n')) {
    const placement = keymap.chars.get(char);
    if (placement) strokes.push({ char, placement });
    else if (!unknown.includes(char)) unknown.push(char);
  }
  return { strokes, unknown };
};

/** The key events of one stroke: Shift or AltGr held around the key when the layout needs it. */
export const strokeEvents = ({ placement }: PasteStroke): KeyEvent[] => {
  const modifiers = [
    ...(placement.shift ? [KEYS.shift] : []),
    ...(placement.altGr ? [KEYS.altGr] : []),
  ];
  return comboEvents(modifiers, { keysym: placement.keysym, code: placement.code });
};

/** The pause between typed characters: KubeVirt guests drop keys sent much faster. */
export const PASTE_KEY_INTERVAL_MS = 50;

/**
 * Type `strokes` one every `intervalMs`, reporting progress; stops early when `signal` aborts.
 * Resolves with the number of characters typed.
 */
export const typeStrokes = (
  strokes: readonly PasteStroke[],
  send: (event: KeyEvent) => void,
  {
    intervalMs = PASTE_KEY_INTERVAL_MS,
    signal,
    onProgress,
  }: { intervalMs?: number; signal?: AbortSignal; onProgress?: (typed: number) => void } = {},
): Promise<number> =>
  new Promise((resolve) => {
    let typed = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      clearTimeout(timer);
      resolve(typed);
    };
    signal?.addEventListener('abort', stop, { once: true });
    const next = () => {
      if (signal?.aborted) return stop();
      const stroke = strokes[typed];
      if (!stroke) {
        signal?.removeEventListener('abort', stop);
        return resolve(typed);
      }
      strokeEvents(stroke).forEach(send);
      typed += 1;
      onProgress?.(typed);
      timer = setTimeout(next, intervalMs);
    };
    next();
  });
