// The record sequence the kill test's writer appends: a pure function of rv, so the test can
// rebuild exactly what any prefix of it must load as.
import type { KubeObject } from '../types';
import { applyRecord, type JournalRecord } from './records';

export const killModelRecord = (rv: number): JournalRecord => {
  const name = `cm${rv % 37}`;
  const key = `core/configmaps/default/${name}`;
  if (rv % 5 === 0) return { rv, op: 'delete', key };
  // Some records span several pages, so a kill can land inside one write.
  const pad = 'x'.repeat(rv % 7 === 0 ? 20_000 : 100);
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default', resourceVersion: String(rv) },
    data: { pad },
  };
  return { rv, op: 'put', key, object };
};

export const killModelState = (lastRV: number): Map<string, KubeObject> => {
  const objects = new Map<string, KubeObject>();
  for (let rv = 1; rv <= lastRV; rv++) applyRecord(objects, killModelRecord(rv));
  return objects;
};
