import { stringify } from 'yaml';
import { VirtualMachineClusterInstancetypeModel } from '../../../api/models';
import type { K8sObject, VirtualMachine } from '../../../api/types';
import { cloudInitOf } from '../../vms/details/configuration/initialRun/cloudInitVolume';
import { encodeBase64 } from '../../vms/details/configuration/initialRun/base64';
import { sysprepOf } from '../../vms/details/configuration/initialRun/sysprep';
import { sshKeyOf } from '../../vms/details/configuration/ssh/accessCredentials';
import type { VmDraft } from './vmDraft';

/** What the draft sets that `virtctl create vm` has no flag for. */
export type VirtctlGap = 'storageClass' | 'labels';

export interface VirtctlCommand {
  /** Shell text: prerequisites with `oc create`, then `virtctl create vm … | oc create -f -`. */
  command: string;
  gaps: VirtctlGap[];
}

const SAFE = /^[A-Za-z0-9_./:=,@%+-]+$/;

/** One shell word: as is when it is plain, else single-quoted. */
export const shellQuote = (word: string): string =>
  SAFE.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

const flag = (name: string, value: string) => shellQuote(`--${name}=${value}`);

/** `key:value` parameters of a virtctl flag (`type:ds,src:ns/name,size:30Gi`). */
const params = (entries: [string, string | undefined][]): string =>
  entries
    .filter((entry): entry is [string, string] => !!entry[1])
    .map(([key, value]) => `${key}:${value}`)
    .join(',');

type DataVolumeSpec = {
  sourceRef?: { kind?: string; name?: string; namespace?: string };
  source?: {
    pvc?: { name?: string; namespace?: string };
    snapshot?: { name?: string; namespace?: string };
  };
  storage?: { resources?: { requests?: { storage?: string } }; storageClassName?: string };
};

/** `--volume-import` for the boot disk's DataVolume (type ds, pvc or snapshot). */
const volumeImport = (vm: VirtualMachine): { flag?: string; storageClass?: string } => {
  const template = vm.spec?.dataVolumeTemplates?.[0];
  if (!template) return {};
  const spec = template.spec as DataVolumeSpec;
  const ref = spec.sourceRef ?? spec.source?.pvc ?? spec.source?.snapshot;
  const type = spec.sourceRef ? 'ds' : spec.source?.pvc ? 'pvc' : 'snapshot';
  const src = ref?.namespace ? `${ref.namespace}/${ref.name ?? ''}` : ref?.name;
  const value = params([
    ['type', type],
    ['src', src],
    ['name', template.metadata?.name],
    ['size', spec.storage?.resources?.requests?.storage],
  ]);
  return { flag: flag('volume-import', value), storageClass: spec.storage?.storageClassName };
};

/** `--access-cred` for the authorized key: NoCloud, or the guest agent for dynamic injection. */
const accessCred = (vm: VirtualMachine): string | undefined => {
  const key = sshKeyOf(vm);
  if (!key) return undefined;
  const method =
    key.method === 'qemuGuestAgent'
      ? 'ga'
      : key.method === 'configDrive'
        ? 'configdrive'
        : 'nocloud';
  return flag(
    'access-cred',
    params([
      ['type', 'ssh'],
      ['src', key.secretName],
      ['method', method],
      ['user', method === 'ga' ? key.users[0] : undefined],
    ]),
  );
};

/**
 * `oc create -f - <<'EOF'` with the object's YAML: exact, values and all. The quoted delimiter
 * stops expansion; an object's YAML starts every line with a key or indentation, so no line of
 * it is `EOF` alone.
 */
const createObject = (object: K8sObject): string =>
  `oc create -f - <<'EOF'\n${stringify(object, { lineWidth: 0 })}EOF`;

/**
 * The equivalent of an instance-type draft on the command line: the prerequisites created with
 * `oc create`, then `virtctl create vm` (name, instance type, preference, the boot volume
 * imported from its source, the authorized key, the exact cloud-init user data, sysprep, run
 * strategy) piped into `oc create`. `gaps` names what virtctl cannot set.
 */
export const virtctlCommand = (draft: VmDraft): VirtctlCommand => {
  const { vm } = draft;
  const namespace = vm.metadata?.namespace ?? '';
  const gaps: VirtctlGap[] = [];
  const args: string[] = [flag('name', vm.metadata?.name ?? '')];

  const instancetype = vm.spec?.instancetype;
  if (instancetype?.name)
    args.push(
      flag(
        'instancetype',
        instancetype.kind && instancetype.kind !== VirtualMachineClusterInstancetypeModel.kind
          ? `${instancetype.kind.toLowerCase()}/${instancetype.name}`
          : instancetype.name,
      ),
    );
  const preference = vm.spec?.preference;
  if (preference?.name)
    args.push(
      flag(
        'preference',
        preference.kind === 'VirtualMachinePreference'
          ? `virtualmachinepreference/${preference.name}`
          : preference.name,
      ),
    );
  // virtctl infers a preference from the volume unless told not to; the draft names none.
  else args.push('--infer-preference=false');

  const volume = volumeImport(vm);
  if (volume.flag) args.push(volume.flag);
  if (volume.storageClass) gaps.push('storageClass');

  const sysprep = sysprepOf(vm);
  if (sysprep?.configMap) args.push(flag('volume-sysprep', `src:${sysprep.configMap}`));
  else if (sysprep?.secret) args.push(flag('volume-sysprep', `src:${sysprep.secret},type:secret`));

  const credential = accessCred(vm);
  if (credential) args.push(credential);
  const userData = cloudInitOf(vm)?.userData;
  if (userData) args.push(flag('cloud-init-user-data', encodeBase64(userData)));

  const runStrategy = vm.spec?.runStrategy ?? (vm.spec?.running ? 'Always' : 'Halted');
  args.push(flag('run-strategy', runStrategy));

  if (
    Object.keys(vm.metadata?.labels ?? {}).length ||
    Object.keys(vm.spec?.template?.metadata?.labels ?? {}).length
  )
    gaps.push('labels');

  const create = [
    'virtctl create vm',
    ...args.map((arg) => `  ${arg}`),
    `  | oc create -n ${shellQuote(namespace)} -f -`,
  ].join(' \\\n');
  return {
    command: [...draft.prerequisites.map(createObject), create].join('\n\n') + '\n',
    gaps,
  };
};
