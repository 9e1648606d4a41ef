import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { KubeObject } from '../types';

/**
 * Where the Helm chart keeps its quick starts, from the project's root: one ConsoleQuickStart
 * per tour and language. The chart installs them as they are; the embedded cluster seeds the
 * same files, so the standalone shell shows what a real cluster gets.
 */
export const QUICK_STARTS_DIR = 'charts/virtualization-plugin/files/quickstarts';

/** The nearest folder above this module with a package.json (the checkout, or the image). */
const projectRoot = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
};

const isQuickStart = (value: unknown): value is KubeObject => {
  const object = value as Partial<KubeObject> | null;
  return (
    object?.apiVersion === 'console.openshift.io/v1' &&
    object.kind === 'ConsoleQuickStart' &&
    typeof object.metadata?.name === 'string' &&
    object.metadata.name !== ''
  );
};

/** One quick-start file: a single YAML document holding one ConsoleQuickStart. */
export const readQuickStartFile = (file: string): KubeObject => {
  let document: unknown;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `${file}: not one YAML document: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isQuickStart(document))
    throw new Error(
      `${file}: not a console.openshift.io/v1 ConsoleQuickStart with a metadata.name`,
    );
  return document;
};

/**
 * The chart's ConsoleQuickStarts, in file order. None when the folder is absent (a server image
 * built without the chart); a malformed file stops the start with its name.
 */
export const consoleQuickStarts = (
  dir: string = path.join(projectRoot(), QUICK_STARTS_DIR),
): KubeObject[] => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => readQuickStartFile(path.join(dir, file)));
};
