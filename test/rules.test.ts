import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { lint } from '../src/run.js';
import { fixtureFiles, readExpectations } from './fixture-harness.js';

const FIXTURE_DATE = new Date('2026-11-26T00:00:00Z');
const rulesDir = path.resolve(import.meta.dirname, '..', 'rules');

describe('rule fixtures', () => {
  const fixtures = fixtureFiles(rulesDir);

  it('every rule folder is registered and every registered rule has fixtures', () => {
    const folders = fs.readdirSync(rulesDir).filter((name) => fs.statSync(path.join(rulesDir, name)).isDirectory());
    expect(RULES.map((r) => r.id).sort()).toEqual(folders.sort());
    for (const rule of RULES) expect(fixtures.some((f) => f.ruleId === rule.id), `${rule.id} has fixtures`).toBe(true);
  });

  // Each fixture runs its own rule only (plus load diagnostics, which must be annotated too).
  it.each(fixtures.map((f) => [path.relative(rulesDir, f.file), f.file, f.ruleId] as const))('%s', async (_name, file, ruleId) => {
    const { expected, ok } = readExpectations(file);
    const rule = RULES.find((r) => r.id === ruleId);
    expect(rule, `${ruleId} is registered`).toBeDefined();
    // A fixed date keeps runtime-deprecation fixtures true whatever day the suite runs.
    const result = await lint({ paths: [file], stage: 'dev', rules: [rule!], now: FIXTURE_DATE });
    const rel = path.relative(result.root, file).split(path.sep).join('/');
    const actual = result.findings
      .filter((f) => f.location.file === rel)
      .map((f) => ({ ruleId: f.ruleId, line: f.location.line }));
    const key = (e: { ruleId: string; line: number }) => `${e.line} ${e.ruleId}`;
    // Every finding is annotated and every annotation is found: no silent extras, no misses.
    expect([...new Set(actual.map(key))].sort()).toEqual([...new Set(expected.map(key))].sort());
    for (const o of ok) expect(actual.map(key)).not.toContain(key(o));
  });
});
