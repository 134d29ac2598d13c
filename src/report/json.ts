import { packageVersion } from '../package-info.js';
import type { ReportInput } from './types.js';

/** A stable, documented shape: `{tool, version, filesAnalysed, summary, findings[]}` with project-relative paths. */
export function formatJson(input: ReportInput): string {
  const summary = { error: 0, warning: 0, note: 0 };
  for (const f of input.findings) summary[f.severity]++;
  const findings = input.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.location.file,
    line: f.location.line,
    column: f.location.column,
    endLine: f.location.endLine,
    endColumn: f.location.endColumn,
    ...(f.related ? { related: f.related.map((r) => ({ message: r.message, file: r.location.file, line: r.location.line, column: r.location.column })) } : {}),
  }));
  return `${JSON.stringify({ tool: 'faaslint', version: packageVersion(), filesAnalysed: input.filesAnalysed, summary, findings }, null, 2)}\n`;
}
