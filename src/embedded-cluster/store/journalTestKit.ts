// Shared by the journal tests: temp directories, objects and records small enough to read.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '../types';
import type { JournalRecord } from './records';

const made: string[] = [];

export const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'journal-test-'));
  made.push(dir);
  return dir;
};

export const removeTempDirs = async (): Promise<void> => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
};

export const configMap = (
  name: string,
  rv: number,
  data: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', resourceVersion: String(rv) },
  data,
});

export const put = (rv: number, name: string, data?: Record<string, string>): JournalRecord => ({
  rv,
  op: 'put',
  key: `core/configmaps/default/${name}`,
  object: configMap(name, rv, data),
});

export const del = (rv: number, name: string): JournalRecord => ({
  rv,
  op: 'delete',
  key: `core/configmaps/default/${name}`,
});

export const files = async (dir: string): Promise<string[]> => (await readdir(dir)).sort();

/** Object names by key, for comparisons that print well. */
export const namesOf = (objects: Map<string, KubeObject>): Record<string, string | undefined> =>
  Object.fromEntries([...objects].map(([key, object]) => [key, object.metadata.resourceVersion]));
