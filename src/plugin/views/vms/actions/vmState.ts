import type {
  VirtualMachine,
  VirtualMachineInstance,
  VirtualMachineInstanceMigration,
} from '../../../api/types';

/** Small selectors over a VM and its VMI that decide which actions can run now. */

export type { VirtualMachineInstanceMigration };

/** `spec.runStrategy`, or what the legacy `spec.running` means. */
export const runStrategyOf = (vm: VirtualMachine | undefined): string => {
  if (vm?.spec?.runStrategy) return vm.spec.runStrategy;
  return vm?.spec?.running ? 'Always' : 'Halted';
};

/** A VMI exists and has not finished (virt-api refuses start while it does). */
export const isRunning = (vmi: VirtualMachineInstance | undefined): boolean =>
  !!vmi && vmi.status?.phase !== 'Succeeded' && vmi.status?.phase !== 'Failed';

/** The guest runs on a node (pause, migrate and SSH need this, not just a VMI). */
export const isGuestRunning = (vmi: VirtualMachineInstance | undefined): boolean =>
  vmi?.status?.phase === 'Running';

export const conditionOf = (
  object:
    | {
        status?: {
          conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
        };
      }
    | undefined,
  type: string,
) => object?.status?.conditions?.find((condition) => condition.type === type);

export const isPaused = (vmi: VirtualMachineInstance | undefined): boolean =>
  conditionOf(vmi, 'Paused')?.status === 'True';

/** A migration of this VMI has started and not ended. */
export const isMigrating = (vmi: VirtualMachineInstance | undefined): boolean => {
  const state = vmi?.status?.migrationState;
  return !!state && !state.completed && !state.failed;
};

const FINAL_MIGRATION_PHASES = ['Succeeded', 'Failed'];

/** The VirtualMachineInstanceMigration of this VMI that has not finished, if any. */
export const activeMigrationOf = (
  vmiName: string,
  migrations: VirtualMachineInstanceMigration[],
): VirtualMachineInstanceMigration | undefined =>
  migrations.find(
    (migration) =>
      migration.spec?.vmiName === vmiName &&
      !migration.metadata?.deletionTimestamp &&
      !FINAL_MIGRATION_PHASES.includes(migration.status?.phase ?? ''),
  );

/** Whether the VM wants to run (a stop is the way out of Starting, CrashLoopBackOff…). */
export const wantsToRun = (
  vm: VirtualMachine | undefined,
  vmi: VirtualMachineInstance | undefined,
) => {
  const strategy = runStrategyOf(vm);
  if (isRunning(vmi)) return strategy !== 'Halted';
  return strategy === 'Always' || strategy === 'RerunOnFailure';
};

/** Volumes that keep data: DataVolumes and PVCs, with whether the VM owns them (deleted with it). */
export interface VmDisk {
  volume: string;
  kind: 'DataVolume' | 'PersistentVolumeClaim';
  name: string;
  /** A DataVolume from `spec.dataVolumeTemplates`: garbage-collected with the VM. */
  ownedByVm: boolean;
}

export const disksOf = (vm: VirtualMachine | undefined): VmDisk[] => {
  const templates = new Set(
    (vm?.spec?.dataVolumeTemplates ?? []).map((template) => template.metadata?.name),
  );
  const disks: VmDisk[] = [];
  for (const volume of vm?.spec?.template?.spec?.volumes ?? []) {
    if (volume.dataVolume?.name)
      disks.push({
        volume: volume.name,
        kind: 'DataVolume',
        name: volume.dataVolume.name,
        ownedByVm: templates.has(volume.dataVolume.name),
      });
    else if (volume.persistentVolumeClaim?.claimName)
      disks.push({
        volume: volume.name,
        kind: 'PersistentVolumeClaim',
        name: volume.persistentVolumeClaim.claimName,
        ownedByVm: false,
      });
  }
  return disks;
};

/** KubeVirt's deletion protection label (a ValidatingAdmissionPolicy refuses the delete). */
export const DELETE_PROTECTION_LABEL = 'kubevirt.io/vm-delete-protection';

export const isDeleteProtected = (vm: VirtualMachine | undefined): boolean =>
  vm?.metadata?.labels?.[DELETE_PROTECTION_LABEL]?.toLowerCase() === 'true';
