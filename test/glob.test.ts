import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePathGlob, matchPathGlob, wildcardMatch } from '../src/glob.js';
import { ignoreRules } from '../src/ignore-rules.js';

describe('wildcardMatch (IAM wildcards)', () => {
  it.each([
    ['s3:Get*', 's3:GetObject', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:*Object', 's3:GetObject', true],
    ['s3:G?tObject', 's3:GetObject', true],
    ['s3:G?tObject', 's3:GtObject', false],
    ['*', '', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/k/x', true],
  ])('%s ~ %s → %s', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  it('ignores case only when asked', () => {
    expect(wildcardMatch('S3:get*', 's3:GetObject')).toBe(false);
    expect(wildcardMatch('S3:get*', 's3:GetObject', { caseInsensitive: true })).toBe(true);
  });

  it('stays linear on patterns that make a backtracking regex explode', () => {
    expect(wildcardMatch(`s3:${'*'.repeat(20_000)}Z`, `s3:${'a'.repeat(20_000)}`)).toBe(false);
    expect(wildcardMatch(`${'*a'.repeat(2000)}b`, 'a'.repeat(4000))).toBe(false);
  });
});

describe('path globs (Python glob removals)', () => {
  it.each([
    ['/tmp/*', '/tmp/a.txt', true],
    ['/tmp/*', '/tmp/d/a.txt', false],
    ['/tmp/**', '/tmp/d/a.txt', true],
    ['/tmp/[ab].txt', '/tmp/b.txt', true],
    ['/tmp/[!ab].txt', '/tmp/b.txt', false],
    ['/tmp/[ab', '/tmp/[ab', true],
  ])('%s ~ %s → %s', (pattern, file, expected) => {
    expect(matchPathGlob(compilePathGlob(pattern), file.split('/'))).toBe(expected);
  });
});

describe('ignoreRules (.gitignore and ignore:)', () => {
  const PATTERNS = ['*.log', '!keep.log', '/build', 'out/', 'doc/*.txt', 'doc/**/*.pdf', '**/cache', 'lib/**', 'a/**/b', '[!x]y.yml', '\\#hash', 'trail   ', 'deep/**/', 'sub/*/z'];
  const FILES = ['x.log', 'keep.log', 'd/keep.log', 'build/f', 'src/build/f', 'out/f', 'src/out/f', 'out', 'doc/a.txt', 'doc/s/a.txt', 'doc/s/t/a.pdf', 'doc/a.pdf',
    'p/cache/f', 'cache', 'lib/f', 'lib/s/f', 'a/b', 'a/q/b', 'a/q/r/b', 'xy.yml', 'zy.yml', '#hash', 'trail', 'deep/f', 'deep/s/f', 'sub/q/z', 'sub/q/r/z', 'plain.yml'];

  it('ignores exactly what git ignores', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-ignore-'));
    const git = (...args: string[]) => spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
    if (git('init', '-q').status !== 0) return;
    for (const f of FILES) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      if (!fs.existsSync(path.join(dir, f))) fs.writeFileSync(path.join(dir, f), '');
    }
    fs.writeFileSync(path.join(dir, '.gitignore'), `${PATTERNS.join('\n')}\n`);
    const listed = git('ls-files', '-z', '--others', '--ignored', '--exclude-standard').stdout.split('\0').filter(Boolean);
    const rules = ignoreRules().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8'));
    expect(FILES.filter((f) => rules.ignores(f)).sort()).toEqual(listed.sort());
  });

  it('matches patterns of thousands of `**/` or `*a` in linear time', () => {
    const rules = ignoreRules().add([`${'**/'.repeat(5000)}x`, `${'*a'.repeat(2000)}b`]);
    expect(rules.ignores(`${'d/'.repeat(500)}x`)).toBe(true);
    expect(rules.ignores('a'.repeat(250))).toBe(false);
  });

  it('keeps a folder ignored for what is under it, and re-includes by a later `!`', () => {
    const rules = ignoreRules().add(['logs/', '!logs/keep', '*.tmp', '!a.tmp']);
    expect(rules.ignores('logs/keep')).toBe(true);
    expect(rules.ignores('a.tmp')).toBe(false);
    expect(rules.ignores('b.tmp')).toBe(true);
    expect(rules.ignores('logs')).toBe(false);
    expect(rules.ignores('logs/')).toBe(true);
  });
});
