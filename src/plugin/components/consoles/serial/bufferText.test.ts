import { describe, expect, it } from 'vitest';
import { bufferText } from './bufferText';

const fakeBuffer = (lines: { text: string; wrapped?: boolean }[]) => ({
  length: lines.length,
  getLine: (index: number) => {
    const line = lines[index];
    return line
      ? ({
          isWrapped: Boolean(line.wrapped),
          translateToString: (trimRight?: boolean) =>
            trimRight ? line.text.replace(/\s+$/, '') : line.text,
        } as never)
      : undefined;
  },
});

describe('bufferText', () => {
  it('joins lines, rejoins wrapped ones and drops the empty rows below the prompt', () => {
    expect(
      bufferText(
        fakeBuffer([
          { text: 'Welcome   ' },
          { text: '/ # echo aaaa' },
          { text: 'bbbb', wrapped: true },
          { text: '/ # ' },
          { text: '' },
          { text: '' },
        ]),
      ),
    ).toBe('Welcome\n/ # echo aaaabbbb\n/ #');
  });
});
