import { isDiagnosticRuleId } from '../diagnostics.js';
import { didYouMean } from '../did-you-mean.js';
import type { Location } from '../location.js';
import type { ResourceSuppression } from '../model.js';
import type { Finding } from './finding.js';
import { META_RULES } from './meta-rules.js';
import type { SourceLines } from './source-lines.js';

const DIRECTIVE_NAME = 'faaslint-disable-';
const COMMENT_OR_BLANK = /^\s*(#|\/\/|\/\*|\*|$)/;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v';
}

/**
 * `# faaslint-disable-next-line rule-a, rule-b -- reason` (or `//`, `/* … *\/`), and
 * `faaslint-disable-line` on the line itself: its kind and the text after it. Read by hand, not
 * with a regular expression, so a line of a million spaces costs a million steps, not their square.
 */
export function directiveOf(text: string): { kind: 'next-line' | 'line'; rest: string } | undefined {
  for (let at = text.indexOf(DIRECTIVE_NAME); at >= 0; at = text.indexOf(DIRECTIVE_NAME, at + 1)) {
    let before = at;
    while (before > 0 && isSpace(text[before - 1])) before--;
    const opener = text[before - 1] === '#' || (before >= 2 && (text.startsWith('//', before - 2) || text.startsWith('/*', before - 2)));
    if (!opener) continue;
    const after = at + DIRECTIVE_NAME.length;
    const kind = text.startsWith('next-line', after) ? 'next-line' : text.startsWith('line', after) ? 'line' : undefined;
    if (!kind || /\w/.test(text[after + kind.length] ?? '')) continue;
    let rest = text.slice(after + kind.length).trim();
    if (rest.endsWith('*/')) rest = rest.slice(0, -2).trimEnd();
    return { kind, rest };
  }
  return undefined;
}

/** `rule-a, rule-b -- reason` → the rule list and the reason after the first `--` that starts a word. */
function splitReason(rest: string): { ruleText: string; reason: string | undefined } {
  for (let i = rest.indexOf('--'); i >= 0; i = rest.indexOf('--', i + 1)) {
    if (i === 0 || isSpace(rest[i - 1])) return { ruleText: rest.slice(0, i), reason: rest.slice(i + 2).trim() || undefined };
  }
  return { ruleText: rest, reason: undefined };
}

export interface Directive {
  readonly location: Location;
  readonly targetLine: number;
  readonly rules: readonly string[];
  readonly reason: string | undefined;
  used: boolean;
}

/** The inline directives of one file's lines: the CLI applies them to findings, the ESLint plugin to its reports. */
export function parseDirectives(file: string, lines: readonly string[]): Directive[] {
  const out: Directive[] = [];
  lines.forEach((text, index) => {
    const directive = directiveOf(text);
    if (!directive) return;
    const { ruleText, reason } = splitReason(directive.rest);
    const rules = ruleText.split(/[\s,]+/).filter(Boolean);
    let target = index + 1;
    if (directive.kind === 'next-line') {
      target = index + 2;
      while (target <= lines.length && COMMENT_OR_BLANK.test(lines[target - 1]!)) target++;
    }
    const column = text.indexOf('faaslint-disable') + 1;
    out.push({ location: { file, line: index + 1, column, endLine: index + 1, endColumn: text.length + 1 }, targetLine: target, rules, reason, used: false });
  });
  return out;
}

export interface SuppressionOptions {
  readonly inline: boolean;
  readonly reportUnused: boolean;
  readonly knownRules: ReadonlySet<string>;
  /** Files to scan for directives besides those with findings (for unused-suppression reports). */
  readonly extraFiles: readonly string[];
}

export interface SuppressionOutcome {
  readonly active: Finding[];
  readonly suppressed: Finding[];
}

function meta(ruleId: keyof typeof META_RULES, location: Location, text: string): Finding {
  return { ruleId, severity: META_RULES[ruleId]!.severity, message: text, location };
}

/** Applies inline directives and resource `Metadata` suppressions; reports the suppressions that are themselves wrong. */
export function applySuppressions(
  findings: readonly Finding[],
  resourceSuppressions: readonly ResourceSuppression[],
  sources: SourceLines,
  options: SuppressionOptions,
): SuppressionOutcome {
  const files = new Set(findings.map((f) => f.location.file));
  if (options.reportUnused) for (const f of options.extraFiles) files.add(f);
  const directives = new Map<string, Directive[]>();
  if (options.inline) {
    for (const file of files) {
      // Most files have none: no need to cut them into lines.
      if (!sources.mayHoldDirectives(file)) continue;
      const lines = sources.lines(file);
      if (lines) directives.set(file, parseDirectives(file, lines));
    }
  }
  const resources = options.inline ? resourceSuppressions.map((s) => ({ ...s, used: false })) : [];
  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const directive = (directives.get(f.location.file) ?? []).find((d) => d.targetLine === f.location.line && d.rules.includes(f.ruleId));
    const resource = resources.find(
      (r) => r.file === f.location.file && r.rule === f.ruleId && f.location.line >= r.startLine && f.location.line <= r.endLine,
    );
    const match = directive ?? resource;
    if (match && !isDiagnosticRuleId(f.ruleId)) {
      match.used = true;
      suppressed.push({ ...f, suppression: { kind: 'inSource', justification: match.reason ?? '' } });
    } else {
      active.push(f);
    }
  }
  const all = [
    ...[...directives.values()].flat().map((d) => ({ location: d.location, rules: d.rules, reason: d.reason, used: d.used })),
    ...resources.map((r) => ({ location: r.loc, rules: [r.rule], reason: r.reason, used: r.used })),
  ];
  for (const d of all) {
    const unknown = d.rules.filter((r) => !options.knownRules.has(r));
    if (d.rules.length === 0) active.push(meta('meta-invalid-suppression', d.location, 'This suppression names no rule: write the rule id it is for (`faaslint-disable-next-line <rule-id> -- <reason>`).'));
    if (unknown.length > 0) {
      const hints = unknown.map((u) => didYouMean(u, [...options.knownRules])).join('');
      active.push(meta('meta-invalid-suppression', d.location, `This suppression names unknown rule ${unknown.join(', ')}${hints}: it suppresses nothing. Check the id against \`faaslint rules\`.`));
    }
    if (d.rules.length > 0 && !d.reason) {
      active.push(meta('meta-suppression-needs-reason', d.location, `Suppression of ${d.rules.join(', ')} gives no reason: add one after \`--\` (or \`reason:\` in Metadata) so reviewers know why the risk is accepted.`));
    }
    if (options.reportUnused && !d.used && unknown.length === 0 && d.rules.length > 0) {
      active.push(meta('meta-unused-suppression', d.location, `Suppression of ${d.rules.join(', ')} matches no finding: remove it.`));
    }
  }
  return { active, suppressed };
}
