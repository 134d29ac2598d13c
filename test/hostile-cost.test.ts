import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE_CASES } from '../bench/hostile-cases.mjs';
import { repoRoot, runCli, tempProject } from './helpers.js';

/**
 * Inputs that cost faaslint exponential time, unbounded memory or the whole run, each generated
 * by bench/hostile-cases.mjs and run through the CLI in a fresh process (bench/hostile.mjs
 * measures the same cases' peak memory). Each must finish well within the test timeout with the
 * exit code and findings the case states.
 */
describe('hostile input costs bounded time and memory', () => {
  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const dir = tempProject(c.files());
    const r = runCli([dir, '-f', 'json', ...(c.args ?? [])], { cwd: dir });
    expect(r.stderr).not.toMatch(/RangeError|stack|internal error/i);
    expect(r.code, r.stderr).toBe(c.exitCode);
    const report = JSON.parse(r.stdout) as Parameters<NonNullable<typeof c.check>>[0];
    const found = report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);
    for (const expected of c.findings) expect(found).toContain(expected);
    expect(found.filter((f) => f.startsWith('faaslint/internal-error'))).toEqual([]);
    expect(c.check?.(report)).toBeUndefined();
  }, 30_000);
});

/** Whether a line spreads into the arguments of push/unshift/splice, Math.max/min or String.fromCharCode (object and array literals aside). */
function spreadsArguments(line: string): boolean {
  for (const m of line.matchAll(/\b(?:push|unshift|splice|Math\.max|Math\.min|fromCharCode)\(/g)) {
    let depth = 0;
    for (let i = m.index + m[0].length; i < line.length; i++) {
      const c = line[i]!;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth-- === 0) break;
      } else if (depth === 0 && line.startsWith('...', i)) return true;
    }
  }
  return false;
}

describe('no argument spreads over unbounded arrays', () => {
  it('src/ and rules/ append with append() and take extremes with maxOf()/minOf(): `push(...xs)` throws past ~100,000 items', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const d of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
        const rel = `${dir}/${d.name}`;
        if (d.isDirectory()) {
          if (d.name !== 'fixtures') walk(rel);
        } else if (d.name.endsWith('.ts')) {
          fs.readFileSync(path.join(repoRoot, rel), 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (!line.trim().startsWith('*') && spreadsArguments(line)) offenders.push(`${rel}:${i + 1}`);
            });
        }
      }
    };
    walk('src');
    walk('rules');
    expect(offenders).toEqual([]);
  });
});
