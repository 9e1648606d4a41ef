import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Journal } from './journal';
import { killModelState } from './journalKillModel';
import { removeTempDirs, tempDir } from './journalTestKit';

afterEach(removeTempDirs);

const child = fileURLToPath(new URL('./journalKillChild.ts', import.meta.url));
// Where node finds `tsx` for --import: the project root, three folders up.
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  acknowledged: number[];
  compactions: number;
}

/** Runs the writer until it has acknowledged `target` appends, then SIGKILLs it mid-stream. */
const runUntilKilled = (dir: string, target: number): Promise<Run> =>
  new Promise((resolve, reject) => {
    // Plain node with tsx's loader: one process, so the SIGKILL reaches the writer itself.
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = { acknowledged: [], compactions: 0 };
    let pending = '';
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'compacted') run.compactions++;
        else run.acknowledged.push(Number(line));
      }
      if (run.acknowledged.length >= target) proc.kill('SIGKILL');
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(run);
      else reject(new Error(`writer exited on its own (code ${code}): ${stderr}`));
    });
  });

describe('Journal under SIGKILL', () => {
  it('keeps every acknowledged append and loads an exact prefix after each kill', async () => {
    const dir = await tempDir();
    let compactions = 0;
    let previousRV = 0;
    for (const target of [300, 437, 311]) {
      const run = await runUntilKilled(dir, target);
      compactions += run.compactions;
      const newestAcknowledged = Math.max(...run.acknowledged);
      expect(run.acknowledged.length).toBeGreaterThanOrEqual(target);

      const { journal, state } = await Journal.open(dir);
      await journal.close();
      // Nothing acknowledged is missing, and what loaded is rv 1..lastRV applied in order:
      // no gap, no record from after a gap, no half record.
      expect(state.lastRV).toBeGreaterThanOrEqual(newestAcknowledged);
      expect(state.lastRV).toBeGreaterThan(previousRV);
      expect(state.objects).toEqual(killModelState(state.lastRV));
      previousRV = state.lastRV;
    }
    // The kills must also have met compactions, or only half of the journal was tested.
    expect(compactions).toBeGreaterThan(0);
  }, 30_000);
});
