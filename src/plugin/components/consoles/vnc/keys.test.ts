import { describe, expect, it } from 'vitest';
import { comboEvents, functionKey, KEYS, SEND_KEY_COMBOS } from './keys';

describe('send-key data', () => {
  it('uses the X11 keysyms', () => {
    expect(KEYS.delete.keysym).toBe(0xffff);
    expect(KEYS.escape.keysym).toBe(0xff1b);
    expect(KEYS.printScreen.keysym).toBe(0xff61);
    expect(functionKey(1)).toEqual({ keysym: 0xffbe, code: 'F1' });
    expect(functionKey(12)).toEqual({ keysym: 0xffc9, code: 'F12' });
  });

  it('offers Ctrl+Alt+Del, F1–F12, the vGPU display switch and single keys', () => {
    const labels = SEND_KEY_COMBOS.map((combo) => combo.label);
    expect(labels[0]).toBe('Ctrl+Alt+Del');
    for (let n = 1; n <= 12; n++) expect(labels).toContain(`Ctrl+Alt+F${n}`);
    expect(labels).toEqual(
      expect.arrayContaining(['Ctrl+Alt+1', 'Ctrl+Alt+2', 'Esc', 'Tab', 'PrintScreen']),
    );
    const one = SEND_KEY_COMBOS.find((combo) => combo.id === 'ctrl-alt-1')!;
    expect(one.key).toEqual({ keysym: 0x31, code: 'Digit1' });
    expect(one.modifiers).toEqual([KEYS.ctrl, KEYS.alt]);
    expect(new Set(SEND_KEY_COMBOS.map((combo) => combo.id)).size).toBe(SEND_KEY_COMBOS.length);
  });

  it('presses modifiers around the key and releases them in reverse', () => {
    expect(comboEvents([KEYS.ctrl, KEYS.alt], functionKey(2))).toEqual([
      { key: KEYS.ctrl, down: true },
      { key: KEYS.alt, down: true },
      { key: functionKey(2), down: true },
      { key: functionKey(2), down: false },
      { key: KEYS.alt, down: false },
      { key: KEYS.ctrl, down: false },
    ]);
    expect(comboEvents([], KEYS.tab)).toHaveLength(2);
  });
});
