import { createHash } from 'node:crypto';
import type { Severity } from '../model.js';
import { jsonText } from './sanitize.js';
import type { ReportInput } from './types.js';

/** GitLab's scale is info, minor, major, critical, blocker: errors rank above warnings, as GitLab's ESLint integrations map them. */
const SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', note: 'info' };

/**
 * GitLab Code Quality (`artifacts:reports:codequality`): a JSON array of issues, each with
 * `description`, `check_name`, a `fingerprint` unique in the report, `severity` and
 * `location.path` + `location.lines.begin` (repository-relative). What was not analysed is
 * listed too, as `info` issues, so the merge request widget never shows a silent pass.
 */
export function formatGitlab(input: ReportInput): string {
  const shown = input.includeSuppressed ? [...input.findings, ...input.suppressed] : input.findings;
  const seen = new Map<string, number>();
  const unique = (base: string) => {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : createHash('md5').update(`${base}\0${n}`).digest('hex');
  };
  const issues = shown.map((f) => ({
    type: 'issue',
    check_name: f.ruleId,
    description: f.suppression ? `[suppressed: ${f.suppression.justification || 'no reason given'}] ${f.message}` : f.message,
    categories: ['Security'],
    severity: f.suppression ? 'info' : SEVERITY[f.severity],
    fingerprint: unique(f.fingerprint ?? createHash('md5').update(`${f.ruleId}\0${f.location.file}\0${f.location.line}\0${f.message}`).digest('hex')),
    location: { path: f.location.file, lines: { begin: Math.max(1, f.location.line), end: Math.max(1, f.location.line, f.location.endLine) } },
  }));
  for (const n of input.notAnalysed) {
    issues.push({
      type: 'issue',
      check_name: 'faaslint/not-analysed',
      description: n.function !== undefined ? `Function ${n.function} not analysed (${n.kind}): ${n.reason}` : `Not analysed (${n.kind}): ${n.reason}`,
      categories: ['Security'],
      severity: 'info',
      fingerprint: unique(createHash('md5').update(`not-analysed\0${n.file}\0${n.function ?? ''}\0${n.kind}`).digest('hex')),
      location: { path: n.file, lines: { begin: n.line ?? 1, end: n.line ?? 1 } },
    });
  }
  return jsonText(issues);
}
