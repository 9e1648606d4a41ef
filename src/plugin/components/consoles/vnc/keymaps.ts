// Guest keyboard layouts for typing pasted text: which physical key (and which of Shift or
// AltGr) makes each character in the guest. QEMU turns the key code into a scancode, which the
// guest reads through its own layout, so the layout here must match the guest's, not the browser's.

/** How one character is typed: the physical key, the keysym, and the modifier it needs. */
export interface KeyPlacement {
  code: string;
  keysym: number;
  shift: boolean;
  altGr: boolean;
}

export type GuestKeymapId = 'en-us' | 'ja' | 'fr';

export interface GuestKeymap {
  id: GuestKeymapId;
  chars: ReadonlyMap<string, KeyPlacement>;
}

/** Keysym of a character: Latin-1 keysyms equal the code point; the rest use 0x01000000 + code. */
export const charKeysym = (char: string): number => {
  const point = char.codePointAt(0) ?? 0;
  if (char === '\n') return 0xff0d;
  if (char === '\t') return 0xff09;
  return (point >= 0x20 && point <= 0x7e) || (point >= 0xa0 && point <= 0xff)
    ? point
    : 0x01000000 + point;
};

/** Rows of [key code, plain, with Shift, with AltGr] ('' where the key makes nothing useful). */
type Row = readonly [code: string, plain: string, shift: string, altGr?: string];

const build = (rows: readonly Row[]): ReadonlyMap<string, KeyPlacement> => {
  const chars = new Map<string, KeyPlacement>();
  const put = (char: string | undefined, code: string, shift: boolean, altGr: boolean) => {
    if (char && !chars.has(char)) chars.set(char, { code, keysym: charKeysym(char), shift, altGr });
  };
  for (const [code, plain, shifted, altGr] of rows) {
    put(plain, code, false, false);
    put(shifted, code, true, false);
    put(altGr, code, false, true);
  }
  put('\n', 'Enter', false, false);
  put('\t', 'Tab', false, false);
  put(' ', 'Space', false, false);
  return chars;
};

const letters = (except: string): Row[] =>
  [...'abcdefghijklmnopqrstuvwxyz']
    .filter((letter) => !except.includes(letter))
    .map((letter) => [`Key${letter.toUpperCase()}`, letter, letter.toUpperCase()] as const);

const digits = (shifted: string): Row[] =>
  [...'1234567890'].map((digit, i) => [`Digit${digit}`, digit, shifted[i] ?? ''] as const);

/** US layout; Korean keyboards type ASCII the same way. */
const US: Row[] = [
  ...letters(''),
  ...digits('!@#$%^&*()'),
  ['Backquote', '`', '~'],
  ['Minus', '-', '_'],
  ['Equal', '=', '+'],
  ['BracketLeft', '[', '{'],
  ['BracketRight', ']', '}'],
  ['Backslash', '\\', '|'],
  ['Semicolon', ';', ':'],
  ['Quote', "'", '"'],
  ['Comma', ',', '<'],
  ['Period', '.', '>'],
  ['Slash', '/', '?'],
];

/** Japanese JIS (106/109 keys). */
const JA: Row[] = [
  ...letters(''),
  ...digits('!"#$%&\'()'),
  ['Minus', '-', '='],
  ['Equal', '^', '~'],
  ['IntlYen', '\\', '|'],
  ['BracketLeft', '@', '`'],
  ['BracketRight', '[', '{'],
  ['Backslash', ']', '}'],
  ['Semicolon', ';', '+'],
  ['Quote', ':', '*'],
  ['Comma', ',', '<'],
  ['Period', '.', '>'],
  ['Slash', '/', '?'],
  ['IntlRo', '\\', '_'],
];

/** French AZERTY (Linux "fr", the same as Windows for these characters). */
const FR: Row[] = [
  ['KeyQ', 'a', 'A'],
  ['KeyW', 'z', 'Z'],
  ['KeyA', 'q', 'Q'],
  ['KeyZ', 'w', 'W'],
  ['Semicolon', 'm', 'M'],
  ...letters('azqwm'),
  ['Backquote', '²', ''],
  ['Digit1', '&', '1'],
  ['Digit2', 'é', '2', '~'],
  ['Digit3', '"', '3', '#'],
  ['Digit4', "'", '4', '{'],
  ['Digit5', '(', '5', '['],
  ['Digit6', '-', '6', '|'],
  ['Digit7', 'è', '7', '`'],
  ['Digit8', '_', '8', '\\'],
  ['Digit9', 'ç', '9', '^'],
  ['Digit0', 'à', '0', '@'],
  ['Minus', ')', '°', ']'],
  ['Equal', '=', '+', '}'],
  ['BracketRight', '$', '£'],
  ['Quote', 'ù', '%'],
  ['Backslash', '*', 'µ'],
  ['IntlBackslash', '<', '>'],
  ['KeyM', ',', '?'],
  ['Comma', ';', '.'],
  ['Period', ':', '/'],
  ['Slash', '!', '§'],
];

const EN_US: GuestKeymap = { id: 'en-us', chars: build(US) };

export const GUEST_KEYMAPS: readonly GuestKeymap[] = [
  EN_US,
  { id: 'ja', chars: build(JA) },
  { id: 'fr', chars: build(FR) },
];

export const guestKeymap = (id: GuestKeymapId): GuestKeymap =>
  GUEST_KEYMAPS.find((keymap) => keymap.id === id) ?? EN_US;
