import { expect, type Page } from '@playwright/test';

const BFF = '/api/proxy/plugin/virtualization-plugin/bff';
/** Terminal control sequences (the prompt's cursor queries), which are not output. */
const ESCAPE_SEQUENCE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

/**
 * The guest's shell on its serial console, through the BFF's console socket as the page's user:
 * what a user would type in the Serial console, used to check what the guest itself sees.
 */
export class GuestSerial {
  constructor(private readonly page: Page) {}

  /**
   * Runs `command` in the guest's shell and gives its output. The command is wrapped in start
   * and end markers written so that the shell's echo of the typed line cannot match them.
   * Retries while the console is not up yet (a guest still booting).
   */
  async run(namespace: string, name: string, command: string, timeoutMs = 90_000) {
    const output = await this.page.evaluate(
      async ({ url, command, prompt, timeoutMs }) => {
        const deadline = Date.now() + timeoutMs;
        const attempt = () =>
          new Promise<string | undefined>((resolve) => {
            const socket = new WebSocket(url, 'plain.kubevirt.io');
            socket.binaryType = 'arraybuffer';
            let text = '';
            let sent = false;
            const done = (result: string | undefined) => {
              clearTimeout(timer);
              socket.onclose = null;
              socket.close();
              resolve(result);
            };
            const timer = setTimeout(() => done(undefined), Math.max(0, deadline - Date.now()));
            const send = (line: string) => socket.send(new TextEncoder().encode(line));
            socket.onopen = () => send('\r');
            socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
              text +=
                typeof event.data === 'string' ? event.data : new TextDecoder().decode(event.data);
              if (!sent && text.includes(prompt)) {
                sent = true;
                text = '';
                send(`echo ':''GS:'; ${command}; echo ':''GE:'\r`);
              }
              const match = /:GS:\r?\n([\s\S]*?):GE:/.exec(text);
              if (match) done(match[1]);
            };
            socket.onclose = () => done(undefined);
          });
        while (Date.now() < deadline) {
          const result = await attempt();
          if (result !== undefined) return result;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        return undefined;
      },
      {
        url: `${new URL(this.page.url()).origin.replace(/^http/, 'ws')}${BFF}/console/serial/${namespace}/${name}`,
        command,
        prompt: `[${name}]# `,
        timeoutMs,
      },
    );
    expect(output, `the guest ${namespace}/${name} ran "${command}"`).toBeDefined();
    // The terminal's line endings and the prompt's cursor queries are not part of the output.
    return (output ?? '').replace(/\r/g, '').replace(ESCAPE_SEQUENCE, '');
  }

  /** Polls a command until its output satisfies `accept` (devices appear a moment after). */
  async waitFor(
    namespace: string,
    name: string,
    command: string,
    accept: (output: string) => boolean,
    timeoutMs = 60_000,
  ) {
    let last = '';
    await expect
      .poll(
        async () => {
          last = await this.run(namespace, name, command);
          return accept(last);
        },
        { timeout: timeoutMs, message: `guest output of "${command}"` },
      )
      .toBe(true);
    return last;
  }
}
