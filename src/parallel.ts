import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Candidate } from './discover.js';
import type { AnalysisJob, AnalysisOutcome } from './analyse.js';
import type { Finding } from './engine/finding.js';
import type { NotAnalysed } from './not-analysed.js';
import { packageRoot } from './package-info.js';
import { append } from './arrays.js';

/** Below this many files, starting a worker costs more than it saves. */
export const PARALLEL_MIN_FILES = 300;

/** The most threads worth starting for this many files (`--threads` asks for up to this many). */
export function workerCount(files: number): number {
  if (files < PARALLEL_MIN_FILES) return 1;
  return Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4));
}

/**
 * Splits candidates into balanced shares, keeping each top-level folder (a service, a
 * repository in a monorepo) together so a serverless.yml and the fragments it includes are
 * usually analysed by the same thread.
 */
export function partition(candidates: readonly Candidate[], root: string, shares: number): Candidate[][] {
  const groups = new Map<string, { files: Candidate[]; bytes: number }>();
  for (const c of candidates) {
    const rel = path.relative(root, c.path).split(path.sep);
    const key = rel.length > 1 ? rel[0]! : '.';
    const group = groups.get(key) ?? { files: [], bytes: 0 };
    group.files.push(c);
    // Cost ≈ bytes of YAML; JSON goes through a parser several times faster.
    let size = 0;
    try {
      size = fs.statSync(c.path).size;
    } catch {
      // counted as a small file
    }
    group.bytes += (c.path.endsWith('.json') ? size / 8 : size) + 2048;
    groups.set(key, group);
  }
  // A single huge folder is split by file so both threads still get work.
  const units = [...groups.values()].flatMap((g) =>
    g.bytes > 0 && groups.size < shares * 4 ? g.files.map((f) => ({ files: [f], bytes: g.bytes / g.files.length })) : [g],
  );
  const bins = Array.from({ length: shares }, () => ({ files: [] as Candidate[], bytes: 0 }));
  for (const unit of units.sort((a, b) => b.bytes - a.bytes)) {
    const lightest = bins.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    append(lightest.files, unit.files);
    lightest.bytes += unit.bytes;
  }
  return bins.map((b) => b.files).filter((f) => f.length > 0);
}

function runWorker(job: AnalysisJob): Promise<AnalysisOutcome> {
  return new Promise((resolve, reject) => {
    // The compiled worker, also when this module runs from source (tests).
    const worker = new Worker(path.join(packageRoot(), 'dist', 'src', 'worker.js'), { workerData: job });
    worker.once('message', (msg: { ok: boolean; outcome?: AnalysisOutcome; error?: string }) => {
      if (msg.ok) resolve(msg.outcome!);
      else reject(new Error(`worker failed: ${msg.error}`));
    });
    worker.once('error', reject);
  });
}

/**
 * Runs shares of the analysis on worker threads and merges them. A template that one share
 * loads on its own while another share's serverless.yml includes it is dropped from the first
 * share: single-threaded runs never load an included fragment twice, and neither do these.
 */
export async function analyseInParallel(jobs: readonly AnalysisJob[], inMain: (job: AnalysisJob) => Promise<AnalysisOutcome>): Promise<AnalysisOutcome> {
  // Workers start first; the main thread then takes the first share itself instead of idling.
  const pending = jobs.slice(1).map(runWorker);
  let first: AnalysisOutcome;
  try {
    first = await inMain(jobs[0]!);
  } catch (err) {
    await Promise.allSettled(pending);
    throw err;
  }
  const outcomes = [first, ...(await Promise.all(pending))];
  const includedBy = outcomes.map((o) => new Set(o.included));
  const findings: Finding[] = [];
  const notAnalysed: NotAnalysed[] = [];
  let dropped = 0;
  outcomes.forEach((o, i) => {
    const includedElsewhere = new Set(
      o.standalone.filter((file) => includedBy.some((set, j) => j !== i && set.has(file))).map((file) => path.relative(jobs[i]!.load.root, file).split(path.sep).join('/')),
    );
    // Only files this share counted as analysed come off the count: a fragment it skipped as no template never was on it.
    dropped += o.standaloneAnalysed.filter((file) => includedBy.some((set, j) => j !== i && set.has(file))).length;
    append(findings, o.findings.filter((f) => !includedElsewhere.has(f.location.file)));
    append(notAnalysed, o.notAnalysed.filter((n) => !includedElsewhere.has(n.file)));
  });
  return {
    findings,
    filesAnalysed: outcomes.reduce((n, o) => n + o.filesAnalysed, 0) - dropped,
    notes: outcomes.flatMap((o) => o.notes),
    notAnalysed,
    handlerParses: outcomes.reduce((n, o) => n + o.handlerParses, 0),
    handlerFiles: [...new Set(outcomes.flatMap((o) => o.handlerFiles))],
    included: outcomes.flatMap((o) => o.included),
    standalone: outcomes.flatMap((o) => o.standalone),
    standaloneAnalysed: outcomes.flatMap((o) => o.standaloneAnalysed),
    suppressions: outcomes.flatMap((o) => o.suppressions),
    scannedFiles: outcomes.flatMap((o) => o.scannedFiles),
  };
}
