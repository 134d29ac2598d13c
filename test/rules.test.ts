import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { lint } from '../src/run.js';
import { filesOf, fixtureEntries, readExpectations, showsPins } from './fixture-harness.js';

const FIXTURE_DATE = new Date('2026-11-26T00:00:00Z');
const rulesDir = path.resolve(import.meta.dirname, '..', 'rules');

describe('rule fixtures', () => {
  const fixtures = fixtureEntries(rulesDir);

  it('every rule folder is registered and every registered rule has fixtures', () => {
    const folders = fs.readdirSync(rulesDir).filter((name) => fs.statSync(path.join(rulesDir, name)).isDirectory());
    expect(RULES.map((r) => r.id).sort()).toEqual(folders.sort());
    for (const rule of RULES) expect(fixtures.some((f) => f.ruleId === rule.id), `${rule.id} has fixtures`).toBe(true);
  });

  // One rule serves every format it claims: each has a fixture, configs in YAML (the form users write, short tags and all).
  it('every format a rule applies to has a fixture', async () => {
    const missing: string[] = [];
    for (const rule of RULES) {
      const covered = new Set<string>();
      for (const f of fixtures.filter((x) => x.ruleId === rule.id)) {
        const project = (await lint({ paths: [f.entry], stage: 'dev', rules: [], config: false })).project!;
        for (const input of project.inputs) if (/\.ya?ml$/.test(input.file)) covered.add(input.kind);
        if (project.handlers.length > 0) covered.add('handler');
      }
      for (const kind of rule.meta.appliesTo) if (!covered.has(kind)) missing.push(`${rule.id}: ${kind}`);
    }
    expect(missing).toEqual([]);
  });

  // Each fixture runs its own rule only (plus load diagnostics, which must be annotated too).
  it.each(fixtures.map((f) => [path.relative(rulesDir, f.entry), f.entry, f.ruleId] as const))('%s', async (_name, entry, ruleId) => {
    const rule = RULES.find((r) => r.id === ruleId);
    expect(rule, `${ruleId} is registered`).toBeDefined();
    // A fixed date keeps runtime-deprecation fixtures true whatever day the suite runs.
    const result = await lint({ paths: [entry], stage: 'dev', rules: [rule!], now: FIXTURE_DATE });
    const rel = (file: string) => path.relative(result.root, file).split(path.sep).join('/');
    const files = filesOf(entry);
    const annotations = files.map(readExpectations);
    const key = (e: { file: string; ruleId: string; line: number }) => `${e.file}:${e.line} ${e.ruleId}`;
    const expected = annotations.flatMap((a) => a.expected).map((e) => key({ ...e, file: rel(e.file) }));
    const ok = annotations.flatMap((a) => a.ok).map((e) => key({ ...e, file: rel(e.file) }));
    const inFixture = new Set(files.map(rel));
    const actual = result.findings.filter((f) => inFixture.has(f.location.file)).map((f) => key({ file: f.location.file, ruleId: f.ruleId, line: f.location.line }));
    // Every finding is annotated and every annotation is found: no silent extras, no misses.
    expect([...new Set(actual)].sort()).toEqual([...new Set(expected)].sort());
    for (const o of ok) expect(actual).not.toContain(o);
    // Where an annotation pins what the user reads, a finding on that line shows it.
    for (const e of annotations.flatMap((a) => a.expected)) {
      if (e.messageId === undefined && e.column === undefined && e.message === undefined) continue;
      const here = result.findings.filter((f) => f.ruleId === e.ruleId && f.location.file === rel(e.file) && f.location.line === e.line);
      const seen = here.map((f) => `${f.messageId} col=${f.location.column}: ${f.message}`).join('\n');
      expect(here.some((f) => showsPins(f, e)), `${rel(e.file)}:${e.line} ${e.ruleId} shows ${JSON.stringify({ messageId: e.messageId, col: e.column, message: e.message })}; found:\n${seen}`).toBe(true);
    }
    expect(expected.length + ok.length, 'a fixture states what it expects').toBeGreaterThan(0);
  });
});
