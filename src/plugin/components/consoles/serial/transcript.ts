// The serial transcript: everything the console received since the page opened, as plain text
// (escape sequences stripped, line editing applied) for the "Download transcript" button.

/** Keep at most this many characters; older output is dropped first. */
export const MAX_TRANSCRIPT_CHARS = 16 * 1024 * 1024;

// CSI (ESC [ or 8-bit 0x9b) params/intermediates/final; OSC/DCS/SOS/PM/APC strings ended by BEL
// or ST; the two-byte and charset-selecting ESC sequences.
const ESCAPES = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]',
    '\\u001b[\\]PX^_][\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c)',
    '\\u001b[ -/]*[0-~]',
  ].join('|'),
  'g',
);

const isControl = (char: string): boolean => {
  const code = char.charCodeAt(0);
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
};

/** `text` without ANSI/VT escape sequences, CRLF as LF, backspaces applied, other controls removed. */
export const stripAnsi = (text: string): string => {
  const plain = text.replace(ESCAPES, '').replace(/\r+\n/g, '\n');
  let out = '';
  for (const char of plain) {
    if (char === '\b') {
      if (out && !out.endsWith('\n')) out = out.slice(0, -1);
    } else if (char === '\n' || char === '\t' || !isControl(char)) {
      out += char;
    }
  }
  return out;
};

const pad = (value: number) => String(value).padStart(2, '0');

/** `NAME-serial-YYYYMMDD-HHMMSS.txt` in local time. */
export const transcriptFileName = (name: string, at: Date): string =>
  `${name}-serial-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
  `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.txt`;

/** Received text, appended chunk by chunk; stripped only when read (sequences span chunks). */
export class Transcript {
  #chunks: string[] = [];
  #size = 0;
  #dropped = false;

  constructor(private readonly maxChars = MAX_TRANSCRIPT_CHARS) {}

  append(text: string): void {
    if (!text) return;
    this.#chunks.push(text);
    this.#size += text.length;
    while (this.#size > this.maxChars && this.#chunks.length > 1) {
      this.#size -= this.#chunks.shift()?.length ?? 0;
      this.#dropped = true;
    }
  }

  get empty(): boolean {
    return this.#size === 0;
  }

  /** Whether older output was dropped to stay under the limit. */
  get truncated(): boolean {
    return this.#dropped;
  }

  /** The raw text as received (escape sequences kept). */
  raw(): string {
    return this.#chunks.join('');
  }

  /** The plain text to save. */
  text(): string {
    return stripAnsi(this.raw());
  }
}
