// X11 keysyms (and the physical key codes QEMU turns into scancodes) for the send-key menu.

/** One key: its X11 keysym and its `KeyboardEvent.code` (noVNC sends both; QEMU uses the code). */
export interface Key {
  keysym: number;
  code: string;
}

export const KEYS = {
  ctrl: { keysym: 0xffe3, code: 'ControlLeft' },
  alt: { keysym: 0xffe9, code: 'AltLeft' },
  shift: { keysym: 0xffe1, code: 'ShiftLeft' },
  super: { keysym: 0xffeb, code: 'MetaLeft' },
  altGr: { keysym: 0xfe03, code: 'AltRight' },
  delete: { keysym: 0xffff, code: 'Delete' },
  escape: { keysym: 0xff1b, code: 'Escape' },
  tab: { keysym: 0xff09, code: 'Tab' },
  enter: { keysym: 0xff0d, code: 'Enter' },
  backspace: { keysym: 0xff08, code: 'Backspace' },
  printScreen: { keysym: 0xff61, code: 'PrintScreen' },
} as const satisfies Record<string, Key>;

/** F1…F12: keysyms 0xffbe…0xffc9. */
export const functionKey = (n: number): Key => ({ keysym: 0xffbe + n - 1, code: `F${n}` });

/** The digits 0–9 on the main row (keysyms are their ASCII codes). */
export const digitKey = (n: number): Key => ({ keysym: 0x30 + n, code: `Digit${n}` });

/** The modifiers that can latch: pressed with a toggle, released after the next key. */
export type LatchModifier = 'ctrl' | 'alt' | 'shift' | 'super';
export const LATCH_MODIFIERS: readonly LatchModifier[] = ['ctrl', 'alt', 'shift', 'super'];

/** A send-key menu entry: the modifiers held, then one key pressed and released. */
export interface KeyCombo {
  id: string;
  /** Shown in the menu (not translated: key names read the same everywhere). */
  label: string;
  modifiers: Key[];
  key: Key;
}

const ctrlAlt = [KEYS.ctrl, KEYS.alt];

/** The send-key menu, as data: Ctrl+Alt+Del first, then VT switching, vGPU displays, single keys. */
export const SEND_KEY_COMBOS: readonly KeyCombo[] = [
  { id: 'ctrl-alt-del', label: 'Ctrl+Alt+Del', modifiers: ctrlAlt, key: KEYS.delete },
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `ctrl-alt-f${i + 1}`,
    label: `Ctrl+Alt+F${i + 1}`,
    modifiers: ctrlAlt,
    key: functionKey(i + 1),
  })),
  { id: 'ctrl-alt-1', label: 'Ctrl+Alt+1', modifiers: ctrlAlt, key: digitKey(1) },
  { id: 'ctrl-alt-2', label: 'Ctrl+Alt+2', modifiers: ctrlAlt, key: digitKey(2) },
  { id: 'esc', label: 'Esc', modifiers: [], key: KEYS.escape },
  { id: 'tab', label: 'Tab', modifiers: [], key: KEYS.tab },
  { id: 'print-screen', label: 'PrintScreen', modifiers: [], key: KEYS.printScreen },
];

/** A key event to send: down or up. */
export interface KeyEvent {
  key: Key;
  down: boolean;
}

/** The events of a combo: modifiers down in order, the key down and up, modifiers up reversed. */
export const comboEvents = (modifiers: readonly Key[], key: Key): KeyEvent[] => [
  ...modifiers.map((modifier) => ({ key: modifier, down: true })),
  { key, down: true },
  { key, down: false },
  ...[...modifiers].reverse().map((modifier) => ({ key: modifier, down: false })),
];
