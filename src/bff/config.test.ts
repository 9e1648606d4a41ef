import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

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

  it('drops the shell in cluster mode', () => {
    expect(readConfig(['--no-shell'], {}, '/srv').shellDir).toBeUndefined();
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
