// One error type for every patch format, so the API server maps them to a Status in one place.

/**
 * A patch that cannot be applied. `code` is the HTTP status kube-apiserver answers with:
 * 400 when the patch itself is malformed (it could never apply to anything), 422 when it is
 * well-formed but does not apply to this object (missing path, failed test), 413 when it has too
 * many operations.
 */
export class PatchError extends Error {
  constructor(
    message: string,
    readonly code: 400 | 413 | 422 = 422,
  ) {
    super(message);
    this.name = 'PatchError';
  }
}
