import { parentPort, workerData } from 'node:worker_threads';
import { RULES } from '../rules/index.js';
import { analyse, type AnalysisJob } from './analyse.js';

/** A worker thread: analyses its share of the files and sends back findings, never the model. */
const job = workerData as AnalysisJob;
try {
  parentPort!.postMessage({ ok: true, outcome: (await analyse(job, RULES)).outcome });
} catch (err) {
  parentPort!.postMessage({ ok: false, error: (err as Error).stack ?? String(err) });
}
