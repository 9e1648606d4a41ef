import { describe, expect, it } from 'vitest';
import type { ApiError } from '../api/errors';
import type { KubeObject } from '../types';
import { KUBEVIRT_WEBHOOKS, validateVmiSpec } from './kubevirtWebhook';

const P = 'spec.template.spec';

describe('validateVmiSpec', () => {
  it('accepts a valid spec', () => {
    expect(
      validateVmiSpec(P, {
        domain: {
          devices: {
            disks: [
              { name: 'rootdisk', bootOrder: 1 },
              { name: 'cloudinitdisk', disk: {} },
            ],
            interfaces: [{ name: 'default', bootOrder: 2 }],
          },
          firmware: { bootloader: { efi: { secureBoot: true } } },
          features: { smm: {} },
        },
        volumes: [{ name: 'cloudinitdisk', cloudInitNoCloud: {} }],
        accessCredentials: [
          {
            sshPublicKey: {
              source: { secret: { secretName: 'keys' } },
              propagationMethod: { noCloud: {} },
            },
          },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses a disk name that is not a DNS-1123 label, naming the disk', () => {
    const causes = validateVmiSpec(P, {
      domain: { devices: { disks: [{ name: 'root' }, { name: 'My_Disk' }] } },
    });
    expect(causes).toEqual([
      {
        type: 'FieldValueInvalid',
        field: `${P}.domain.devices.disks[1].name`,
        message: expect.stringMatching(/^a lowercase RFC 1123 label must consist of/),
      },
    ]);
  });

  it('refuses duplicate disk names and boot orders', () => {
    const causes = validateVmiSpec(P, {
      domain: {
        devices: {
          disks: [
            { name: 'a', bootOrder: 1 },
            { name: 'a', bootOrder: 1 },
          ],
        },
      },
    });
    expect(causes.map((c) => [c.field, c.message])).toEqual([
      [
        `${P}.domain.devices.disks[1].bootOrder`,
        `Boot order for ${P}.domain.devices.disks[1].bootOrder already set for a different device.`,
      ],
      [
        `${P}.domain.devices.disks[1].name`,
        `${P}.domain.devices.disks[1] and ${P}.domain.devices.disks[0] must not have the same Name.`,
      ],
    ]);
  });

  it('refuses Secure Boot without SMM (Secure Boot is on unless set false)', () => {
    const message = `${P}.domain has EFI SecureBoot enabled. SecureBoot requires SMM, which is currently disabled.`;
    for (const efi of [{}, { secureBoot: true }])
      expect(validateVmiSpec(P, { domain: { firmware: { bootloader: { efi } } } })).toEqual([
        { type: 'FieldValueInvalid', field: `${P}.domain`, message },
      ]);
    expect(
      validateVmiSpec(P, {
        domain: {
          firmware: { bootloader: { efi: {} } },
          features: { smm: { enabled: false } },
        },
      }),
    ).toHaveLength(1);
    expect(
      validateVmiSpec(P, { domain: { firmware: { bootloader: { efi: { secureBoot: false } } } } }),
    ).toEqual([]);
  });

  it('refuses SSH keys by cloud-init without a cloud-init volume of that kind', () => {
    const credential = (propagationMethod: object) => ({
      sshPublicKey: { source: { secret: { secretName: 'keys' } }, propagationMethod },
    });
    expect(validateVmiSpec(P, { accessCredentials: [credential({ noCloud: {} })] })).toEqual([
      {
        type: 'FieldValueInvalid',
        field: `${P}.accessCredentials[0].sshPublicKey.propagationMethod`,
        message: `${P}.accessCredentials[0] requires a noCloud volume to exist when the noCloud propagationMethod is in use.`,
      },
    ]);
    expect(
      validateVmiSpec(P, {
        volumes: [{ name: 'cloudinitdisk', cloudInitNoCloud: {} }],
        accessCredentials: [credential({ configDrive: {} })],
      }).map((c) => c.message),
    ).toEqual([
      `${P}.accessCredentials[0] requires a configDrive volume to exist when the configDrive propagationMethod is in use.`,
    ]);
    expect(
      validateVmiSpec(P, { accessCredentials: [credential({ qemuGuestAgent: {} })] }).map(
        (c) => c.field,
      ),
    ).toEqual([`${P}.accessCredentials[0].sshPublicKey.propagationMethod.qemuGuestAgent.users`]);
    expect(
      validateVmiSpec(P, { accessCredentials: [credential({ qemuGuestAgent: { users: ['u'] } })] }),
    ).toEqual([]);
  });
});

describe('KUBEVIRT_WEBHOOKS', () => {
  it('denies a VM as kube-apiserver reports a webhook denial', () => {
    const vm = {
      metadata: { name: 'vm' },
      spec: { template: { spec: { domain: { devices: { disks: [{ name: 'Bad' }] } } } } },
    } as unknown as KubeObject;
    let error: ApiError | undefined;
    try {
      KUBEVIRT_WEBHOOKS['kubevirt.io/virtualmachines']?.(vm);
    } catch (thrown) {
      error = thrown as ApiError;
    }
    expect(error?.code).toBe(422);
    expect(error?.reason).toBe('Invalid');
    expect(error?.message).toMatch(
      /^admission webhook "virtualmachine-validator.kubevirt.io" denied the request: a lowercase RFC 1123 label/,
    );
    expect(error?.details?.causes?.[0]?.field).toBe(
      'spec.template.spec.domain.devices.disks[0].name',
    );
  });

  it('checks a VMI when it is created only', () => {
    const vmi = {
      metadata: { name: 'x' },
      spec: { domain: { devices: { disks: [{ name: 'B' }] } } },
    };
    const hook = KUBEVIRT_WEBHOOKS['kubevirt.io/virtualmachineinstances'];
    expect(() => hook?.(vmi as unknown as KubeObject)).toThrow(/denied the request/);
    expect(() => hook?.(vmi as unknown as KubeObject, vmi as unknown as KubeObject)).not.toThrow();
  });
});
