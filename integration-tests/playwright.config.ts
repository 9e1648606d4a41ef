import { defineConfig } from '@playwright/test';

/** Servers the specs use: the real server, with a cluster, without one, and with one that is down. */
export const SERVERS = {
  connected: 'http://127.0.0.1:9310',
  disconnected: 'http://127.0.0.1:9311',
  unreachable: 'http://127.0.0.1:9312',
  embedded: 'http://127.0.0.1:9313',
} as const;
const KUBERNETES_API = 'http://127.0.0.1:9320';
export const UNREACHABLE_API = 'http://127.0.0.1:9329';

const server = (url: string, args: string) => ({
  command: `node dist/server/main.js --port ${new URL(url).port} --log-level warn ${args}`,
  url: `${url}/api/proxy/plugin/virtualization-plugin/bff/readyz`,
  cwd: '..',
  reuseExistingServer: false,
  timeout: 30_000,
});

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../.cache/playwright-results.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium, installed by scripts/system-packages.mjs; Playwright downloads none.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: `node integration-tests/fixtures/kubernetes-api.mjs ${new URL(KUBERNETES_API).port}`,
      url: `${KUBERNETES_API}/version`,
      cwd: '..',
      reuseExistingServer: false,
    },
    server(SERVERS.connected, `--upstream ${KUBERNETES_API}`),
    server(SERVERS.disconnected, ''),
    // Nothing listens on that port: the cluster is configured but down.
    server(SERVERS.unreachable, `--upstream ${UNREACHABLE_API}`),
    // What `npm start` runs: the embedded cluster in the server, with logins (a fresh state).
    {
      ...server(SERVERS.embedded, '--embedded --data-dir .cache/e2e-embedded-cluster'),
      command: `rm -rf .cache/e2e-embedded-cluster && ${server(SERVERS.embedded, '--embedded --data-dir .cache/e2e-embedded-cluster').command}`,
      timeout: 60_000,
    },
  ],
});
