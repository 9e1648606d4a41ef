import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildNetworkData,
  cidrFamily,
  isIPv6,
  networkDataToForm,
  validateNetworkForm,
} from './networkData';

const t = (key: string) => key;

describe('network data', () => {
  it('builds version 2 config with a default route through the gateway', () => {
    expect(
      parse(
        buildNetworkData({ name: 'eth0', address: '192.168.10.5/24', gateway: '192.168.10.1' }),
      ),
    ).toEqual({
      version: 2,
      ethernets: {
        eth0: {
          addresses: ['192.168.10.5/24'],
          routes: [{ to: '0.0.0.0/0', via: '192.168.10.1' }],
        },
      },
    });
    expect(
      parse(buildNetworkData({ name: 'enp1s0', address: 'fd00::5/64', gateway: 'fd00::1' })),
    ).toMatchObject({ ethernets: { enp1s0: { routes: [{ to: '::/0', via: 'fd00::1' }] } } });
    expect(parse(buildNetworkData({ name: 'eth1', address: '10.0.0.2/8', gateway: ' ' }))).toEqual({
      version: 2,
      ethernets: { eth1: { addresses: ['10.0.0.2/8'] } },
    });
  });

  it('reads back what it writes, and gateway4 written by others', () => {
    const form = { name: 'eth0', address: '192.168.10.5/24', gateway: '192.168.10.1' };
    expect(networkDataToForm(buildNetworkData(form))).toEqual(form);
    expect(
      networkDataToForm(
        'version: 2\nethernets:\n  eth0:\n    addresses: [10.1.1.2/16]\n    gateway4: 10.1.0.1\n',
      ),
    ).toEqual({ name: 'eth0', address: '10.1.1.2/16', gateway: '10.1.0.1' });
  });

  it('leaves network data the form cannot show to the YAML view', () => {
    expect(networkDataToForm('version: 2\nethernets:\n  eth0:\n    dhcp4: true\n')).toBeUndefined();
    expect(
      networkDataToForm(
        'version: 2\nethernets:\n  eth0:\n    addresses: [10.0.0.2/8]\n  eth1:\n    addresses: [10.0.1.2/8]\n',
      ),
    ).toBeUndefined();
    expect(
      networkDataToForm(
        'version: 2\nethernets:\n  eth0:\n    addresses: [10.0.0.2/8]\n    nameservers: { addresses: [1.1.1.1] }\n',
      ),
    ).toBeUndefined();
    expect(networkDataToForm('version: 1\nconfig: []\n')).toBeUndefined();
    expect(networkDataToForm('{broken')).toBeUndefined();
  });

  it('checks addresses, prefixes and the gateway family', () => {
    expect(cidrFamily('192.168.1.5/24')).toBe(4);
    expect(cidrFamily('192.168.1.5/33')).toBeUndefined();
    expect(cidrFamily('256.1.1.1/24')).toBeUndefined();
    expect(cidrFamily('192.168.1.5')).toBeUndefined();
    expect(cidrFamily('fd00::5/64')).toBe(6);
    expect(cidrFamily('fd00::5/129')).toBeUndefined();
    expect(isIPv6('fd00::zz')).toBe(false);
    expect(
      validateNetworkForm({ name: 'eth0', address: '10.0.0.2/8', gateway: '10.0.0.1' }, t),
    ).toEqual({});
    expect(
      validateNetworkForm(
        { name: 'a very long name!', address: '10.0.0.2', gateway: 'fd00::1' },
        t,
      ),
    ).toEqual({
      name: expect.stringContaining('15'),
      address: expect.stringContaining('prefix length'),
      gateway: undefined,
    });
    expect(
      validateNetworkForm({ name: 'eth0', address: '10.0.0.2/8', gateway: 'fd00::1' }, t).gateway,
    ).toMatch(/same IP family/);
    expect(validateNetworkForm({ name: 'eth0', address: '', gateway: 'nope' }, t)).toMatchObject({
      address: expect.any(String),
      gateway: expect.any(String),
    });
  });
});
