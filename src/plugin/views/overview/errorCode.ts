/** The HTTP code of a failed call (the SDK's `code`, or the Status in `json`). */
export const errorCode = (error: unknown): number | undefined => {
  const e = error as { code?: unknown; json?: { code?: unknown } } | null | undefined;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.json?.code === 'number') return e.json.code;
  return undefined;
};
