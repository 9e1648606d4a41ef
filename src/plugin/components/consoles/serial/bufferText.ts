import type { IBuffer } from '@xterm/xterm';

/** Everything in a terminal buffer (scroll-back and screen) as text, wrapped lines rejoined. */
export const bufferText = (buffer: Pick<IBuffer, 'length' | 'getLine'>): string => {
  const lines: string[] = [];
  for (let index = 0; index < buffer.length; index++) {
    const line = buffer.getLine(index);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
};
