// Child process of journal.kill.test.ts: appends the model's records with several in flight,
// compacting now and then, and prints each rv once its append resolved, until it is killed.
import { Journal } from './journal';
import { killModelRecord } from './journalKillModel';
import { applyRecord } from './records';

const IN_FLIGHT = 16;
const COMPACT_EVERY = 60;

const dir = process.argv[2];
if (!dir) throw new Error('usage: journalKillChild <dir>');
const { journal, state } = await Journal.open(dir, { compactEvery: COMPACT_EVERY });
let nextRV = state.lastRV + 1;
let inFlight = 0;
let compacting = false;

const fail = (err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
};

const pump = () => {
  while (inFlight < IN_FLIGHT) {
    const record = killModelRecord(nextRV++);
    applyRecord(state.objects, record);
    state.lastRV = record.rv;
    inFlight++;
    journal.append([record]).then(() => {
      process.stdout.write(`${record.rv}\n`);
      inFlight--;
      pump();
    }, fail);
    if (!compacting && journal.recordsSinceCompaction >= journal.compactEvery) {
      compacting = true;
      journal.compact(state).then(() => {
        process.stdout.write('compacted\n');
        compacting = false;
      }, fail);
    }
  }
};
pump();
