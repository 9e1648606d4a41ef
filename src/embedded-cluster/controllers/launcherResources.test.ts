import { describe, expect, it } from 'vitest';
import { parseQuantity, type Quantity } from '../quota/quantity';
import type { KubeObject } from '../types';
import { launcherResources, memoryOverhead } from './launcherResources';

const vmi = (spec: object): KubeObject => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name: 'vm', namespace: 'default' },
  spec,
});

const MiB = 2 ** 20;
const bytes = (q: Quantity) => Number(q.nano / 10n ** 9n);

describe('the virt-launcher pod’s resources', () => {
  it('requests 100m per vCPU and the guest memory plus KubeVirt’s overhead', () => {
    // 2Gi: page tables 4Mi, processes 220Mi, 2 vCPUs 16Mi, IO thread 8Mi, video 32Mi.
    expect(
      launcherResources(
        vmi({ domain: { cpu: { cores: 2 }, memory: { guest: '2Gi' }, devices: {} } }),
      ),
    ).toEqual({ requests: { cpu: '200m', memory: '2328Mi' } });
    expect(
      launcherResources(vmi({ domain: { cpu: { sockets: 2, cores: 4, threads: 2 } } })).requests
        .cpu,
    ).toBe('1600m');
    expect(launcherResources(vmi({ domain: { cpu: { cores: 10 } } })).requests.cpu).toBe('1');
  });

  it('keeps the VMI’s own CPU request, and sets limits only where the VMI has them', () => {
    const resources = launcherResources(
      vmi({
        domain: {
          cpu: { cores: 1 },
          memory: { guest: '1Gi' },
          resources: { requests: { cpu: '750m' }, limits: { memory: '2Gi', cpu: '2' } },
        },
      }),
    );
    // The overhead (on 1Gi): 2Mi + 220 + 8 + 8 + 32 = 270Mi, added to the limit too.
    expect(resources).toEqual({
      requests: { cpu: '750m', memory: '1294Mi' },
      limits: { cpu: '2', memory: '2318Mi' },
    });
  });

  it('leaves the overhead out of the request with overcommitGuestOverhead', () => {
    expect(
      launcherResources(
        vmi({
          domain: { memory: { guest: '4Gi' }, resources: { overcommitGuestOverhead: true } },
        }),
      ).requests,
    ).toEqual({ cpu: '100m', memory: '4Gi' });
  });

  it('adds the overhead terms the VMI’s devices call for', () => {
    const guest = parseQuantity('1Gi') as Quantity;
    const base = bytes(memoryOverhead(vmi({ domain: {} }), guest));
    // Page tables: 1Gi / 512 = 2Mi (on the kilobytes, rounded up: 2097152 bytes).
    expect(base).toBe((2 + 220 + 8 + 8 + 32) * MiB);
    const overhead = (spec: object) => (bytes(memoryOverhead(vmi(spec), guest)) - base) / MiB;
    expect(overhead({ domain: { devices: { autoattachGraphicsDevice: false } } })).toBe(-32);
    expect(overhead({ domain: { devices: { tpm: {} } } })).toBe(53);
    expect(overhead({ domain: {}, volumes: [{ name: 'm', downwardMetrics: {} }] })).toBe(1);
    expect(
      overhead({ domain: {}, livenessProbe: { exec: {} }, readinessProbe: { exec: {} } }),
    ).toBe(120);
    expect(
      overhead({
        domain: {
          resources: {
            requests: { cpu: '1', memory: '1Gi' },
            limits: { cpu: '1', memory: '1Gi' },
          },
        },
      }),
    ).toBe(100);
    // A 4-vCPU guest: 8Mi for each vCPU beyond the first.
    expect(overhead({ domain: { cpu: { cores: 4 } } })).toBe(24);
  });

  it('falls back to 128Mi of guest memory, as the controller runs such a VMI', () => {
    // 128Mi / 512 = 262144 bytes (256Ki); total 128Mi + 256Ki + 268Mi.
    expect(launcherResources(vmi({ domain: {} })).requests.memory).toBe(`${396 * 1024 + 256}Ki`);
  });
});
