// What the console sends to the guest, as bytes (KubeVirt drops text frames).

const encoder = new TextEncoder();

/** Text typed in the terminal (xterm's `onData`) as UTF-8 bytes. */
export const encodeInput = (data: string): Uint8Array => encoder.encode(data);

/** xterm's `onBinary` data (one character per byte, e.g. mouse reports) as those bytes. */
export const encodeBinaryInput = (data: string): Uint8Array =>
  Uint8Array.from(data, (char) => char.charCodeAt(0) & 0xff);

/**
 * Pasted text as the terminal would send it: line breaks as Enter (CR), wrapped in bracketed
 * paste markers when the guest asked for them (so a shell does not run lines as they arrive).
 */
export const pasteInput = (text: string, bracketed: boolean): Uint8Array => {
  const lines = text.replace(/\r?\n/g, '\r');
  return encoder.encode(bracketed ? `\u001b[200~${lines}\u001b[201~` : lines);
};

/** Serial has no resize channel: tell the guest's tty the terminal's size with stty. */
export const sttyCommand = (rows: number, cols: number): string =>
  `stty rows ${rows} cols ${cols}\r`;
