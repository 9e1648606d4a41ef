import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Pki {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

const openssl = (args: string[], cwd: string) =>
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });

/**
 * A private CA and a serving certificate for localhost, made with openssl on first start and
 * kept in DIR/pki (clients verify the API server with the CA, as with a real cluster).
 */
export const loadOrCreatePki = (dataDir: string): Pki => {
  const dir = path.join(dataDir, 'pki');
  const files = { caCert: 'ca.crt', serverCert: 'apiserver.crt', serverKey: 'apiserver.key' };
  if (!existsSync(path.join(dir, files.serverKey))) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    openssl(
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        '3650',
        '-subj',
        '/CN=embedded-cluster-ca',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ],
      dir,
    );
    openssl(
      [
        'req',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        'apiserver.key.tmp',
        '-out',
        'apiserver.csr',
        '-subj',
        '/CN=kube-apiserver',
      ],
      dir,
    );
    writeFileSync(
      path.join(dir, 'apiserver.ext'),
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n',
    );
    openssl(
      [
        'x509',
        '-req',
        '-in',
        'apiserver.csr',
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        'apiserver.crt',
        '-days',
        '825',
        '-extfile',
        'apiserver.ext',
      ],
      dir,
    );
    // The key is moved into place last: its presence means the whole set is complete.
    execFileSync('mv', ['apiserver.key.tmp', 'apiserver.key'], { cwd: dir });
  }
  return {
    caCert: readFileSync(path.join(dir, files.caCert), 'utf8'),
    serverCert: readFileSync(path.join(dir, files.serverCert), 'utf8'),
    serverKey: readFileSync(path.join(dir, files.serverKey), 'utf8'),
  };
};
