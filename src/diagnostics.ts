import type { Location } from './location.js';
import type { Diagnostic, Severity } from './model.js';

/** Problems with the input or the run itself are reported under this prefix, apart from the rule catalogue. */
export const DIAGNOSTIC_PREFIX = 'faaslint/';

export interface DiagnosticInfo {
  readonly severity: Severity;
  /** One sentence: what happened and what it means for the scan. */
  readonly description: string;
}

/**
 * Every `faaslint/*` diagnostic: what went wrong with a file (or with faaslint) so that part of
 * the project was not, or not fully, analysed. Never a silent pass: each is reported like a finding.
 */
export const DIAGNOSTIC_CODES = {
  'parse-error': {
    severity: 'error',
    description: 'A file could not be parsed (a syntax error the deploy tools reject too, a binary or non-UTF-8 file): it is not analysed.',
  },
  'duplicate-key': {
    severity: 'warning',
    description:
      'A map repeats a key: the value the deploy tool uses is analysed (the last one: CloudFormation, SAM, JSON); an error for serverless.yml, which the Serverless Framework rejects.',
  },
  'read-error': {
    severity: 'error',
    description: 'A file could not be read, or was refused: its real path leaves the repository, or it is not a regular file (a device, FIFO or socket). It is not analysed.',
  },
  // An error: a file padded past the limit must not pass a scan whose content it hides.
  'file-too-large': { severity: 'error', description: 'A file is larger than the size limit (--max-file-size): it is not analysed, so the scan fails rather than pass over it.' },
  'unresolved-include': {
    severity: 'warning',
    description: 'A serverless `${file()}` include (or an OpenAPI file) is missing: the values it would provide stay unknown. One outside the repository is a `read-error`.',
  },
  'variable-cycle': {
    severity: 'warning',
    description: 'Serverless variables, or CloudFormation parameter defaults and mappings, refer back to themselves: the values involved stay unknown.',
  },
  // An error: a value built past a budget is not analysed, and an input must not hide content by costing too much.
  'budget-exceeded': {
    severity: 'error',
    description:
      'A value would cost more to work out than faaslint allows (variable or intrinsic expansion, a string grown past 1 MB, more than 64 Fn::If alternatives, nesting deeper than 64, a file past 2 MB that needs the full YAML parser): the part past the budget is not analysed.',
  },
  'not-analysed': {
    severity: 'warning',
    description: 'A serverless.ts/.js whose configuration, or a function of it, is computed by code faaslint never executes: that part is not analysed.',
  },
  'internal-error': { severity: 'error', description: 'faaslint itself failed on a file or in a rule: that part of the scan is missing (please report it).' },
} as const satisfies Readonly<Record<string, DiagnosticInfo>>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
export type DiagnosticRuleId = `${typeof DIAGNOSTIC_PREFIX}${DiagnosticCode}`;

/** A diagnostic with its code's default severity. */
export function diagnostic(code: DiagnosticCode, message: string, location: Location): Diagnostic {
  return { code, severity: DIAGNOSTIC_CODES[code].severity, message, location };
}

/** `parse-error` → `faaslint/parse-error`: the id a diagnostic is reported, configured and suppressed under. */
export function diagnosticRuleId(code: DiagnosticCode): DiagnosticRuleId {
  return `${DIAGNOSTIC_PREFIX}${code}`;
}

export function isDiagnosticRuleId(ruleId: string): boolean {
  return ruleId.startsWith(DIAGNOSTIC_PREFIX);
}
