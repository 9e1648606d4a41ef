import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SerialHub } from '../runtime/serialHub';
import {
  commandLines,
  GuestShell,
  parseResult,
  resultPattern,
  type SerialConsole,
} from './guestCommand';

/**
 * A guest console played by the host's shell: every typed line is echoed, run with /bin/sh and
 * followed by a prompt, with the CR LF line ends a tty gives. `busy` lines are swallowed (a
 * shell stuck in a command).
 */
const fakeGuest = (options: { busy?: RegExp } = {}) => {
  const hub = new SerialHub('/nonexistent');
  const typed: string[] = [];
  const writes: string[] = [];
  let pending = '';
  const console: SerialConsole = {
    mark: () => hub.mark(),
    waitFor: (pattern, opts) => hub.waitFor(pattern, opts),
    write: (data) => {
      writes.push(data);
      pending += data;
      let at: number;
      while ((at = pending.indexOf('\r')) >= 0) {
        const line = pending.slice(0, at);
        pending = pending.slice(at + 1);
        typed.push(line);
        hub.push(Buffer.from(`${line}\r\n`));
        if (options.busy?.test(line)) continue;
        const output = line.trim()
          ? execFileSync('/bin/sh', ['-c', `${line} 2>&1 || true`], { encoding: 'latin1' })
          : '';
        hub.push(Buffer.from(`${output.replace(/\n/g, '\r\n')}[vm]# \x1b[6n`, 'latin1'));
      }
      return true;
    },
  };
  return { hub, console, typed, writes };
};

describe('guest commands over the serial console', () => {
  it('types the command base64-encoded, so the markers appear whole only in the output', () => {
    const lines = commandLines('abc123', "echo 'it''s' \"$HOME\"\nexit 3");
    expect(lines.join('\n')).not.toContain(':GC:abc123:S:');
    expect(lines.at(-1)).toContain("echo :GC:abc123':S:'");
    const text = `${lines.at(-1)}\r\n:GC:abc123:S:\r\nline 1\r\nline 2\r\n:GC:abc123:E:3\r\n[vm]# `;
    const match = resultPattern('abc123').exec(text);
    expect(match && parseResult(match)).toEqual({ output: 'line 1\nline 2\n', exitCode: 3 });
    // Output without a final newline ends where the end marker starts.
    const bare = resultPattern('x1').exec(':GC:x1:S:\r\nno-newline:GC:x1:E:0');
    expect(bare && parseResult(bare)).toEqual({ output: 'no-newline', exitCode: 0 });
  });

  it('runs commands one at a time after the prompt and returns output and exit code', async () => {
    const guest = fakeGuest();
    const shell = new GuestShell(() => guest.console, /\[vm\]# /);
    const first = shell.run("printf 'a b\\nc'; echo; echo \"quoted 'x'\"", 5_000);
    const second = shell.run('echo second; exit 7', 5_000);
    // Nothing is typed before the guest shows a prompt.
    await new Promise((resolve) => setImmediate(resolve));
    expect(guest.typed).toEqual([]);
    guest.hub.push(Buffer.from('booting...\r\n[vm]# '));
    expect(await first).toEqual({ output: "a b\nc\nquoted 'x'\n", exitCode: 0 });
    expect(await second).toEqual({ output: 'second\n', exitCode: 7 });
    const long = 'x'.repeat(3000);
    expect(await shell.run(`echo ${long} | wc -c`, 5_000)).toEqual({
      output: `${long.length + 1}\n`,
      exitCode: 0,
    });
  });

  it('gives up after the timeout and interrupts the command', async () => {
    const guest = fakeGuest({ busy: /:GC:/ });
    guest.hub.push(Buffer.from('[vm]# '));
    const shell = new GuestShell(() => guest.console, /\[vm\]# /);
    await expect(shell.run('sleep 100', 300)).rejects.toThrow(
      /did not finish on the guest within 300 ms/,
    );
    expect(guest.writes.at(-1)).toBe('\x03');
  });

  it('presses Enter for a prompt when the shell has been idle since before it looked', async () => {
    // A migrated guest: its new console has printed nothing yet.
    const guest = fakeGuest();
    const shell = new GuestShell(() => guest.console, /\[vm\]# /);
    expect(await shell.run('echo after-move', 10_000)).toEqual({
      output: 'after-move\n',
      exitCode: 0,
    });
    expect(guest.typed[0]).toBe('');
  });

  it('says when the guest is not running', async () => {
    const shell = new GuestShell(() => undefined, /\[vm\]# /);
    await expect(shell.run('true', 1_000)).rejects.toThrow(/not running/);
  });
});
