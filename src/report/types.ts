import type { Finding } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';
import type { NotAnalysed } from '../not-analysed.js';

/** What every reporter formats: plain data, so reporters never reach back into the pipeline. */
export interface ReportInput {
  readonly root: string;
  readonly findings: readonly Finding[];
  /** Suppressed findings: counted in summaries; listed only when `includeSuppressed`. */
  readonly suppressed: readonly Finding[];
  readonly includeSuppressed: boolean;
  readonly baselined: number;
  readonly staleBaselineEntries: number;
  readonly rules: readonly Rule[];
  /** Config files analysed (Serverless configs, SAM and CloudFormation templates). */
  readonly filesAnalysed: number;
  /** Handler source files analysed. */
  readonly handlerFilesAnalysed: number;
  /** What was not analysed, and why: every format shows it. */
  readonly notAnalysed: readonly NotAnalysed[];
  readonly elapsedMs?: number;
}

type ResultPart = Omit<ReportInput, 'includeSuppressed' | 'elapsedMs'>;

/** The report input of a lint result (it has every field a reporter reads, and more). */
export function reportInputOf(result: ResultPart, options: { includeSuppressed?: boolean; elapsedMs?: number } = {}): ReportInput {
  return {
    root: result.root,
    findings: result.findings,
    suppressed: result.suppressed,
    includeSuppressed: options.includeSuppressed ?? false,
    baselined: result.baselined,
    staleBaselineEntries: result.staleBaselineEntries,
    rules: result.rules,
    filesAnalysed: result.filesAnalysed,
    handlerFilesAnalysed: result.handlerFilesAnalysed,
    notAnalysed: result.notAnalysed,
    ...(options.elapsedMs !== undefined ? { elapsedMs: options.elapsedMs } : {}),
  };
}
