import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandAction } from '../src/iam/actions.js';
import type { Location } from '../src/location.js';
import type { Statement } from '../src/model.js';
import { lint } from '../src/run.js';
import { repoRoot } from './helpers.js';

const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');
const STATEMENT_RULES = new Set(['iam-no-wildcard-action', 'iam-no-wildcard-resource', 'iam-no-allow-not', 'iam-no-privilege-escalation']);

const within = (loc: Location, s: Statement) =>
  loc.file === s.location.file && loc.line >= s.location.line && loc.line <= s.location.endLine;

describe.skipIf(!fs.existsSync(corpus))('IAM rules over the real-world corpus', () => {
  it('never report a Deny statement, nor a statement whose actions all accept only "*"', async () => {
    const result = await lint({ paths: [corpus] });
    const statements = [...result.project!.roles.flatMap((r) => r.statements), ...result.project!.resourcePolicies.flatMap((p) => p.statements)];
    const findings = result.findings.filter((f) => STATEMENT_RULES.has(f.ruleId));
    expect(findings.length).toBeGreaterThan(100);
    for (const f of findings) {
      const owners = statements.filter((s) => within(f.location, s));
      expect(owners.length, `${f.ruleId} at ${f.location.file}:${f.location.line} sits in a statement`).toBeGreaterThan(0);
      // The innermost statements holding the finding: several when a policy is a folded JSON string, located as a whole.
      const span = (s: Statement) => s.location.endLine - s.location.line;
      const innermost = Math.min(...owners.map(span));
      const candidates = owners.filter((s) => span(s) === innermost);
      const scopable = (s: Statement) => (s.actions?.entries ?? []).flatMap((e) => (e.value ? (expandAction(e.value) ?? []) : [])).some((a) => a.scopable);
      const fits = (s: Statement) => s.effect === 'Allow' && (f.ruleId !== 'iam-no-wildcard-resource' || scopable(s));
      expect(candidates.some(fits), `${f.ruleId} at ${f.location.file}:${f.location.line}: an Allow statement (with a scopable action for wildcard resources)`).toBe(true);
    }
  });
});

describe.skipIf(!fs.existsSync(corpus))('worker threads', () => {
  it('report exactly what a single-threaded run reports', async () => {
    const now = new Date('2026-11-26T00:00:00Z');
    const single = await lint({ paths: [corpus], now, config: false });
    const parallel = await lint({ paths: [corpus], now, config: false, parallel: true, threads: 2 });
    expect(parallel.threads).toBeGreaterThan(1);
    const key = (f: { ruleId: string; location: Location; message: string }) => `${f.location.file}:${f.location.line}:${f.location.column} ${f.ruleId} ${f.message}`;
    expect(parallel.findings.map(key)).toEqual(single.findings.map(key));
    expect(parallel.filesAnalysed).toBe(single.filesAnalysed);
    expect(parallel.notAnalysed).toEqual(single.notAnalysed);
    expect(parallel.handlerFilesAnalysed).toBe(single.handlerFilesAnalysed);
  });

  it('are not used unless asked for', async () => {
    const result = await lint({ paths: [corpus], config: false, parallel: true });
    expect(result.threads).toBe(1);
  });
});
