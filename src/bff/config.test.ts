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
});
