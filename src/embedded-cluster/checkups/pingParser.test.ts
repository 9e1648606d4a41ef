import { describe, expect, it } from 'vitest';
import { parsePing } from './pingParser';

describe('parsePing', () => {
  it('reads busybox ping summaries', () => {
    const output = [
      'PING 192.168.100.20 (192.168.100.20): 56 data bytes',
      '64 bytes from 192.168.100.20: seq=0 ttl=64 time=1.234 ms',
      '',
      '--- 192.168.100.20 ping statistics ---',
      '5 packets transmitted, 5 packets received, 0% packet loss',
      'round-trip min/avg/max = 0.512/0.734/1.234 ms',
    ].join('\r\n');
    expect(parsePing(output)).toEqual({
      transmitted: 5,
      received: 5,
      minNs: 512_000,
      avgNs: 734_000,
      maxNs: 1_234_000,
    });
  });

  it('reads iputils summaries', () => {
    const output =
      '5 packets transmitted, 4 received, 20% packet loss, time 4005ms\nrtt min/avg/max/mdev = 0.135/0.177/0.244/0.040 ms\n';
    expect(parsePing(output)).toMatchObject({ transmitted: 5, received: 4, maxNs: 244_000 });
  });

  it('reports no times when nothing came back', () => {
    const output = '5 packets transmitted, 0 packets received, 100% packet loss\n';
    expect(parsePing(output)).toEqual({ transmitted: 5, received: 0 });
  });
});
