import type { Finding } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';

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
  readonly filesAnalysed: number;
  readonly elapsedMs?: number;
}
