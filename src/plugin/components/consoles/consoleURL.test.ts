import { describe, expect, it } from 'vitest';
import { consoleURL } from './consoleURL';

describe('consoleURL', () => {
  it('points at the BFF socket with the page scheme, asking to keep another viewer', () => {
    expect(
      consoleURL('vnc', 'ns', 'vm', true, { protocol: 'https:', host: 'c.example:8443' }),
    ).toBe(
      'wss://c.example:8443/api/proxy/plugin/virtualization-plugin/bff/console/vnc/ns/vm?preserveSession=true',
    );
    expect(consoleURL('vnc', 'ns', 'a b', false, { protocol: 'http:', host: 'localhost' })).toBe(
      'ws://localhost/api/proxy/plugin/virtualization-plugin/bff/console/vnc/ns/a%20b',
    );
  });

  it('serves the serial console the same way; without preserveSession it takes over', () => {
    expect(
      consoleURL('serial', 'default', 'fedora', true, { protocol: 'http:', host: 'h:9000' }),
    ).toBe(
      'ws://h:9000/api/proxy/plugin/virtualization-plugin/bff/console/serial/default/fedora?preserveSession=true',
    );
    expect(consoleURL('serial', 'ns', 'vm', false, { protocol: 'https:', host: 'c.example' })).toBe(
      'wss://c.example/api/proxy/plugin/virtualization-plugin/bff/console/serial/ns/vm',
    );
  });
});
