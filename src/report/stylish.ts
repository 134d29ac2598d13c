import path from 'node:path';
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../model.js';
import type { ReportInput } from './types.js';

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', note: '\x1b[36m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** One line per finding, `file:line:col  severity  message  rule-id`, then a summary. */
export function formatStylish(input: ReportInput, options: { colour: boolean; cwd: string }): string {
  const paint = (code: string, text: string) => (options.colour ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  for (const f of input.findings) {
    const file = displayPath(input.root, f, options.cwd);
    lines.push(
      `${file}:${f.location.line}:${f.location.column}  ${paint(COLOURS[f.severity], f.severity)}  ${f.message}  ${paint(DIM, f.ruleId)}`,
    );
  }
  const count = (s: Severity) => input.findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const notes = count('note');
  const total = input.findings.length;
  const files = `${input.filesAnalysed} file${input.filesAnalysed === 1 ? '' : 's'} analysed`;
  if (total === 0) lines.push(`No problems found (${files}).`);
  else {
    if (lines.length > 0) lines.push('');
    lines.push(
      paint(
        errors > 0 ? COLOURS.error : COLOURS.warning,
        `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${notes} note${notes === 1 ? '' : 's'}); ${files}.`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function displayPath(root: string, f: Finding, cwd: string): string {
  const rel = path.relative(cwd, path.join(root, f.location.file));
  return rel.split(path.sep).join('/');
}
