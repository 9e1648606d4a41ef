import { describe, expect, it } from 'vitest';
import { BFF_PATH, PLUGIN_ASSETS_PATH } from '../common/paths';
import { ConfigError, readConfig, servedPaths } from './config';

describe('readConfig', () => {
  it('listens on loopback port 9000 with no cluster by default', () => {
    const config = readConfig([], {}, '/srv/app');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(9000);
    expect(config.upstreamURL).toBeUndefined();
    expect(config.pluginDir).toBe('/srv/app/dist/plugin');
    expect(config.shellDir).toBe('/srv/app/dist/shell');
  });

  it('prefers flags over the environment', () => {
    const config = readConfig(
      ['--port', '9100', '--upstream', 'https://api.example:6443'],
      { PORT: '9200', K8S_UPSTREAM_URL: 'http://ignored' },
      '/srv/app',
    );
    expect(config.port).toBe(9100);
    expect(config.upstreamURL?.href).toBe('https://api.example:6443/');
  });

  it('drops the shell in cluster mode and serves the plugin and the BFF at the root', () => {
    const config = readConfig(['--no-shell'], {}, '/srv');
    expect(config.shellDir).toBeUndefined();
    expect(config.atServiceRoot).toBe(true);
    expect(servedPaths(config)).toEqual({ plugin: '/', bff: '/' });
  });

  it("keeps the console's paths standalone", () => {
    const config = readConfig([], {}, '/srv');
    expect(config.atServiceRoot).toBe(false);
    expect(servedPaths(config)).toEqual({ plugin: PLUGIN_ASSETS_PATH, bff: BFF_PATH });
  });

  it("reads the chart's command line", () => {
    const config = readConfig(
      [
        '--in-cluster',
        '--no-shell',
        '--host',
        '0.0.0.0',
        '--port',
        '9443',
        '--tls-cert-file',
        '/var/serving-cert/tls.crt',
        '--tls-key-file',
        '/var/serving-cert/tls.key',
        '--thanos-querier',
        'https://thanos-querier.openshift-monitoring.svc:9091',
        '--prometheus-ca-file',
        '/var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt',
        '--log-level',
        'info',
      ],
      {},
      '/opt/app-root/app',
    );
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9443,
      inCluster: true,
      atServiceRoot: true,
      shellDir: undefined,
      embedded: undefined,
      pluginDir: '/opt/app-root/app/dist/plugin',
      tls: { certFile: '/var/serving-cert/tls.crt', keyFile: '/var/serving-cert/tls.key' },
      prometheus: {
        kind: 'thanos',
        caFile: '/var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt',
      },
      logLevel: 'info',
    });
  });

  it('takes the TLS files from the environment, both or neither', () => {
    expect(readConfig([], {}, '/').tls).toBeUndefined();
    expect(readConfig([], { TLS_CERT_FILE: '/c.crt', TLS_KEY_FILE: '/c.key' }, '/').tls).toEqual({
      certFile: '/c.crt',
      keyFile: '/c.key',
    });
    expect(() => readConfig(['--tls-cert-file', '/c.crt'], {}, '/')).toThrow(
      new ConfigError(
        'HTTPS needs both a certificate and its key: --tls-cert-file (TLS_CERT_FILE) was given without --tls-key-file (TLS_KEY_FILE).',
      ),
    );
    expect(() => readConfig([], { TLS_KEY_FILE: '/c.key' }, '/')).toThrow(
      'HTTPS needs both a certificate and its key: --tls-key-file (TLS_KEY_FILE) was given without --tls-cert-file (TLS_CERT_FILE).',
    );
  });

  it.each([['-1'], ['70000'], ['1.5'], ['nine']])(
    'refuses port %s with a clear message',
    (port) => {
      expect(() => readConfig([`--port=${port}`], {}, '/')).toThrow(ConfigError);
      expect(() => readConfig([`--port=${port}`], {}, '/')).toThrow(/Invalid port/);
    },
  );

  it('refuses an upstream that is not http(s)', () => {
    expect(() => readConfig(['--upstream', 'ftp://x'], {}, '/')).toThrow(/only http and https/);
    expect(() => readConfig(['--upstream', 'not a url'], {}, '/')).toThrow(/Invalid upstream URL/);
  });

  it('refuses unknown flags', () => {
    expect(() => readConfig(['--prot', '1'], {}, '/')).toThrow(ConfigError);
  });

  it('starts a local Prometheus beside the embedded cluster unless told not to', () => {
    expect(readConfig(['--embedded'], {}, '/').prometheus).toEqual({ kind: 'local' });
    expect(readConfig(['--embedded', '--no-prometheus'], {}, '/').prometheus).toBeUndefined();
    expect(readConfig([], {}, '/').prometheus).toBeUndefined();
  });

  it('takes a Prometheus URL, or a Thanos querier with its tenancy ports beside it', () => {
    expect(readConfig([], { PROMETHEUS_URL: 'http://prom:9090/' }, '/').prometheus).toEqual({
      kind: 'direct',
      url: 'http://prom:9090',
      caFile: undefined,
    });
    expect(
      readConfig(
        ['--thanos-querier', 'https://thanos-querier.openshift-monitoring.svc:9091'],
        { PROMETHEUS_CA_FILE: '/ca.crt' },
        '/',
      ).prometheus,
    ).toEqual({
      kind: 'thanos',
      url: 'https://thanos-querier.openshift-monitoring.svc:9091',
      tenancyURL: 'https://thanos-querier.openshift-monitoring.svc:9092',
      tenancyRulesURL: 'https://thanos-querier.openshift-monitoring.svc:9093',
      caFile: '/ca.crt',
    });
    expect(() =>
      readConfig(['--prometheus', 'http://a', '--thanos-querier', 'https://b'], {}, '/'),
    ).toThrow(/Choose one Prometheus/);
    expect(() => readConfig(['--prometheus', 'file:///x'], {}, '/')).toThrow(
      /Invalid Prometheus URL/,
    );
  });

  it('takes the upload proxy and its CA', () => {
    expect(
      readConfig(
        [],
        {
          CDI_UPLOAD_PROXY_URL: 'https://cdi-uploadproxy.openshift-cnv.svc',
          CDI_UPLOAD_PROXY_CA_FILE: '/service-ca.crt',
        },
        '/',
      ).uploadProxy,
    ).toEqual({ url: 'https://cdi-uploadproxy.openshift-cnv.svc', caFile: '/service-ca.crt' });
  });
});
