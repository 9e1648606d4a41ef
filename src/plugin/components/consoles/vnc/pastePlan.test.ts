import { afterEach, describe, expect, it, vi } from 'vitest';
import { KEYS, type KeyEvent } from './keys';
import { charKeysym, guestKeymap } from './keymaps';
import { planPaste, strokeEvents, typeStrokes } from './pastePlan';

const us = guestKeymap('en-us');
const codesOf = (text: string, id: Parameters<typeof guestKeymap>[0]) =>
  planPaste(text, guestKeymap(id)).strokes.map(({ placement }) =>
    [placement.shift && 'Shift', placement.altGr && 'AltGr', placement.code]
      .filter(Boolean)
      .join('+'),
  );

describe('planPaste', () => {
  it('types ASCII on a US guest, with Shift where needed', () => {
    expect(codesOf('ls -l $HOME\n', 'en-us')).toEqual([
      'KeyL',
      'KeyS',
      'Space',
      'Minus',
      'KeyL',
      'Space',
      'Shift+Digit4',
      'Shift+KeyH',
      'Shift+KeyO',
      'Shift+KeyM',
      'Shift+KeyE',
      'Enter',
    ]);
  });

  it('covers every printable ASCII character in each layout', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    for (const id of ['en-us', 'ja', 'fr'] as const)
      expect(planPaste(ascii, guestKeymap(id)).unknown).toEqual([]);
  });

  it('uses the guest layout, not the browser one', () => {
    expect(codesOf('a@"', 'ja')).toEqual(['KeyA', 'BracketLeft', 'Shift+Digit2']);
    expect(codesOf('aq1@é', 'fr')).toEqual([
      'KeyQ',
      'KeyA',
      'Shift+Digit1',
      'AltGr+Digit0',
      'Digit2',
    ]);
  });

  it('reports characters it cannot type, once each, and types the rest', () => {
    const plan = planPaste('héllo → wörld →', us);
    expect(plan.unknown).toEqual(['é', '→', 'ö']);
    expect(plan.strokes.map((stroke) => stroke.char).join('')).toBe('hllo  wrld ');
  });

  it('turns CR LF and CR into one Enter each', () => {
    expect(codesOf('a\r\nb\rc', 'en-us')).toEqual(['KeyA', 'Enter', 'KeyB', 'Enter', 'KeyC']);
  });

  it('sends keysyms as X11 defines them', () => {
    expect(charKeysym('A')).toBe(0x41);
    expect(charKeysym('é')).toBe(0xe9);
    expect(charKeysym('\n')).toBe(0xff0d);
    expect(charKeysym('€')).toBe(0x010020ac);
  });
});

describe('strokeEvents', () => {
  it('holds Shift around a shifted key', () => {
    const [stroke] = planPaste('A', us).strokes;
    expect(strokeEvents(stroke!)).toEqual([
      { key: KEYS.shift, down: true },
      { key: { keysym: 0x41, code: 'KeyA' }, down: true },
      { key: { keysym: 0x41, code: 'KeyA' }, down: false },
      { key: KEYS.shift, down: false },
    ]);
  });
});

describe('typeStrokes', () => {
  afterEach(() => vi.useRealTimers());

  it('types one character every 50 ms and reports progress', async () => {
    vi.useFakeTimers();
    const sent: KeyEvent[] = [];
    const progress: number[] = [];
    const done = typeStrokes(planPaste('ab', us).strokes, (event) => sent.push(event), {
      onProgress: (typed) => progress.push(typed),
    });
    expect(sent.filter((event) => event.down).map((event) => event.key.code)).toEqual(['KeyA']);
    await vi.advanceTimersByTimeAsync(50);
    expect(progress).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(50);
    await expect(done).resolves.toBe(2);
    expect(sent).toHaveLength(4);
  });

  it('stops when cancelled', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const send = vi.fn();
    const done = typeStrokes(planPaste('abcdef', us).strokes, send, {
      signal: controller.signal,
    });
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    await expect(done).resolves.toBe(3);
    await vi.advanceTimersByTimeAsync(500);
    expect(send).toHaveBeenCalledTimes(6);
  });
});
