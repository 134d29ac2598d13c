import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_PREFIX, diagnosticRuleId, isDiagnosticRuleId, type DiagnosticCode, type DiagnosticInfo } from '../diagnostics.js';
import { SEVERITY_RANK, type Finding } from '../engine/finding.js';
import { META_RULE_HELP, META_RULES } from '../engine/meta-rules.js';
import type { RuleMeta } from '../engine/rule.js';
import { pointLocation, type Location } from '../location.js';
import type { Severity } from '../model.js';
import { INFORMATION_URI, packageVersion, readmeSectionUri, ruleHelpUri, ruleReadme } from '../package-info.js';
import { markdownToText } from './plain-text.js';
import { jsonText } from './sanitize.js';
import type { ReportInput } from './types.js';

/** GitHub code scanning accepts at most this many results per run. */
export const MAX_SARIF_RESULTS = 25_000;
/** GitHub keeps at most 10 locations per result (primary plus related). */
const MAX_RELATED = 9;

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'note' };

/** "iam-no-wildcard-action" → "IamNoWildcardAction": SARIF's `name` is an identifier-like label. */
function pascal(id: string): string {
  return id.replace(/(^|[-/])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

/** A repository-relative URI: forward slashes, each segment percent-encoded, never empty. */
export function sarifUri(file: string): string {
  const uri = file.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  return uri || '.';
}

function descriptor(id: string, meta: RuleMeta<string> | undefined, help: string | undefined): object {
  if (!meta) {
    const code = id.slice(DIAGNOSTIC_PREFIX.length) as DiagnosticCode;
    const info = DIAGNOSTIC_CODES[code] as DiagnosticInfo | undefined;
    const description = info?.description ?? `faaslint could not fully analyse a file (${code}).`;
    return {
      id,
      name: pascal(id),
      shortDescription: { text: description },
      fullDescription: { text: `${description} A load diagnostic: the file could not be parsed, read or resolved, so it was not (fully) checked.` },
      helpUri: readmeSectionUri('load-diagnostics'),
      help: {
        text: 'Fix the reported problem so the file can be analysed; until then it is not checked. Its severity can be set in faaslint.config.yaml like a rule.',
        markdown: 'Fix the reported problem so the file can be analysed; until then it is **not checked**. Its severity can be set in `faaslint.config.yaml` like a rule.',
      },
      defaultConfiguration: { level: LEVEL[info?.severity ?? 'error'] },
      properties: { tags: ['faaslint-diagnostic'], precision: 'very-high' },
    };
  }
  const isMeta = id in META_RULES;
  return {
    id,
    name: pascal(id),
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.description },
    helpUri: isMeta ? readmeSectionUri('suppressions-each-with-a-reason') : ruleHelpUri(id),
    // GitHub renders `markdown`; `text` is for viewers that show plain text.
    help: { text: markdownToText(help ?? meta.description), markdown: help ?? meta.description },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: ['security', ...meta.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)],
      precision: meta.precision,
      'security-severity': meta.securitySeverity.toFixed(1),
    },
  };
}

function physical(loc: Location): object {
  const endLine = Math.max(loc.endLine, loc.line);
  const endColumn = endLine === loc.line ? Math.max(loc.endColumn, loc.column + 1) : Math.max(loc.endColumn, 1);
  return {
    physicalLocation: {
      artifactLocation: { uri: sarifUri(loc.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: Math.max(loc.line, 1), startColumn: Math.max(loc.column, 1), endLine, endColumn },
    },
  };
}

function result(f: Finding, ruleIndex: number): object {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: sarifText(f.message) },
    locations: [physical(f.location)],
    ...(f.related && f.related.length > 0
      ? { relatedLocations: f.related.slice(0, MAX_RELATED).map((r, i) => ({ id: i + 1, ...physical(r.location), message: { text: sarifText(r.message) } })) }
      : {}),
    ...(f.fingerprint ? { partialFingerprints: { 'faaslint/v1': f.fingerprint } } : {}),
    ...(f.fix
      ? {
          fixes: [
            {
              description: { text: f.fix.description },
              artifactChanges: [
                {
                  artifactLocation: { uri: sarifUri(f.location.file), uriBaseId: '%SRCROOT%' },
                  replacements: f.fix.replacements.map((r) => ({ deletedRegion: (physical(r.at) as { physicalLocation: { region: object } }).physicalLocation.region, insertedContent: { text: r.text } })),
                },
              ],
            },
          ],
        }
      : {}),
    ...(f.suppression ? { suppressions: [{ kind: f.suppression.kind, ...(f.suppression.justification ? { justification: f.suppression.justification } : {}) }] } : {}),
  };
}

/** At most `limit` findings: errors before warnings before notes (in the order given within each), then back in that order. */
function keepMostSevere(findings: readonly Finding[], limit: number): Finding[] {
  if (findings.length <= limit) return [...findings];
  const kept = new Set(
    findings
      .map((f, index) => ({ f, index }))
      .sort((a, b) => SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] || a.index - b.index)
      .slice(0, limit)
      .map((x) => x.f),
  );
  return findings.filter((f) => kept.has(f));
}

/**
 * Message text as SARIF reads it: `[text](target)` is an embedded link (GitHub renders it), so
 * project text shaped like one (a route or function named `[click](https://…)`) has its brackets
 * escaped with a backslash, as SARIF §3.11.6 says literal brackets are written.
 */
function sarifText(text: string): string {
  return /\]\s*\(/.test(text) ? text.replace(/\\(?=[[\]])|[[\]]/g, (c) => `\\${c}`) : text;
}

/** SARIF 2.1.0 as GitHub code scanning ingests it: rule help in markdown, repository-relative URIs, stable fingerprints. */
export function formatSarif(input: ReportInput, maxResults = MAX_SARIF_RESULTS): string {
  const shown = input.includeSuppressed ? [...input.findings, ...input.suppressed] : [...input.findings];
  const results = keepMostSevere(shown, maxResults);
  const ids: string[] = input.rules.map((r) => r.id);
  for (const f of results) if (!ids.includes(f.ruleId)) ids.push(f.ruleId);
  const metaById = new Map<string, RuleMeta<string>>(input.rules.map((r) => [r.id, r.meta]));
  const rules = ids.map((id) => {
    const meta = metaById.get(id) ?? META_RULES[id];
    const help = metaById.has(id) ? ruleReadme(id) : META_RULE_HELP[id];
    return descriptor(id, meta, help);
  });
  const diagnostics = input.findings.filter((f) => isDiagnosticRuleId(f.ruleId));
  const notifications: object[] = diagnostics.map((d) => ({
    level: LEVEL[d.severity],
    message: { text: sarifText(d.message) },
    locations: [physical(d.location)],
    descriptor: { id: d.ruleId },
  }));
  // A file whose diagnostic is already a notification is not announced twice.
  const diagnosed = new Set(diagnostics.map((d) => d.location.file));
  for (const n of input.notAnalysed) {
    if (n.function === undefined && diagnosed.has(n.file)) continue;
    notifications.push({
      level: 'warning',
      message: { text: sarifText(n.function !== undefined ? `Function ${n.function} not analysed (${n.kind}): ${n.reason}` : `${n.file} not analysed (${n.kind}): ${n.reason}`) },
      locations: [physical(pointLocation(n.file, n.line ?? 1))],
      descriptor: { id: diagnosticRuleId('not-analysed') },
      properties: { kind: n.kind, ...(n.function !== undefined ? { function: n.function } : {}) },
    });
  }
  if (shown.length > results.length) {
    notifications.push({
      level: 'warning',
      message: { text: `${shown.length - results.length} less severe results left out: GitHub code scanning accepts at most ${MAX_SARIF_RESULTS} per run (the other formats list them all).` },
      locations: [],
      descriptor: { id: `${DIAGNOSTIC_PREFIX}truncated` },
    });
  }
  const root = pathToFileURL(input.root.endsWith('/') ? input.root : `${input.root}/`).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'faaslint', version: packageVersion(), semanticVersion: packageVersion(), informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        results: results.map((f) => result(f, ids.indexOf(f.ruleId))),
        // Left out of `results` unless asked for (GitHub ignores SARIF suppressions), but never silently.
        properties: {
          suppressed: input.suppressed.length,
          baselined: input.baselined,
          staleBaselineEntries: input.staleBaselineEntries,
          filesAnalysed: input.filesAnalysed,
          handlerFilesAnalysed: input.handlerFilesAnalysed,
          notAnalysed: input.notAnalysed.length,
        },
      },
    ],
  };
  return jsonText(log);
}
