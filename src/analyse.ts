import type { Candidate } from './discover.js';
import type { Finding } from './engine/finding.js';
import type { Rule } from './engine/rule.js';
import { runRules } from './engine/runner.js';
import { loadProject, type LoadOptions, type LoadResult } from './load/index.js';
import type { Project, ResourceSuppression } from './model.js';

/** One analysis job: a set of candidate files, loaded and checked together. Plain data, so it can cross to a worker thread. */
export interface AnalysisJob {
  readonly candidates: readonly Candidate[];
  readonly load: LoadOptions;
  readonly ruleIds: readonly string[];
  readonly now: number;
}

/** What an analysis returns besides the model: plain data, small enough to send between threads. */
export interface AnalysisOutcome extends Omit<LoadResult, 'project'> {
  /** Rule findings and load diagnostics, before suppressions and baselines. */
  readonly findings: Finding[];
  readonly suppressions: ResourceSuppression[];
  /** Inputs and handler files: where suppression comments may live. */
  readonly scannedFiles: string[];
}

export async function analyse(
  job: AnalysisJob,
  rules: readonly Rule[],
  onProgress?: (fraction: number, file: string) => void,
): Promise<{ outcome: AnalysisOutcome; project: Project }> {
  const selected = rules.filter((r) => job.ruleIds.includes(r.id));
  const loaded = await loadProject(job.candidates, onProgress ? { ...job.load, onProgress } : job.load);
  const project = loaded.project;
  return {
    project,
    outcome: {
      findings: runRules(project, selected, new Date(job.now), onProgress && ((done, total, id) => onProgress(0.95 + (0.05 * done) / Math.max(1, total), `rule ${id}`))),
      filesAnalysed: loaded.filesAnalysed,
      notes: loaded.notes,
      notAnalysed: loaded.notAnalysed,
      handlerParses: loaded.handlerParses,
      handlerFiles: loaded.handlerFiles,
      included: loaded.included,
      standalone: loaded.standalone,
      standaloneAnalysed: loaded.standaloneAnalysed,
      suppressions: [...project.suppressions],
      scannedFiles: [...project.inputs.map((i) => i.file), ...project.handlers.map((h) => h.file)],
    },
  };
}
