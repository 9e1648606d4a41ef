// Runs shell commands on a guest's serial console, as KubeVirt's checkups drive a VMI's console:
// wait for the shell prompt, type the command wrapped in unique start/end markers, and read what
// came out between them and the exit code the end marker carries. The command travels base64
// encoded into a file and runs with `sh` (stdin from /dev/null), so quotes, newlines and long
// commands arrive intact and the typed text never contains the markers as the guest prints them.
import { randomBytes } from 'node:crypto';

export interface GuestCommandResult {
  output: string;
  exitCode: number;
}

/** What the runner needs of a serial console (runtime/serialHub.ts's SerialHub has it). */
export interface SerialConsole {
  mark(): number;
  write(data: string): boolean;
  waitFor(
    pattern: RegExp,
    options: { since?: number; timeoutMs?: number },
  ): Promise<RegExpExecArray>;
}

/** busybox's line editor keeps lines short; base64 goes in chunks of this many characters. */
const CHUNK = 400;

/** The lines to type for `command` with marker id `id` (letters and digits). */
export const commandLines = (id: string, command: string): string[] => {
  const file = `/tmp/.gc${id}`;
  const encoded = Buffer.from(command, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let at = 0; at < encoded.length; at += CHUNK)
    lines.push(`printf %s ${encoded.slice(at, at + CHUNK)} >>${file}.b`);
  if (!encoded.length) lines.push(`: >${file}.b`);
  lines.push(`base64 -d ${file}.b >${file}; rm -f ${file}.b`);
  // The quotes split the markers in the echo of the typed line; only the guest's output has them whole.
  lines.push(`echo :GC:${id}':S:'; sh ${file} </dev/null; echo :GC:${id}':E:'$?; rm -f ${file}`);
  return lines;
};

/** The pattern of a finished command's output in the console text (latin1, CR LF line ends). */
export const resultPattern = (id: string): RegExp =>
  new RegExp(`:GC:${id}:S:\\r?\\n([\\s\\S]*?):GC:${id}:E:(\\d+)`);

/** The command's output (LF line ends, as the guest's tty turned them to CR LF) and exit code. */
export const parseResult = (match: RegExpExecArray): GuestCommandResult => ({
  output: Buffer.from(match[1] ?? '', 'latin1')
    .toString('utf8')
    .replace(/\r\n/g, '\n'),
  exitCode: Number(match[2]),
});

export const newMarkerId = () => randomBytes(5).toString('hex');

/**
 * One guest's shell: commands run one at a time. `serial()` gives the guest's console as it is
 * now (a migration replaces it); `prompt` matches the shell's prompt.
 */
export class GuestShell {
  private chain: Promise<unknown> = Promise.resolve();
  private console: SerialConsole | undefined;
  /** Console offset after which the next prompt is looked for. */
  private since = 0;

  constructor(
    private readonly serial: () => SerialConsole | undefined,
    private readonly prompt: RegExp,
  ) {}

  run(command: string, timeoutMs = 30_000): Promise<GuestCommandResult> {
    const result = this.chain.then(() => this.execute(command, timeoutMs));
    this.chain = result.catch(() => undefined);
    return result;
  }

  private current(): SerialConsole {
    const console = this.serial();
    if (!console) throw new Error('the guest is not running');
    if (console !== this.console) {
      // A new process (start or migration): look for a prompt in all it printed.
      this.console = console;
      this.since = 0;
    }
    return console;
  }

  /** Waits for a prompt; a shell idle since before we looked is nudged with Enter. */
  private async waitForPrompt(deadline: number) {
    for (let nudge = false; ; nudge = true) {
      const console = this.current();
      const since = this.since;
      if (nudge) console.write('\r');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('the guest shell did not show its prompt in time');
      try {
        await console.waitFor(this.prompt, { since, timeoutMs: Math.min(left, 3_000) });
        return;
      } catch (error) {
        if (this.serial() === undefined) throw new Error('the guest is not running');
        if (Date.now() >= deadline) throw error;
      }
    }
  }

  private async execute(command: string, timeoutMs: number): Promise<GuestCommandResult> {
    const deadline = Date.now() + timeoutMs;
    await this.waitForPrompt(deadline);
    const console = this.current();
    const id = newMarkerId();
    const start = console.mark();
    console.write(`${commandLines(id, command).join('\r')}\r`);
    try {
      const match = await console.waitFor(resultPattern(id), {
        since: start,
        timeoutMs: Math.max(1, deadline - Date.now()),
      });
      // The next prompt follows the end marker (output is matched as latin1: one char a byte).
      this.since = start + match.index + match[0].length;
      return parseResult(match);
    } catch (error) {
      // Interrupt what still runs, so the next command finds a prompt.
      this.since = console.mark();
      console.write('\x03');
      throw new Error(
        `the command did not finish on the guest within ${timeoutMs} ms: ${(error as Error).message}`,
      );
    }
  }
}
