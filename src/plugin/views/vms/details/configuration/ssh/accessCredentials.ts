import type { JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { setAt, TEMPLATE_SPEC } from '../editor/vmPatch';
import { cloudInitOf, writeCloudInitOps } from '../initialRun/cloudInitVolume';
import { withSshInjectionCommand } from '../initialRun/userData';

type Spec = NonNullable<NonNullable<VirtualMachine['spec']>['template']>['spec'];
type AccessCredential = NonNullable<NonNullable<Spec>['accessCredentials']>[number];
type Propagation = NonNullable<AccessCredential['sshPublicKey']>['propagationMethod'];

export type PropagationKind = 'noCloud' | 'configDrive' | 'qemuGuestAgent';

/** The VM's authorized key: the first SSH public key credential (the form edits that one). */
export interface SshKeyCredential {
  secretName: string;
  method: PropagationKind;
  /** Guest users the agent writes the key for (dynamic injection). */
  users: string[];
  /** Further SSH key credentials, kept as they are (edit them in YAML). */
  others: number;
}

const credentialsOf = (vm: VirtualMachine): AccessCredential[] =>
  vm.spec?.template?.spec?.accessCredentials ?? [];

const methodOf = (propagation: Propagation): PropagationKind =>
  propagation.qemuGuestAgent
    ? 'qemuGuestAgent'
    : propagation.configDrive
      ? 'configDrive'
      : 'noCloud';

export const sshKeyOf = (vm: VirtualMachine): SshKeyCredential | undefined => {
  const keys = credentialsOf(vm).filter((credential) => credential.sshPublicKey);
  const key = keys[0]?.sshPublicKey;
  if (!key) return undefined;
  return {
    secretName: key.source.secret?.secretName ?? '',
    method: methodOf(key.propagationMethod),
    users: key.propagationMethod.qemuGuestAgent?.users ?? [],
    others: keys.length - 1,
  };
};

/** Cloud-init must carry a static key: ConfigDrive when the VM's cloud-init volume is one. */
export const staticPropagation = (vm: VirtualMachine): Propagation =>
  cloudInitOf(vm)?.kind === 'cloudInitConfigDrive' ? { configDrive: {} } : { noCloud: {} };

/** The user cloud-init creates when the VM had no cloud-init before (as the seed's YAML does). */
export const DEFAULT_GUEST_USER = 'cloud-user';
const DEFAULT_USER_DATA = `#cloud-config\nuser: ${DEFAULT_GUEST_USER}\n`;

/**
 * KubeVirt propagates a static key through the cloud-init volume and refuses the VM without one:
 * a VM without cloud-init gets a `cloudinitdisk` creating `cloud-user`.
 */
const cloudInitForStaticKeyOps = (vm: VirtualMachine): JsonPatchOp[] =>
  cloudInitOf(vm) ? [] : writeCloudInitOps(vm, { userData: DEFAULT_USER_DATA });

const replacePrimary = (vm: VirtualMachine, next: AccessCredential | undefined): JsonPatchOp[] => {
  const credentials = credentialsOf(vm);
  const at = credentials.findIndex((credential) => credential.sshPublicKey);
  let updated: AccessCredential[];
  if (at < 0) updated = next ? [...credentials, next] : credentials;
  else if (next)
    updated = credentials.map((credential, index) => (index === at ? next : credential));
  else updated = credentials.filter((_, index) => index !== at);
  return setAt(vm, [...TEMPLATE_SPEC, 'accessCredentials'], updated.length ? updated : undefined);
};

/**
 * Authorizes the key in `secretName`: replaces the first SSH key credential (keeping dynamic
 * injection if it was on) or adds one propagated by cloud-init.
 */
export const setSshKeyOps = (vm: VirtualMachine, secretName: string): JsonPatchOp[] => {
  const current = sshKeyOf(vm);
  const propagation: Propagation =
    current?.method === 'qemuGuestAgent'
      ? { qemuGuestAgent: { users: current.users } }
      : staticPropagation(vm);
  return [
    ...replacePrimary(vm, {
      sshPublicKey: { source: { secret: { secretName } }, propagationMethod: propagation },
    }),
    ...(propagation.qemuGuestAgent ? [] : cloudInitForStaticKeyOps(vm)),
  ];
};

/** Removes the authorized key (the Secret stays in the project). */
export const removeSshKeyOps = (vm: VirtualMachine): JsonPatchOp[] =>
  sshKeyOf(vm) ? replacePrimary(vm, undefined) : [];

/**
 * Dynamic injection on: the guest agent writes the key for `users` (and keeps it current when
 * the Secret changes); cloud-init gets the SELinux switch RHEL 9 needs. Off: back to cloud-init.
 */
export const setDynamicInjectionOps = (
  vm: VirtualMachine,
  enabled: boolean,
  users: string[],
): JsonPatchOp[] => {
  const current = sshKeyOf(vm);
  if (!current) return [];
  const propagation: Propagation = enabled ? { qemuGuestAgent: { users } } : staticPropagation(vm);
  const ops = replacePrimary(vm, {
    sshPublicKey: {
      source: { secret: { secretName: current.secretName } },
      propagationMethod: propagation,
    },
  });
  const cloudInit = cloudInitOf(vm);
  if (!cloudInit) return [...ops, ...(enabled ? [] : cloudInitForStaticKeyOps(vm))];
  if (cloudInit.userData === undefined) return ops;
  const userData = withSshInjectionCommand(cloudInit.userData, enabled);
  return userData === undefined || userData === cloudInit.userData
    ? ops
    : [...ops, ...writeCloudInitOps(vm, { userData })];
};

/** `cloud-user, admin` → `['cloud-user', 'admin']`. */
export const parseUsers = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((user) => user.trim())
    .filter(Boolean);

/** Linux user names as useradd accepts them. */
export const isGuestUser = (user: string): boolean =>
  /^[a-z_][a-z0-9_-]*\$?$/i.test(user) && user.length <= 32;
