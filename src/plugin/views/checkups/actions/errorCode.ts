/** The HTTP status of a failed call (the SDK's HttpError, or a Kubernetes Status). */
export const errorCode = (error: unknown): number | undefined => {
  const e = error as { code?: unknown; json?: { code?: unknown } } | null | undefined;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.json?.code === 'number') return e.json.code;
  return undefined;
};

/** Runs `call`; a 404 (already gone) counts as done. */
export const ignoreNotFound = async (call: () => Promise<unknown>): Promise<boolean> => {
  try {
    await call();
    return true;
  } catch (error) {
    if (errorCode(error) === 404) return false;
    throw error;
  }
};
