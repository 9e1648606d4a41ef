/** API paths the BFF forwards to the cluster; everything else stays unanswered upstream. */
const FORWARDED = [/^\/api(\/|$)/, /^\/apis(\/|$)/, /^\/version\/?$/, /^\/openapi\//];

export type KubePathCheck = { ok: true } | { ok: false; code: 400 | 404; message: string };

/**
 * Whether `pathname` (as sent, still percent-encoded) may go to the API server: only its API
 * trees, and nothing that a URL parser would resolve elsewhere (dot segments, encoded or not,
 * encoded slashes or backslashes, empty segments).
 */
export const checkKubePath = (pathname: string): KubePathCheck => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, code: 400, message: `The path ${pathname} is not validly encoded.` };
  }
  const segments = decoded.split('/').slice(1);
  const traversal =
    /%2f|%5c|\\/i.test(pathname) ||
    segments.some((s, i) => s === '.' || s === '..' || (s === '' && i < segments.length - 1));
  if (traversal)
    return { ok: false, code: 400, message: `The path ${pathname} is not a plain API path.` };
  if (!FORWARDED.some((pattern) => pattern.test(decoded)))
    return {
      ok: false,
      code: 404,
      message: `Only the Kubernetes API (/api, /apis, /version, /openapi) is forwarded, not ${pathname}.`,
    };
  return { ok: true };
};
