import { renameSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface KubeconfigUser {
  username: string;
  token: string;
}

/**
 * A kubeconfig with one context per user (`admin`, `developer`), `admin` current, pointing at
 * the HTTPS endpoint and trusting the cluster's CA. Written atomically, readable only by us.
 */
export const writeKubeconfig = (
  file: string,
  server: string,
  caCert: string,
  users: KubeconfigUser[],
) => {
  const cluster = 'embedded';
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: cluster,
        cluster: { server, 'certificate-authority-data': Buffer.from(caCert).toString('base64') },
      },
    ],
    users: users.map((u) => ({ name: u.username, user: { token: u.token } })),
    contexts: users.map((u) => ({
      name: u.username,
      context: {
        cluster,
        user: u.username,
        ...(u.username === 'developer' ? { namespace: 'developer-vms' } : {}),
      },
    })),
    'current-context': users.some((u) => u.username === 'admin')
      ? 'admin'
      : (users[0]?.username ?? ''),
    preferences: {},
  };
  const temp = `${file}.tmp`;
  writeFileSync(temp, stringify(config), { mode: 0o600 });
  renameSync(temp, file);
};
