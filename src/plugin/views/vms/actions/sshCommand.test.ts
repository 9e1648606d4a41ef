import { describe, expect, it } from 'vitest';
import { vm, vmi } from './fixtures';
import {
  nodeAddressOf,
  serviceSshCommand,
  sshServiceOf,
  sshUserOf,
  virtctlSshCommand,
} from './sshCommand';

const withCloudInit = (userData: string) =>
  vm('fedora', {
    template: {
      metadata: { labels: { 'kubevirt.io/domain': 'fedora' } },
      spec: {
        domain: { devices: {} },
        volumes: [{ name: 'cloudinitdisk', cloudInitNoCloud: { userData } }],
      },
    },
  });

describe('SSH commands', () => {
  it('reads the guest user from cloud-init', () => {
    expect(sshUserOf(withCloudInit('#cloud-config\nuser: fedora\npassword: x\n'))).toBe('fedora');
    expect(sshUserOf(withCloudInit('#cloud-config\nusers:\n  - default\n  - name: admin\n'))).toBe(
      'admin',
    );
    expect(sshUserOf(vm('plain'))).toBeUndefined();
  });

  it('builds the virtctl command', () => {
    expect(virtctlSshCommand('ns', 'fedora', 'fedora')).toBe('virtctl -n ns ssh fedora@vm/fedora');
  });

  it('finds a NodePort service for port 22 that selects the VM and builds ssh -p', () => {
    const services: Parameters<typeof sshServiceOf>[2] = [
      {
        metadata: { name: 'web' },
        spec: {
          type: 'NodePort',
          selector: { 'kubevirt.io/domain': 'fedora' },
          ports: [{ port: 80, targetPort: 80, nodePort: 30080 }],
        },
      },
      {
        metadata: { name: 'other' },
        spec: {
          type: 'NodePort',
          selector: { app: 'x' },
          ports: [{ port: 22, targetPort: 22, nodePort: 30000 }],
        },
      },
      {
        metadata: { name: 'fedora-ssh' },
        spec: {
          type: 'NodePort',
          selector: { 'kubevirt.io/domain': 'fedora' },
          ports: [{ port: 22000, targetPort: 22, nodePort: 31022 }],
        },
      },
    ];
    const machine = withCloudInit('user: fedora');
    const match = sshServiceOf(machine, vmi('fedora', 'Running'), services);
    expect(match?.service.metadata?.name).toBe('fedora-ssh');
    expect(serviceSshCommand(match!, 'fedora', '10.0.0.5')).toBe('ssh fedora@10.0.0.5 -p 31022');
    expect(serviceSshCommand(match!, 'fedora', undefined)).toBe(
      'ssh fedora@<node address> -p 31022',
    );
  });

  it('uses a LoadBalancer ingress when there is one', () => {
    const services: Parameters<typeof sshServiceOf>[2] = [
      {
        spec: {
          type: 'LoadBalancer',
          selector: { 'kubevirt.io/domain': 'fedora' },
          ports: [{ port: 2222, targetPort: 22 }],
        },
        status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } },
      },
    ];
    const match = sshServiceOf(withCloudInit('user: fedora'), undefined, services);
    expect(serviceSshCommand(match!, 'fedora', undefined)).toBe('ssh fedora@192.0.2.10 -p 2222');
  });

  it('prefers a node external address', () => {
    expect(
      nodeAddressOf({
        status: {
          addresses: [
            { type: 'InternalIP', address: '10.0.0.5' },
            { type: 'ExternalIP', address: '203.0.113.5' },
          ],
        },
      }),
    ).toBe('203.0.113.5');
  });
});
