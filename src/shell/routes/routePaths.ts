/**
 * react-router 7 path patterns for a `console.page/route` path. The console's paths are
 * prefix matches unless `exact`, so non-exact ones also match everything below them.
 */
export const routePatterns = (path: string | string[], exact = false): string[] =>
  (Array.isArray(path) ? path : [path]).map((p) =>
    exact || p.endsWith('*') ? p : `${p.replace(/\/$/, '')}/*`,
  );
