import type { Severity } from '../model.js';
import { describeNotAnalysed } from '../not-analysed.js';
import { escapeControl } from './sanitize.js';
import type { ReportInput } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

/** Workflow-command escaping, then the other control characters as visible escapes: the log never acts on project text. */
function escapeData(s: string): string {
  return escapeControl(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: annotations on the pull request without code scanning. */
export function formatGithub(input: ReportInput): string {
  const skipped = describeNotAnalysed(input.notAnalysed);
  const summary = skipped ? `::warning title=faaslint not analysed::${escapeData(`${skipped} (run with --debug for the list)`)}\n` : '';
  const shown = input.includeSuppressed ? [...input.findings, ...input.suppressed] : input.findings;
  return shown
    .map((f) => {
      const l = f.location;
      const props = [`file=${escapeProperty(l.file)}`, `line=${l.line}`, `col=${l.column}`, `endLine=${l.endLine}`, `endColumn=${l.endColumn}`, `title=${escapeProperty(f.ruleId)}`];
      // A suppressed finding is a notice, never an error or a warning: it is accepted.
      if (f.suppression) return `::notice ${props.join(',')}::${escapeData(`[suppressed: ${f.suppression.justification || 'no reason given'}] ${f.message}`)}\n`;
      return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('') + summary;
}
