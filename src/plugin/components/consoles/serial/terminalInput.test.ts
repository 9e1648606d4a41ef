import { describe, expect, it } from 'vitest';
import { encodeBinaryInput, encodeInput, pasteInput, sttyCommand } from './terminalInput';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('terminal input', () => {
  it('encodes typed text as UTF-8 bytes', () => {
    const bytes = encodeInput('é\r');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([0xc3, 0xa9, 0x0d]);
  });

  it('keeps binary data one byte per character', () => {
    expect([...encodeBinaryInput('\u001b[M\u00ff')]).toEqual([0x1b, 0x5b, 0x4d, 0xff]);
  });

  it('sends pasted line breaks as Enter', () => {
    expect(text(pasteInput('echo 1\necho 2\r\n', false))).toBe('echo 1\recho 2\r');
  });

  it('wraps a paste in bracketed-paste markers when the guest enabled them', () => {
    expect(text(pasteInput('ls\n', true))).toBe('\u001b[200~ls\r\u001b[201~');
  });

  it('builds the stty command for a size', () => {
    expect(sttyCommand(40, 132)).toBe('stty rows 40 cols 132\r');
  });
});
