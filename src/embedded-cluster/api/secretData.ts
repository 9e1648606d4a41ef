import type { KubeObject } from '../types';

/**
 * A Secret's `stringData` is write-only: kube-apiserver merges it into `data` (base64, over
 * keys of the same name) and never stores it. Other kinds pass through.
 */
export const mergeStringData = (resource: string, object: KubeObject): KubeObject => {
  const stringData = (object as { stringData?: Record<string, string> }).stringData;
  if (resource !== 'core/secrets' || !stringData) return object;
  const { stringData: _written, ...rest } = object as KubeObject & { stringData?: unknown };
  const data = { ...((object.data as Record<string, string> | undefined) ?? {}) };
  for (const [key, value] of Object.entries(stringData))
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  return { ...rest, data };
};
