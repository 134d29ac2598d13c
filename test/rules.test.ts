import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { lint } from '../src/run.js';
import { filesOf, fixtureEntries, readExpectations } from './fixture-harness.js';

const FIXTURE_DATE = new Date('2026-11-26T00:00:00Z');
const rulesDir = path.resolve(import.meta.dirname, '..', 'rules');

describe('rule fixtures', () => {
  const fixtures = fixtureEntries(rulesDir);

  it('every rule folder is registered and every registered rule has fixtures', () => {
    const folders = fs.readdirSync(rulesDir).filter((name) => fs.statSync(path.join(rulesDir, name)).isDirectory());
    expect(RULES.map((r) => r.id).sort()).toEqual(folders.sort());
    for (const rule of RULES) expect(fixtures.some((f) => f.ruleId === rule.id), `${rule.id} has fixtures`).toBe(true);
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
    expect(expected.length + ok.length, 'a fixture states what it expects').toBeGreaterThan(0);
  });
});
