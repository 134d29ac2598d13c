import { packageVersion } from '../package-info.js';
import { jsonText } from './sanitize.js';
import type { ReportInput } from './types.js';

/** A stable, documented shape: `{tool, version, filesAnalysed, handlerFilesAnalysed, notAnalysed[], summary, findings[]}` with repository-relative paths (see README). */
export function formatJson(input: ReportInput): string {
  const summary = { error: 0, warning: 0, note: 0 };
  for (const f of input.findings) summary[f.severity]++;
  const shown = input.includeSuppressed ? [...input.findings, ...input.suppressed] : input.findings;
  const findings = shown.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
    endLine: f.location.endLine,
    endColumn: f.location.endColumn,
    fingerprint: f.fingerprint,
    ...(f.suppression ? { suppressed: true, justification: f.suppression.justification } : {}),
    ...(f.related ? { related: f.related.map((r) => ({ message: r.message, file: r.location.file, line: r.location.line, column: r.location.column })) } : {}),
  }));
  const counts = { ...summary, suppressed: input.suppressed.length, baselined: input.baselined, staleBaselineEntries: input.staleBaselineEntries };
  const notAnalysed = input.notAnalysed.map((n) => ({
    ...(n.function !== undefined ? { function: n.function } : {}),
    file: n.file,
    ...(n.line !== undefined ? { line: n.line } : {}),
    kind: n.kind,
    reason: n.reason,
  }));
  const report = {
    tool: 'faaslint',
    version: packageVersion(),
    filesAnalysed: input.filesAnalysed,
    handlerFilesAnalysed: input.handlerFilesAnalysed,
    notAnalysed,
    summary: counts,
    findings,
  };
  return jsonText(report);
}
