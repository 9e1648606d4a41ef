import { errorMessage } from '../../../../../api/bff';

/** One entry of a Kubernetes `Status.details.causes`. */
export interface Cause {
  field?: string;
  message?: string;
  reason?: string;
}

export const causesOf = (error: unknown): Cause[] =>
  (error as { json?: { details?: { causes?: Cause[] } } } | null)?.json?.details?.causes ?? [];

/**
 * The server's message for a field: the causes whose `field` starts with one of `prefixes`
 * (`spec.template.spec.domain.devices.disks`), joined. Undefined when the error names no such field.
 */
export const fieldErrorOf = (error: unknown, ...prefixes: string[]): string | undefined => {
  const messages = causesOf(error)
    .filter((cause) => prefixes.some((prefix) => cause.field?.startsWith(prefix)))
    .map((cause) => cause.message ?? cause.reason ?? '')
    .filter(Boolean);
  return messages.length ? messages.join('; ') : undefined;
};

/** A JSON patch whose `test` failed: the VM changed after the form was opened. */
export const isStaleEdit = (error: unknown): boolean =>
  (error as { code?: number } | null)?.code === 422 && /\btest\b/i.test(errorMessage(error));
