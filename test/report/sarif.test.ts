import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatSarif, MAX_SARIF_RESULTS } from '../../src/report/sarif.js';
import { reportInputOf } from '../../src/report/types.js';
import { lint } from '../../src/run.js';
import { repoRoot } from '../helpers.js';
import { fixtureEntries } from '../fixture-harness.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// CommonJS packages: their export is the default under Node's ESM interop.
const Ajv04 = (Ajv04Module as unknown as { default: typeof Ajv04Module.default }).default ?? Ajv04Module;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule.default }).default ?? addFormatsModule;
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; help: { text: string; markdown?: string }; properties?: Record<string, unknown> }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      relatedLocations?: unknown[];
      partialFingerprints?: Record<string, string>;
    }[];
    invocations: { executionSuccessful: boolean }[];
  }[];
}

async function sarifFor(target: string, includeSuppressed = false): Promise<SarifLog> {
  const r = await lint({ paths: [target], now: new Date('2026-11-26T00:00:00Z'), config: false });
  const text = formatSarif(reportInputOf(r, { includeSuppressed }));
  return JSON.parse(text) as SarifLog;
}

/** The schema, and what GitHub code scanning adds on top of it. */
function assertGithubReady(log: SarifLog): void {
  const ok = validate(log);
  expect(ok ? [] : validate.errors).toEqual([]);
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0]!;
  expect(Array.isArray(run.results)).toBe(true);
  expect(run.results.length).toBeLessThanOrEqual(MAX_SARIF_RESULTS);
  expect(run.invocations[0]!.executionSuccessful).toBe(true);
  for (const rule of run.tool.driver.rules) {
    expect(rule.help.text.length, rule.id).toBeGreaterThan(0);
    const severity = rule.properties?.['security-severity'];
    if (severity !== undefined) expect(Number.isFinite(Number(severity)), rule.id).toBe(true);
  }
  for (const result of run.results) {
    expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(result.locations).toHaveLength(1);
    expect(1 + (result.relatedLocations?.length ?? 0)).toBeLessThanOrEqual(10);
    const { artifactLocation, region } = result.locations[0]!.physicalLocation;
    expect(artifactLocation.uri).not.toBe('');
    expect(artifactLocation.uri).not.toMatch(/^(\/|[a-z]+:)|\\/i);
    expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
    for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) expect(region[key], key).toBeGreaterThanOrEqual(1);
    expect(result.message.text.length).toBeGreaterThan(0);
    expect(result.partialFingerprints?.['faaslint/v1']).toMatch(/^[0-9a-f]{32}$/);
  }
}

describe('SARIF output', () => {
  it('is valid SARIF 2.1.0 that GitHub accepts, for the example app', async () => {
    const log = await sarifFor(path.join(repoRoot, 'fixtures/projects/example-app'));
    assertGithubReady(log);
    expect(log.runs[0]!.results.length).toBeGreaterThan(5);
    const rule = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'iam-no-wildcard-action')!;
    expect(rule.help.markdown).toMatch(/^# iam-no-wildcard-action/);
  });

  it('carries the suggested replacement for wildcard grants when every handler was analysed', async () => {
    const log = await sarifFor(path.join(repoRoot, 'fixtures/projects/example-app'));
    const fixed = log.runs[0]!.results.filter((r) => (r as { fixes?: unknown[] }).fixes);
    expect(fixed.map((r) => r.ruleId).sort()).toEqual(['iam-no-wildcard-action', 'iam-no-wildcard-resource']);
    const action = fixed.find((r) => r.ruleId === 'iam-no-wildcard-action')! as unknown as {
      message: { text: string };
      fixes: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[];
    };
    expect(action.message.text).toMatch(/Its handlers call: s3:PutObject\./);
    expect(action.fixes[0]!.artifactChanges[0]!.replacements[0]!.insertedContent.text).toBe('["s3:PutObject"]');
  });

  it.each(fixtureEntries(path.join(repoRoot, 'rules')).map((f) => [path.relative(repoRoot, f.entry), f.entry]))('is valid for fixture %s', async (_name, entry) => {
    assertGithubReady(await sarifFor(entry, true));
  });

  it('percent-encodes URIs and keeps an empty results array when clean', async () => {
    const log = await sarifFor(path.join(repoRoot, 'fixtures/load/cfn/template.yaml'));
    assertGithubReady(log);
    const clean = JSON.parse(
      formatSarif({ root: repoRoot, findings: [], suppressed: [], includeSuppressed: false, baselined: 0, staleBaselineEntries: 0, rules: [], filesAnalysed: 0, handlerFilesAnalysed: 0, notAnalysed: [] }),
    ) as SarifLog;
    assertGithubReady(clean);
    expect(clean.runs[0]!.results).toEqual([]);
    const spaced = JSON.parse(
      formatSarif({
        root: repoRoot,
        findings: [{ ruleId: 'x', severity: 'error', message: 'm', location: { file: 'my dir/a#b.yml', line: 1, column: 1, endLine: 1, endColumn: 2 }, fingerprint: '0'.repeat(32) }],
        suppressed: [],
        includeSuppressed: false,
        baselined: 0,
        staleBaselineEntries: 0,
        rules: [],
        filesAnalysed: 1,
        handlerFilesAnalysed: 0,
        notAnalysed: [],
      }),
    ) as SarifLog;
    expect(spaced.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('my%20dir/a%23b.yml');
  });
});

describe('SARIF details', () => {
  const finding = (severity: 'error' | 'warning' | 'note', line: number) => ({
    ruleId: 'x',
    severity,
    message: `${severity} ${line}`,
    location: { file: 'a.yml', line, column: 1, endLine: line, endColumn: 2 },
    fingerprint: '0'.repeat(32),
  });
  const input = (findings: ReturnType<typeof finding>[], suppressed: object[] = []) => ({
    root: repoRoot,
    findings,
    suppressed: suppressed as never[],
    includeSuppressed: suppressed.length > 0,
    baselined: 0,
    staleBaselineEntries: 0,
    rules: [],
    filesAnalysed: 1,
    handlerFilesAnalysed: 0,
    notAnalysed: [],
  });

  it('at the result limit keeps the most severe findings, in location order, and says how many were left out', () => {
    const findings = [finding('note', 1), finding('warning', 2), finding('error', 3), finding('note', 4), finding('error', 5)];
    const log = JSON.parse(formatSarif(input(findings), 3)) as SarifLog & { runs: { invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
    expect(log.runs[0]!.results.map((r) => r.message.text)).toEqual(['warning 2', 'error 3', 'error 5']);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications.at(-1)!.message.text).toMatch(/^2 less severe results left out/);
  });

  it('help.text is plain text; markdown only in help.markdown', async () => {
    const log = await sarifFor(path.join(repoRoot, 'fixtures/projects/example-app'));
    for (const rule of log.runs[0]!.tool.driver.rules) {
      const prose = rule.help.text.split('\n').filter((l) => !l.startsWith('    '));
      for (const line of prose) expect(line, rule.id).not.toMatch(/```|^#+ |\*\*|`[^`]+`|\]\([^)]+\)/);
      expect(rule.help.markdown?.length, rule.id).toBeGreaterThan(0);
    }
    const action = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'iam-no-wildcard-action')!;
    expect(action.help.text).toMatch(/^iam-no-wildcard-action\n/);
    expect(action.help.markdown).toMatch(/^# iam-no-wildcard-action\n/);
  });

  it('a suppression without a reason has no empty justification', () => {
    const suppressed = { ...finding('error', 7), suppression: { kind: 'inSource', justification: '' } };
    const log = JSON.parse(formatSarif(input([finding('error', 1)], [suppressed]))) as { runs: { results: { suppressions?: object[] }[] }[] };
    expect(log.runs[0]!.results[1]!.suppressions).toEqual([{ kind: 'inSource' }]);
  });
});
