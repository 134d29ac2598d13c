import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_PREFIX, type Finding } from '../engine/finding.js';
import type { Rule } from '../engine/rule.js';
import type { Severity } from '../model.js';
import { INFORMATION_URI, packageVersion, ruleHelpUri, ruleReadme } from '../package-info.js';
import type { ReportInput } from './types.js';

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'note' };

/** SARIF 2.1.0 for GitHub code scanning: repository-relative URIs under %SRCROOT%, rule metadata with help. */
export function formatSarif(input: ReportInput): string {
  const ruleIds: string[] = input.rules.map((r) => r.id);
  for (const f of input.findings) if (!ruleIds.includes(f.ruleId)) ruleIds.push(f.ruleId);
  const byId = new Map(input.rules.map((r) => [r.id, r]));
  const rules = ruleIds.map((id) => descriptor(id, byId.get(id)));
  const results = input.findings.map((f) => result(f, ruleIds.indexOf(f.ruleId)));
  const root = pathToFileURL(input.root.endsWith('/') ? input.root : `${input.root}/`).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'faaslint', version: packageVersion(), semanticVersion: packageVersion(), informationUri: INFORMATION_URI, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        invocations: [{ executionSuccessful: true }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function descriptor(id: string, rule: Rule | undefined): object {
  if (!rule) {
    const code = id.slice(DIAGNOSTIC_PREFIX.length);
    return {
      id,
      name: code,
      shortDescription: { text: `faaslint could not fully analyse a file (${code}).` },
      fullDescription: { text: 'A load diagnostic: the file could not be parsed, read or resolved, so it was not (fully) checked.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['faaslint-diagnostic'] },
    };
  }
  const help = ruleReadme(id);
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.description },
    fullDescription: { text: rule.meta.description },
    helpUri: ruleHelpUri(id),
    help: { text: help ?? rule.meta.description, ...(help ? { markdown: help } : {}) },
    defaultConfiguration: { level: LEVEL[rule.meta.severity] },
    properties: {
      tags: ['security', ...rule.meta.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)],
      precision: rule.meta.precision,
      'security-severity': rule.meta.securitySeverity.toFixed(1),
    },
  };
}

function result(f: Finding, ruleIndex: number): object {
  const loc = f.location;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [physical(f.location)],
    ...(f.related ? { relatedLocations: f.related.slice(0, 10).map((r, i) => ({ id: i, ...physical(r.location), message: { text: r.message } })) } : {}),
    partialFingerprints: {
      'faaslint/v1': createHash('sha256')
        .update(`${f.ruleId}\0${loc.file}\0${f.logicalPath ?? f.message}`)
        .digest('hex')
        .slice(0, 32),
    },
  };
}

function physical(loc: Finding['location']): object {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(loc.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: Math.max(loc.endColumn, loc.endLine === loc.line ? loc.column + 1 : 1) },
    },
  };
}
