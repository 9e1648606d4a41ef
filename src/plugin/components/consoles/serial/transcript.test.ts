import { describe, expect, it } from 'vitest';
import { Transcript, stripAnsi, transcriptFileName } from './transcript';

describe('stripAnsi', () => {
  it('removes colours, cursor moves and the cursor position query busybox sends', () => {
    expect(stripAnsi('\u001b[1;32mok\u001b[0m done\u001b[6n\u001b[2K\u001b[?25h')).toBe('ok done');
  });

  it('removes OSC titles ended by BEL or ST and charset selections', () => {
    expect(stripAnsi('\u001b]0;user@vm:~\u0007$ \u001b]2;x\u001b\\\u001b(Bls')).toBe('$ ls');
  });

  it('turns CRLF into LF and drops other control characters', () => {
    expect(stripAnsi('Booting\r\nlogin: \u0007\r\n\u0000end\r')).toBe('Booting\nlogin: \nend');
  });

  it('applies backspaces the way the terminal showed them, within the line', () => {
    expect(stripAnsi('/ # lss\b \bx\r\n\bnext')).toBe('/ # lsx\nnext');
  });

  it('keeps text that is not ASCII', () => {
    expect(stripAnsi('Grüße 日本\u001b[m')).toBe('Grüße 日本');
  });
});

describe('transcriptFileName', () => {
  it('names the VM and the local time, zero-padded', () => {
    expect(transcriptFileName('fedora', new Date(2026, 0, 5, 7, 8, 9))).toBe(
      'fedora-serial-20260105-070809.txt',
    );
  });
});

describe('Transcript', () => {
  it('strips sequences split across received chunks', () => {
    const transcript = new Transcript();
    expect(transcript.empty).toBe(true);
    transcript.append('a\u001b[3');
    transcript.append('1mb\u001b[0m\r');
    transcript.append('\nc');
    expect(transcript.text()).toBe('ab\nc');
    expect(transcript.raw()).toBe('a\u001b[31mb\u001b[0m\r\nc');
    expect(transcript.empty).toBe(false);
  });

  it('drops the oldest output past its limit and says so', () => {
    const transcript = new Transcript(10);
    transcript.append('12345');
    transcript.append('67890');
    expect(transcript.truncated).toBe(false);
    transcript.append('abc');
    expect(transcript.raw()).toBe('67890abc');
    expect(transcript.truncated).toBe(true);
  });
});
