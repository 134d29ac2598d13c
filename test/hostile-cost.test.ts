import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE_CASES } from '../bench/hostile-cases.mjs';
import { directiveOf, parseDirectives } from '../src/engine/suppressions.js';
import { credentialShape } from '../src/secrets/credentials.js';
import { decryptedSecretSource } from '../src/secrets/references.js';
import { contextOf, evaluate } from '../src/load/cloudformation/intrinsics.js';
import { parseLocated } from '../src/load/yaml.js';
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
    const r = runCli([...(c.paths ?? [dir]), '-f', 'json', ...(c.args ?? [])], { cwd: dir });
    expect(r.stderr).not.toMatch(/RangeError|stack|internal error/i);
    expect(r.code, r.stderr).toBe(c.exitCode);
    const report = JSON.parse(r.stdout) as Parameters<NonNullable<typeof c.check>>[0];
    const found = report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);
    for (const expected of c.findings) expect(found).toContain(expected);
    expect(found.filter((f) => f.startsWith('faaslint/internal-error'))).toEqual([]);
    expect(c.check?.(report)).toBeUndefined();
  }, 30_000);
});

describe('regular expressions on user text run in linear time', () => {
  const MB = 1_000_000;
  it('suppression directives: spaces around the rule list and the reason', () => {
    expect(directiveOf(`# faaslint-disable-next-line a, b${' '.repeat(MB)}-- why${' '.repeat(MB)}x`)).toEqual({ kind: 'next-line', rest: `a, b${' '.repeat(MB)}-- why${' '.repeat(MB)}x` });
    expect(directiveOf(`#${' '.repeat(MB)}x`)).toBeUndefined();
    expect(directiveOf(`${'# '.repeat(MB)}faaslint-disable-line`)).toEqual({ kind: 'line', rest: '' });
    const [d] = parseDirectives('f.yml', [`// faaslint-disable-line r1 ${' '.repeat(MB)}--${' '.repeat(MB)}reason */`]);
    expect([d?.rules, d?.reason]).toEqual([['r1'], 'reason']);
  }, 10_000);

  it('the same directives as before: comment kinds, word boundaries, reasons', () => {
    expect(directiveOf('x: 1 # faaslint-disable-line r -- a -- b')).toEqual({ kind: 'line', rest: 'r -- a -- b' });
    expect(directiveOf('/* faaslint-disable-next-line r */')).toEqual({ kind: 'next-line', rest: 'r' });
    expect(directiveOf('faaslint-disable-line r')).toBeUndefined();
    expect(directiveOf('# faaslint-disable-lines r')).toBeUndefined();
    const [d] = parseDirectives('f.yml', ['# faaslint-disable-line r1,r2 -- a -- b']);
    expect([d?.rules, d?.reason]).toEqual([['r1', 'r2'], 'a -- b']);
  });

  it('secret references and URL credentials', () => {
    expect(decryptedSecretSource(`\${ssm:/app/key~true}${'${ssm:'.repeat(MB / 6)}`)).toBe('SSM SecureString /app/key, decrypted');
    expect(decryptedSecretSource(`${'${ssm:'.repeat(MB / 6)}/x~true}`)).toMatch(/^SSM SecureString /);
    expect(decryptedSecretSource(`${'${ssm('.repeat(MB / 6)}`)).toBeUndefined();
    expect(decryptedSecretSource(`{{resolve:ssm-secure:${'${'.repeat(MB / 2)}`)).toMatch(/^SSM SecureString /);
    expect(credentialShape(`${'a.'.repeat(MB / 2)}`)).toBeUndefined();
    expect(credentialShape('postgres://user:pw@host/db')).toBe('password in a URL');
  }, 10_000);

  it('Fn::Sub over a template of `${` without a closing brace', () => {
    const parsed = parseLocated(`AWSTemplateFormatVersion: "2010-09-09"\nValue: !Sub "${'${'.repeat(MB / 2)}"\n`, 't.yaml');
    const value = evaluate(parsed.root!, contextOf(parsed.root!));
    expect(value.kind).toBe('map');
  }, 10_000);
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
