import type { ConfigMap, JsonPatchOp, VirtualMachine } from '../../../../../api/types';
import { DEVICES, setAt, TEMPLATE_SPEC } from '../editor/vmPatch';
import { freeDeviceName, type Disk, type Volume } from './cloudInitVolume';

/** The answer files Windows setup reads from the sysprep CD-ROM, by the keys KubeVirt expects. */
export const SYSPREP_FILES = ['Autounattend.xml', 'Unattend.xml'] as const;
export type SysprepFile = (typeof SYSPREP_FILES)[number];
export type SysprepFiles = Record<SysprepFile, string>;

/**
 * Why the text is not well-formed XML (the parser's own words, without the browser's
 * boilerplate), or undefined when it is.
 */
export const xmlProblem = (text: string): string | undefined => {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (!error) return undefined;
  return (
    (error.textContent ?? '')
      .replace(/This page contains the following errors:/i, '')
      .replace(/Below is a rendering of the page up to the first error\.?/i, '')
      .trim() || 'parsererror'
  );
};

/** The VM's sysprep volume: where its answer files come from. */
export const sysprepOf = (
  vm: VirtualMachine,
): { volumeName: string; configMap?: string; secret?: string } | undefined => {
  const volume = vm.spec?.template?.spec?.volumes?.find((item) => item.sysprep);
  if (!volume) return undefined;
  return {
    volumeName: volume.name,
    configMap: volume.sysprep?.configMap?.name,
    secret: volume.sysprep?.secret?.name,
  };
};

/** The ConfigMap holding the answer files given (empty ones are left out). */
export const sysprepConfigMap = (
  namespace: string,
  name: string,
  files: SysprepFiles,
): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data: Object.fromEntries(
    SYSPREP_FILES.filter((key) => files[key].trim()).map((key) => [key, files[key]]),
  ),
});

/** Does a ConfigMap hold an answer file? */
export const holdsAnswerFile = (configMap: ConfigMap): boolean =>
  SYSPREP_FILES.some((key) => configMap.data?.[key] !== undefined);

const specOf = (vm: VirtualMachine) => vm.spec?.template?.spec;

/**
 * Attaches the ConfigMap as the sysprep volume with a SATA CD-ROM (Windows reads it without
 * drivers); an existing sysprep volume is pointed at it instead, keeping its disk.
 */
export const attachSysprepOps = (vm: VirtualMachine, configMapName: string): JsonPatchOp[] => {
  const volumes: Volume[] = specOf(vm)?.volumes ?? [];
  const disks: Disk[] = specOf(vm)?.domain?.devices?.disks ?? [];
  const current = sysprepOf(vm);
  const name = current?.volumeName ?? freeDeviceName(vm, 'sysprep');
  const volume: Volume = { name, sysprep: { configMap: { name: configMapName } } };
  const ops = setAt(
    vm,
    [...TEMPLATE_SPEC, 'volumes'],
    current ? volumes.map((item) => (item.name === name ? volume : item)) : [...volumes, volume],
  );
  if (!disks.some((disk) => disk.name === name))
    ops.push(...setAt(vm, [...DEVICES, 'disks'], [...disks, { name, cdrom: { bus: 'sata' } }]));
  return ops;
};

/** Detaches the sysprep volume and its disk; the ConfigMap itself stays in the project. */
export const removeSysprepOps = (vm: VirtualMachine): JsonPatchOp[] => {
  const current = sysprepOf(vm);
  if (!current) return [];
  const volumes: Volume[] = specOf(vm)?.volumes ?? [];
  const disks: Disk[] = specOf(vm)?.domain?.devices?.disks ?? [];
  return [
    ...setAt(
      vm,
      [...DEVICES, 'disks'],
      disks.filter((disk) => disk.name !== current.volumeName),
    ),
    ...setAt(
      vm,
      [...TEMPLATE_SPEC, 'volumes'],
      volumes.filter((volume) => volume.name !== current.volumeName),
    ),
  ];
};
