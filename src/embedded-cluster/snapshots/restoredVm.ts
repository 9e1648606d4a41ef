// The VM a restore writes: the snapshot's spec with each restored volume pointing at its new
// claim, the target's run strategy, the restore recorded in an annotation, the clone's patches.
import { applyJSONPatch } from '../../common/patch/jsonPatch';
import type { KubeObject } from '../types';
import { vmSpec, type VmSpec, type VmVolume } from './vmVolumes';

export const LAST_RESTORE_ANNOTATION = 'restore.kubevirt.io/lastRestoreUID';

export interface VolumeRestore {
  volumeName: string;
  persistentVolumeClaim: string;
  volumeSnapshotName: string;
  dataVolumeName?: string;
}

/** `restore.kubevirt.io/lastRestoreUID` as KubeVirt writes it: `<restore name>-<restore uid>`. */
export const lastRestoreValue = (restore: KubeObject) =>
  `${restore.metadata.name ?? ''}-${restore.metadata.uid ?? ''}`;

/** The snapshot's spec with volumes and DataVolume templates renamed to the restored claims. */
export const restoredSpec = (snapshotVm: KubeObject, restores: VolumeRestore[]): VmSpec => {
  const spec = structuredClone(vmSpec(snapshotVm));
  const templates = spec.dataVolumeTemplates ?? [];
  const volumes: VmVolume[] = [];
  for (const volume of spec.template?.spec?.volumes ?? []) {
    if (volume.memoryDump) continue;
    const restore = restores.find((r) => r.volumeName === volume.name);
    if (!restore) {
      volumes.push(volume);
      continue;
    }
    if (volume.persistentVolumeClaim) {
      volumes.push({
        ...volume,
        persistentVolumeClaim: {
          ...volume.persistentVolumeClaim,
          claimName: restore.persistentVolumeClaim,
        },
      });
      continue;
    }
    const template = templates.find((t) => t.metadata.name === volume.dataVolume?.name);
    if (volume.dataVolume && template && restore.dataVolumeName) {
      template.metadata = { ...template.metadata, name: restore.dataVolumeName };
      volumes.push({
        ...volume,
        dataVolume: { ...volume.dataVolume, name: restore.dataVolumeName },
      });
      continue;
    }
    // A DataVolume without a template becomes a plain claim volume.
    volumes.push({
      name: volume.name,
      persistentVolumeClaim: { claimName: restore.persistentVolumeClaim },
    });
  }
  if (spec.template?.spec) spec.template.spec.volumes = volumes;
  if (spec.dataVolumeTemplates) spec.dataVolumeTemplates = templates;
  return spec;
};

/**
 * Applies a restore's JSON patches one by one, as leniently as a VM with a MAC pool needs:
 * replacing a field that is not there adds it, removing one that is not there does nothing.
 */
export const applyRestorePatches = (vm: KubeObject, patches: string[] | undefined): KubeObject => {
  let result = vm;
  for (const text of patches ?? []) {
    const op = JSON.parse(text) as { op: string; path: string; value?: unknown };
    try {
      result = applyJSONPatch(result, [op]) as KubeObject;
    } catch {
      if (op.op === 'replace') {
        try {
          result = applyJSONPatch(result, [{ ...op, op: 'add' }]) as KubeObject;
        } catch {
          // The parent is missing too: nothing to replace.
        }
      }
    }
  }
  return result;
};

/**
 * A new VM must not share the source's identity on the network or in firmware: MAC addresses
 * and firmware UUID/serial that are empty or still the source's are dropped (the MAC pool gives
 * new ones); those a clone set explicitly stay.
 */
export const dropSourceIdentity = (spec: VmSpec, source: VmSpec) => {
  const domain = spec.template?.spec?.domain;
  const sourceDomain = source.template?.spec?.domain;
  for (const nic of domain?.devices?.interfaces ?? []) {
    const original = sourceDomain?.devices?.interfaces?.find((i) => i.name === nic.name);
    if (!nic.macAddress || nic.macAddress === original?.macAddress) delete nic.macAddress;
  }
  const firmware = domain?.firmware;
  if (!firmware || !domain) return;
  const original = sourceDomain?.firmware;
  if (!firmware.uuid || firmware.uuid === original?.uuid) delete firmware.uuid;
  if (!firmware.serial || firmware.serial === original?.serial) delete firmware.serial;
  if (!Object.keys(firmware).length) delete domain.firmware;
};
