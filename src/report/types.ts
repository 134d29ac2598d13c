import type { Finding } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';

/** What every reporter formats: plain data, so reporters never reach back into the pipeline. */
export interface ReportInput {
  readonly root: string;
  readonly findings: readonly Finding[];
  readonly rules: readonly Rule[];
  readonly filesAnalysed: number;
}
