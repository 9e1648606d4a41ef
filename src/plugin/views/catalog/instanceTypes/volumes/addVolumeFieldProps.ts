import type { AddVolumeField, AddVolumeForm } from './addVolumeForm';
import type { AddVolumeSources } from './useAddVolumeSources';

/** What every group of Add volume fields is given. */
export interface AddVolumeFieldProps {
  form: AddVolumeForm;
  update(patch: Partial<AddVolumeForm>): void;
  /** Ours, shown once the field was visited. */
  errors: Partial<Record<AddVolumeField, string>>;
  /** The last refusal of the server: each field shows the causes naming it. */
  serverError: unknown;
  busy: boolean;
  sources: AddVolumeSources;
}
