import { createRequire } from 'node:module';
import path from 'node:path';
import { readConfinedText } from '../fs/confined.js';
import { syntaxProblem } from '../fs/refusal.js';
import { packageRoot } from '../package-info.js';
import type { Finding } from './finding.js';

/** A baseline: the findings a team accepted at one point, keyed by rule, file and fingerprint. */
export interface Baseline {
  readonly version: 1;
  readonly findings: readonly { readonly ruleId: string; readonly file: string; readonly fingerprint: string; readonly message?: string }[];
}

export class BaselineError extends Error {}

/** Baselines hold one short entry per accepted finding: 32 MB is over 100,000 of them. */
export const MAX_BASELINE_BYTES = 32 * 1024 * 1024;

/** The baseline file's text for these findings (the CLI writes it). */
export function baselineText(findings: readonly Finding[]): string {
  const baseline: Baseline = {
    version: 1,
    findings: findings.map((f) => ({ ruleId: f.ruleId, file: f.location.file, fingerprint: f.fingerprint ?? '', message: f.message })),
  };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

interface ValidationError {
  instancePath: string;
  message?: string;
}
type Validator = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };
let validator: Validator | undefined;

/**
 * Reads and validates a baseline, within the repository it lies in. Every problem is a
 * BaselineError naming the file and what is wrong, never quoting its content.
 */
export function readBaseline(file: string, root: string): Baseline {
  const read = readConfinedText(file, root, MAX_BASELINE_BYTES);
  if (!read.ok) throw new BaselineError(`baseline ${file} cannot be read: ${read.message}`);
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (err) {
    throw new BaselineError(`baseline ${file} cannot be read: ${syntaxProblem(err, true)}`);
  }
  // Compiled ahead of time by scripts/build-config-validator.mjs, as the config's validator.
  validator ??= createRequire(import.meta.url)(path.join(packageRoot(), 'dist', 'baseline-validator.cjs')) as Validator;
  if (!validator(data)) {
    const e = validator.errors?.[0];
    const where = e?.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : '(top level)';
    throw new BaselineError(`baseline ${file} is not a faaslint baseline (version 1): ${where}: ${e?.message ?? 'invalid'}`);
  }
  return data as Baseline;
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
