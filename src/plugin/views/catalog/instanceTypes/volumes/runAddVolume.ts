import type { DataSource, DataVolume } from '../../../../api/types';
import type { AddVolumePlan } from './addVolumePlan';

export type AddVolumeStep = 'creating' | 'uploading' | 'registering';

/** The calls a plan is carried out with (the dialog gives the real ones, tests fakes). */
export interface AddVolumeSteps {
  createDataVolume(dataVolume: DataVolume): Promise<unknown>;
  upload(namespace: string, name: string): Promise<void>;
  deleteDataVolume(namespace: string, name: string): Promise<void>;
  createDataSource(dataSource: DataSource): Promise<DataSource>;
  /** Told each step as it starts, to show where the work stands. */
  onStep(step: AddVolumeStep): void;
}

/**
 * What an unfinished run left: a DataVolume created (and filled, or not) with no DataSource yet.
 * The dialog keeps it between attempts and deletes it when the user gives up.
 */
export interface HalfMade {
  dataVolume?: DataVolume;
  filled: boolean;
}

const refOf = (dataVolume: DataVolume) => ({
  namespace: dataVolume.metadata?.namespace ?? '',
  name: dataVolume.metadata?.name ?? '',
});

/** Deletes what an unfinished run created (nothing when there is nothing). */
export const discardHalfMade = async (
  halfMade: HalfMade,
  steps: Pick<AddVolumeSteps, 'deleteDataVolume'>,
): Promise<void> => {
  const made = halfMade.dataVolume;
  if (!made) return;
  const { namespace, name } = refOf(made);
  await steps.deleteDataVolume(namespace, name);
  halfMade.dataVolume = undefined;
  halfMade.filled = false;
};

/**
 * Carries out an Add volume plan: DataVolume, upload, DataSource. A DataVolume an earlier
 * attempt made is reused when the plan asks for the same one (a refused DataSource is tried
 * again without a second upload), else deleted first. An upload that fails or is cancelled
 * cannot resume: its DataVolume is deleted, so submitting again starts clean.
 */
export const runAddVolume = async (
  plan: AddVolumePlan,
  steps: AddVolumeSteps,
  halfMade: HalfMade,
): Promise<DataSource> => {
  const wanted = plan.dataVolume;
  if (halfMade.dataVolume && JSON.stringify(halfMade.dataVolume) !== JSON.stringify(wanted))
    await discardHalfMade(halfMade, steps);
  if (wanted && !halfMade.dataVolume) {
    steps.onStep('creating');
    await steps.createDataVolume(wanted);
    halfMade.dataVolume = wanted;
    halfMade.filled = !plan.upload;
  }
  if (wanted && plan.upload && !halfMade.filled) {
    steps.onStep('uploading');
    const { namespace, name } = refOf(wanted);
    try {
      await steps.upload(namespace, name);
    } catch (error) {
      await discardHalfMade(halfMade, steps).catch(() => undefined);
      throw error;
    }
    halfMade.filled = true;
  }
  steps.onStep('registering');
  const created = await steps.createDataSource(plan.dataSource);
  halfMade.dataVolume = undefined;
  halfMade.filled = false;
  return created;
};
