import type { AddVolumeOptions } from '../../../../../api/k8s';
import type { DataVolume, JsonPatchOp } from '../../../../../api/types';
import type { AddDiskPlan } from './addDiskPlan';

export type AddDiskStep = 'creating' | 'uploading' | 'preparing' | 'attaching' | 'saving';

/** The calls a plan is carried out with (the dialog gives the real ones, tests fakes). */
export interface AddDiskSteps {
  createDataVolume(dataVolume: DataVolume): Promise<unknown>;
  upload(name: string): Promise<void>;
  waitFor(name: string): Promise<void>;
  patch(ops: JsonPatchOp[]): Promise<unknown>;
  hotplug(body: AddVolumeOptions, persist: boolean): Promise<void>;
  /** Told each step as it starts, to show where the work stands. */
  onStep(step: AddDiskStep): void;
}

/**
 * Carries out an Add disk plan in order. `done` remembers what an earlier attempt finished (a
 * created DataVolume, an upload), so submitting again after a failure goes on from there
 * instead of failing on "already exists".
 */
export const runAddDisk = async (
  plan: AddDiskPlan,
  steps: AddDiskSteps,
  done: Set<string>,
): Promise<void> => {
  const dvName = plan.dataVolume?.metadata?.name ?? '';
  if (plan.dataVolume && !done.has(`created:${dvName}`)) {
    steps.onStep('creating');
    await steps.createDataVolume(plan.dataVolume);
    done.add(`created:${dvName}`);
  }
  if (plan.upload && !done.has(`uploaded:${dvName}`)) {
    steps.onStep('uploading');
    await steps.upload(dvName);
    done.add(`uploaded:${dvName}`);
  }
  if (plan.waitFor) {
    steps.onStep('preparing');
    await steps.waitFor(plan.waitFor);
  }
  if (plan.hotplug) {
    steps.onStep('attaching');
    await steps.hotplug(plan.hotplug.body, plan.hotplug.persist);
  }
  if (plan.patch) {
    steps.onStep('saving');
    await steps.patch(plan.patch);
  }
};
