import path from 'node:path';
import { sortAndDedupe, type Finding } from '../engine/finding.js';
import type { Severity } from '../model.js';
import { describeNotAnalysed } from '../not-analysed.js';
import { escapeControl } from './sanitize.js';
import type { ReportInput } from './types.js';

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', note: '\x1b[36m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/** One line per finding, `file:line:col  severity  message  rule-id`, then a summary. */
export function formatStylish(input: ReportInput, options: { colour: boolean; cwd: string }): string {
  const paint = (code: string, text: string) => (options.colour ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const shown = input.includeSuppressed ? sortAndDedupe([...input.findings, ...input.suppressed]) : input.findings;
  for (const f of shown) {
    // Names, paths and values from the project are shown, never acted on by the terminal.
    const file = escapeControl(displayPath(input.root, f, options.cwd));
    const suppressed = f.suppression ? `  ${paint(DIM, `(suppressed: ${escapeControl(f.suppression.justification || 'no reason given')})`)}` : '';
    lines.push(
      `${file}:${f.location.line}:${f.location.column}  ${paint(COLOURS[f.severity], f.severity)}  ${escapeControl(f.message)}  ${paint(DIM, escapeControl(f.ruleId))}${suppressed}`,
    );
  }
  const count = (s: Severity) => input.findings.filter((f) => f.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const extras = [
    input.suppressed.length > 0 ? `${input.suppressed.length} suppressed` : '',
    input.baselined > 0 ? `${input.baselined} in the baseline` : '',
    input.staleBaselineEntries > 0 ? `${plural(input.staleBaselineEntries, 'stale baseline entry').replace('entrys', 'entries')}` : '',
    `${plural(input.filesAnalysed, 'config file')}${input.handlerFilesAnalysed > 0 ? ` and ${plural(input.handlerFilesAnalysed, 'handler file')}` : ''} analysed`,
    input.elapsedMs !== undefined ? `${(input.elapsedMs / 1000).toFixed(2)} s` : '',
  ].filter(Boolean);
  const total = input.findings.length;
  if (total === 0) lines.push(`${input.filesAnalysed === 0 ? 'Nothing analysed' : 'No problems found'} (${extras.join(', ')}).`);
  else {
    lines.push('');
    const summary = `${plural(total, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('note'), 'note')}); ${extras.join(', ')}.`;
    lines.push(paint(count('error') > 0 ? COLOURS.error : COLOURS.warning, summary));
  }
  const skipped = describeNotAnalysed(input.notAnalysed);
  if (skipped) lines.push(paint(COLOURS.warning, `${escapeControl(skipped)} — see --debug.`));
  return `${lines.join('\n')}\n`;
}

function displayPath(root: string, f: Finding, cwd: string): string {
  const rel = path.relative(cwd, path.join(root, f.location.file));
  return rel.split(path.sep).join('/');
}
