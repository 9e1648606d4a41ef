import { createHash } from 'node:crypto';

/**
 * Answers asked of the cluster with a caller's token, reused for `ttlMs` for that token only
 * (keyed by its SHA-256, never the token itself) and never across tokens; a failed answer is
 * not kept. `scope` separates several questions asked for one token.
 */
export const createTokenCache = <T>(ttlMs: number) => {
  const cache = new Map<string, { expires: number; answer: Promise<T> }>();
  return (authorization: string, ask: () => Promise<T>, scope = ''): Promise<T> => {
    const key = `${createHash('sha256').update(authorization).digest('hex')}/${scope}`;
    const now = Date.now();
    const cached = cache.get(key);
    if (cached && cached.expires > now) return cached.answer;
    for (const [other, entry] of cache) if (entry.expires <= now) cache.delete(other);
    const answer = ask();
    cache.set(key, { expires: now + ttlMs, answer });
    answer.catch(() => {
      if (cache.get(key)?.answer === answer) cache.delete(key);
    });
    return answer;
  };
};
