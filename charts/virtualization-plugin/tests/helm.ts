// Runs the helm the chart tests use: $HELM (npm test sets it), else the one
// `scripts/kubectl.mjs helm` finds or fetches. Without one the tests skip, saying why.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const CHART_DIR = path.resolve(__dirname, '..');
export const TESTS_DIR = __dirname;
const ROOT = path.resolve(CHART_DIR, '../..');

/** The chart needs OpenShift 4.22 (Kubernetes 1.35); renders must not depend on helm's default. */
export const KUBE_VERSION = 'v1.35.0';

export type HelmLookup =
  { helm: string; reason?: undefined } | { helm?: undefined; reason: string };

const lookUp = (): HelmLookup => {
  const fromEnv = process.env.HELM;
  if (fromEnv) return { helm: fromEnv };
  if (fromEnv === '') return { reason: 'npm test could not fetch helm (its output says why)' };
  const found = spawnSync(process.execPath, [path.join(ROOT, 'scripts/kubectl.mjs'), 'helm'], {
    encoding: 'utf8',
  });
  const helm = found.stdout.trim().split('\n').pop();
  if (found.status === 0 && helm) return { helm };
  return { reason: `helm cannot be fetched: ${found.stderr.trim() || `exit ${found.status}`}` };
};

let lookup: HelmLookup | undefined;

/** Finds helm once per test file; prints why the tests skip when there is none. */
export const findHelm = (): HelmLookup => {
  if (!lookup) {
    lookup = lookUp();
    if (lookup.reason) console.warn(`Skipping the chart tests: ${lookup.reason}`);
  }
  return lookup;
};

export interface HelmResult {
  status: number;
  stdout: string;
  stderr: string;
}

// Helm keeps its (unused here) repository and plugin state in the git-ignored cache, not in
// the user's home; template and lint only read it, so the test files may share it.
const HELM_HOME = path.join(ROOT, '.cache/chart-tests-helm');

export const runHelm = (args: string[]): HelmResult => {
  const { helm } = findHelm();
  if (!helm) throw new Error('helm is not available');
  const result = spawnSync(helm, args, {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: HELM_HOME,
      HELM_CACHE_HOME: path.join(HELM_HOME, 'cache'),
      HELM_CONFIG_HOME: path.join(HELM_HOME, 'config'),
      HELM_DATA_HOME: path.join(HELM_HOME, 'data'),
    },
  });
  if (result.error) throw new Error(`${helm} does not run: ${result.error.message}`);
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
};

export interface RenderOptions {
  release: string;
  namespace: string;
  /** Values files, relative to the tests folder. */
  values?: string[];
  /** `--set` arguments. */
  set?: string[];
  /** Another copy of the chart (tests that add files to it). */
  chartDir?: string;
}

const valueArgs = ({ values = [], set = [] }: Pick<RenderOptions, 'values' | 'set'>) => [
  ...values.flatMap((file) => ['--values', path.resolve(TESTS_DIR, file)]),
  ...set.flatMap((value) => ['--set', value]),
];

/** `helm template`: the manifests as helm prints them, or helm's failure. */
export const template = (options: RenderOptions): HelmResult =>
  runHelm([
    'template',
    options.release,
    options.chartDir ?? CHART_DIR,
    '--namespace',
    options.namespace,
    '--kube-version',
    KUBE_VERSION,
    ...valueArgs(options),
  ]);

/** `helm template` that must succeed. */
export const render = (options: RenderOptions): string => {
  const result = template(options);
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  return result.stdout;
};

export const lint = (options: Omit<RenderOptions, 'release'>): HelmResult =>
  runHelm([
    'lint',
    '--strict',
    options.chartDir ?? CHART_DIR,
    '--namespace',
    options.namespace,
    '--kube-version',
    KUBE_VERSION,
    ...valueArgs(options),
  ]);
