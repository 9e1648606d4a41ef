import type { DataVolume, VirtualMachine } from '../../../../api/types';

/** One disk the VM is still preparing: its DataVolume's phase and progress. */
export interface ProvisioningDisk {
  name: string;
  /** CDI's phase (ImportScheduled, ImportInProgress, CloneInProgress, …); Pending when unseen. */
  phase: string;
  /** 0–100 when CDI reports it (`status.progress`, e.g. "45.20%"). */
  percent?: number;
  /** Why it is stuck or failed, from the Running/Ready conditions' message. */
  message?: string;
  failed: boolean;
}

const percentOf = (progress: string | undefined): number | undefined => {
  const value = Number.parseFloat(progress ?? '');
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : undefined;
};

/**
 * The VM's own disks (its `dataVolumeTemplates`) that are not ready yet; empty once all have
 * Succeeded, so the details page shows provisioning only while there is something to wait for.
 */
export const provisioningDisks = (
  vm: VirtualMachine,
  dataVolumes: DataVolume[] | undefined,
): ProvisioningDisk[] => {
  const byName = new Map((dataVolumes ?? []).map((dv) => [dv.metadata?.name ?? '', dv]));
  return (vm.spec?.dataVolumeTemplates ?? []).flatMap((template) => {
    const name = template.metadata?.name ?? '';
    const dv = byName.get(name);
    const phase = dv?.status?.phase ?? 'Pending';
    if (phase === 'Succeeded') return [];
    const failed = phase === 'Failed';
    const condition = dv?.status?.conditions?.find(
      (c) => (c.type === 'Running' || c.type === 'Ready') && c.status !== 'True' && c.message,
    );
    return [
      {
        name,
        phase,
        percent: percentOf(dv?.status?.progress),
        message: condition?.message,
        failed,
      },
    ];
  });
};
