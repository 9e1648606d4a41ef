import type { DiskFormErrors, DiskFormState } from './diskForm';

/** What each part of the Add disk form is given. */
export interface AddDiskFieldProps {
  form: DiskFormState;
  update(patch: Partial<DiskFormState>): void;
  /** The form's own errors of the fields the user has touched. */
  errors: DiskFormErrors;
  /** The last server error, whose causes name fields. */
  serverError: unknown;
  /** Disabled while the disk is being added. */
  busy: boolean;
}
