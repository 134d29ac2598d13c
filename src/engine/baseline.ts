import fs from 'node:fs';
import type { Finding } from './finding.js';

/** A baseline: the findings a team accepted at one point, keyed by rule, file and fingerprint. */
export interface Baseline {
  readonly version: 1;
  readonly findings: readonly { readonly ruleId: string; readonly file: string; readonly fingerprint: string; readonly message: string }[];
}

export class BaselineError extends Error {}

export function writeBaseline(file: string, findings: readonly Finding[]): void {
  const baseline: Baseline = {
    version: 1,
    findings: findings.map((f) => ({ ruleId: f.ruleId, file: f.location.file, fingerprint: f.fingerprint ?? '', message: f.message })),
  };
  fs.writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new BaselineError(`baseline ${file} cannot be read: ${(err as Error).message}`);
  }
  const b = data as Partial<Baseline>;
  if (b.version !== 1 || !Array.isArray(b.findings)) throw new BaselineError(`baseline ${file} is not a faaslint baseline (version 1)`);
  return b as Baseline;
}

/** Splits findings into new ones and ones the baseline accepts; counts baseline entries no longer found. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): { fresh: Finding[]; known: number; stale: number } {
  const keys = new Map<string, number>();
  for (const e of baseline.findings) {
    const key = `${e.ruleId}\0${e.file}\0${e.fingerprint}`;
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  const fresh: Finding[] = [];
  let known = 0;
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.location.file}\0${f.fingerprint}`;
    const left = keys.get(key) ?? 0;
    if (left > 0) {
      keys.set(key, left - 1);
      known++;
    } else {
      fresh.push(f);
    }
  }
  const stale = [...keys.values()].reduce((a, b) => a + b, 0);
  return { fresh, known, stale };
}
