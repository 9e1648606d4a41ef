// virt-api's validating webhook for VirtualMachines and VirtualMachineInstances, for the rules
// the VM configuration forms meet: disk names (DNS-1123 labels, unique), boot orders, Secure
// Boot without SMM, and access credentials that need a cloud-init volume. The causes and
// their wording are KubeVirt's (vmi-create-admitter.go); the API answers 422 as kube-apiserver
// does when a webhook denies a request. Pure.
import { ApiError } from '../api/errors';
import type { KubeObject, StatusCause } from '../types';
import { validateDNS1123Label } from './names';

interface Disk {
  name?: string;
  bootOrder?: number;
  disk?: object;
  cdrom?: object;
  lun?: object;
}

interface AccessCredential {
  sshPublicKey?: {
    source?: { secret?: { secretName?: string } };
    propagationMethod?: {
      noCloud?: object;
      configDrive?: object;
      qemuGuestAgent?: { users?: string[] };
    };
  };
  userPassword?: {
    source?: { secret?: { secretName?: string } };
    propagationMethod?: { qemuGuestAgent?: object };
  };
}

export interface VmiSpecForValidation {
  domain?: {
    devices?: { disks?: Disk[]; interfaces?: { name?: string; bootOrder?: number }[] };
    firmware?: { bootloader?: { efi?: { secureBoot?: boolean }; bios?: object } };
    features?: { smm?: { enabled?: boolean } };
  };
  volumes?: { name?: string; cloudInitNoCloud?: object; cloudInitConfigDrive?: object }[];
  accessCredentials?: AccessCredential[];
}

const invalid = (field: string, message: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message,
});

const validateDisks = (path: string, disks: Disk[]): StatusCause[] => {
  const causes: StatusCause[] = [];
  disks.forEach((disk, index) => {
    const at = `${path}.domain.devices.disks[${index}]`;
    const name = disk.name ?? '';
    const first = disks.findIndex((other) => other.name === name);
    if (first < index)
      causes.push(
        invalid(
          `${at}.name`,
          `${at} and ${path}.domain.devices.disks[${first}] must not have the same Name.`,
        ),
      );
    if ([disk.disk, disk.cdrom, disk.lun].filter(Boolean).length > 1)
      causes.push(invalid(at, `${at} can only have a single target type defined`));
    if (disk.bootOrder !== undefined && disk.bootOrder < 1)
      causes.push(invalid(`${at}.bootOrder`, `${at} must have a boot order > 0, if supplied`));
    // The disk's name becomes a container's name in virt-launcher.
    for (const message of validateDNS1123Label(name)) causes.push(invalid(`${at}.name`, message));
  });
  return causes;
};

/** Boot orders are unique across disks and interfaces. */
const validateBootOrder = (path: string, spec: VmiSpecForValidation): StatusCause[] => {
  const causes: StatusCause[] = [];
  const seen = new Set<number>();
  const devices = [
    ...(spec.domain?.devices?.disks ?? []).map((d, i) => ({ d, field: `disks[${i}]` })),
    ...(spec.domain?.devices?.interfaces ?? []).map((d, i) => ({ d, field: `interfaces[${i}]` })),
  ];
  for (const { d, field } of devices) {
    if (d.bootOrder === undefined || d.bootOrder < 1) continue;
    if (seen.has(d.bootOrder)) {
      const at = `${path}.domain.devices.${field}.bootOrder`;
      causes.push(invalid(at, `Boot order for ${at} already set for a different device.`));
    }
    seen.add(d.bootOrder);
  }
  return causes;
};

const validateSecureBoot = (path: string, spec: VmiSpecForValidation): StatusCause[] => {
  const efi = spec.domain?.firmware?.bootloader?.efi;
  const secureBoot = !!efi && efi.secureBoot !== false;
  const smm = spec.domain?.features?.smm;
  const smmEnabled = !!smm && smm.enabled !== false;
  return secureBoot && !smmEnabled
    ? [
        invalid(
          `${path}.domain`,
          `${path}.domain has EFI SecureBoot enabled. SecureBoot requires SMM, which is currently disabled.`,
        ),
      ]
    : [];
};

const validateAccessCredentials = (path: string, spec: VmiSpecForValidation): StatusCause[] => {
  const causes: StatusCause[] = [];
  const volumes = spec.volumes ?? [];
  const hasNoCloud = volumes.some((v) => v.cloudInitNoCloud);
  const hasConfigDrive = volumes.some((v) => v.cloudInitConfigDrive);
  (spec.accessCredentials ?? []).forEach((credential, index) => {
    const at = `${path}.accessCredentials[${index}]`;
    let kinds = 0;
    const ssh = credential.sshPublicKey;
    if (ssh) {
      kinds++;
      const method = ssh.propagationMethod ?? {};
      let methods = 0;
      if (method.noCloud) {
        methods++;
        if (!hasNoCloud)
          causes.push(
            invalid(
              `${at}.sshPublicKey.propagationMethod`,
              `${at} requires a noCloud volume to exist when the noCloud propagationMethod is in use.`,
            ),
          );
      }
      if (method.configDrive) {
        methods++;
        if (!hasConfigDrive)
          causes.push(
            invalid(
              `${at}.sshPublicKey.propagationMethod`,
              `${at} requires a configDrive volume to exist when the configDrive propagationMethod is in use.`,
            ),
          );
      }
      if (method.qemuGuestAgent) {
        methods++;
        if (!method.qemuGuestAgent.users?.length)
          causes.push(
            invalid(
              `${at}.sshPublicKey.propagationMethod.qemuGuestAgent.users`,
              `${at} requires at least one user to be present in the users list`,
            ),
          );
      }
      if (!ssh.source?.secret)
        causes.push(invalid(`${at}.sshPublicKey.source`, `${at} must have exactly one source set`));
      if (methods !== 1)
        causes.push(
          invalid(
            `${at}.sshPublicKey.propagationMethod`,
            `${at} must have exactly one propagationMethod set`,
          ),
        );
    }
    const password = credential.userPassword;
    if (password) {
      kinds++;
      if (!password.source?.secret)
        causes.push(invalid(`${at}.userPassword.source`, `${at} must have exactly one source set`));
      if (!password.propagationMethod?.qemuGuestAgent)
        causes.push(
          invalid(
            `${at}.userPassword.propagationMethod`,
            `${at} must have exactly one propagationMethod set`,
          ),
        );
    }
    if (kinds !== 1)
      causes.push(invalid(at, `${at} must have exactly one access credential type set`));
  });
  return causes;
};

/** KubeVirt's causes for a VMI spec found at `path` (`spec` of a VMI, `spec.template.spec` of a VM). */
export const validateVmiSpec = (path: string, spec: VmiSpecForValidation): StatusCause[] => [
  ...validateBootOrder(path, spec),
  ...validateDisks(path, spec.domain?.devices?.disks ?? []),
  ...validateSecureBoot(path, spec),
  ...validateAccessCredentials(path, spec),
];

/** The request refused as kube-apiserver words a webhook's denial (422 with KubeVirt's causes). */
export const webhookDenied = (webhook: string, causes: StatusCause[]) =>
  new ApiError(
    422,
    'Invalid',
    `admission webhook "${webhook}" denied the request: ${causes.map((c) => c.message).join(', ')}`,
    { causes },
  );

/** virt-api's validating webhooks, keyed by `group/plural`: they throw to deny. */
export const KUBEVIRT_WEBHOOKS: Record<string, (object: KubeObject, old?: KubeObject) => void> = {
  'kubevirt.io/virtualmachines': (vm) => {
    const template = (vm.spec as { template?: { spec?: VmiSpecForValidation } } | undefined)
      ?.template;
    const causes = validateVmiSpec('spec.template.spec', template?.spec ?? {});
    if (causes.length) throw webhookDenied('virtualmachine-validator.kubevirt.io', causes);
  },
  // A VMI's spec is checked when it is created; its updates are the controllers'.
  'kubevirt.io/virtualmachineinstances': (vmi, old) => {
    if (old) return;
    const causes = validateVmiSpec('spec', (vmi.spec ?? {}) as VmiSpecForValidation);
    if (causes.length)
      throw webhookDenied('virtualmachineinstances-create-validator.kubevirt.io', causes);
  },
};
