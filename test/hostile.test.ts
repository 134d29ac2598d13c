import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/run.js';
import { repoRoot, runCli, tempProject } from './helpers.js';

const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');


const ids = async (dir: string, extra: Parameters<typeof lint>[0] extends infer O ? Partial<O> : never = {}) => {
  const r = await lint({ paths: [dir], config: false, ...extra });
  return r.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`);
};

/** A small deterministic PRNG (mulberry32): the fuzz cases are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpusFiles(): string[] {
  const index = fs.readFileSync(path.join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n');
  return index.map((l) => l.split('\t')[0]!).filter((f) => /\.(ya?ml|json|template)$/.test(f));
}

const WRONG_TYPES = ['[]', '{}', 'null', '~', '!Ref', '!GetAtt', '[[[]]]', '"${self:}"', '${file(../../../../etc/passwd)}', '*anchor', '&a [*a]'];

function mutate(text: string, random: () => number): string {
  const lines = text.split('\n');
  const pick = () => Math.floor(random() * Math.max(lines.length, 1));
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, Math.floor(random() * text.length));
    case 1: {
      const bytes = Buffer.from(text);
      for (let i = 0; i < 8 && bytes.length > 0; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 128);
      return bytes.toString('latin1');
    }
    case 2: {
      const i = pick();
      lines.splice(i, 0, lines[i] ?? '', lines[i] ?? '');
      return lines.join('\n');
    }
    default: {
      for (let n = 0; n < 5; n++) {
        const i = pick();
        lines[i] = (lines[i] ?? '').replace(/:\s+.*$/, `: ${WRONG_TYPES[Math.floor(random() * WRONG_TYPES.length)]}`);
      }
      return lines.join('\n');
    }
  }
}

describe.skipIf(!fs.existsSync(corpus))('seeded fuzzing over the corpus', () => {
  it('never crashes, hangs or lets an exception escape: every problem is a diagnostic', async () => {
    const random = prng(20261126);
    const files = corpusFiles();
    const sample = Array.from({ length: 300 }, () => files[Math.floor(random() * files.length)]!);
    const cases: Record<string, string> = {};
    sample.forEach((file, i) => {
      const name = /serverless\.(ya?ml|json)$/.test(file) ? `case${i}/serverless.yml` : `case${i}/template${path.extname(file) === '.json' ? '.json' : '.yaml'}`;
      cases[name] = mutate(fs.readFileSync(path.join(corpus, file), 'utf8'), random);
    });
    const dir = tempProject(cases);
    const started = Date.now();
    const result = await lint({ paths: [dir], config: false });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.findings.filter((f) => f.ruleId === 'faaslint/internal-error').map((f) => `${f.location.file}: ${f.message}`)).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'faaslint/parse-error').length).toBeGreaterThan(10);
    for (const f of result.findings) expect(f.location.line).toBeGreaterThanOrEqual(1);
  });
});

describe('hostile and broken input', () => {
  it('refuses a YAML alias bomb quickly, and still checks the other files', async () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = `AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n${lines.join('\n')}\n`;
    const dir = tempProject({ 'bomb/template.yaml': bomb, 'ok/serverless.yml': 'service: s\nprovider:\n  name: aws\n  iamRoleStatements:\n    - {Effect: Allow, Action: "*", Resource: "*"}\nfunctions:\n  f:\n    handler: h.f\n' });
    const started = Date.now();
    const found = await ids(dir);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(found.some((f) => f.startsWith('faaslint/parse-error bomb/template.yaml'))).toBe(true);
    expect(found).toContain('iam-no-wildcard-action ok/serverless.yml:5');
  });

  it.each([
    ['flow maps (YAML)', 'template.yaml', `AWSTemplateFormatVersion: "2010-09-09"\nv: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['flow sequences (YAML)', 'template.yaml', `AWSTemplateFormatVersion: "2010-09-09"\nv: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['objects (JSON)', 'template.json', `{"AWSTemplateFormatVersion": "2010-09-09", "v": ${'{"a": '.repeat(10_000)}1${'}'.repeat(10_000)}}\n`],
  ])('refuses 10,000-deep %s without a stack overflow', async (_name, file, text) => {
    const dir = tempProject({ [file]: text });
    const found = await ids(dir);
    expect(found.some((f) => f.startsWith(`faaslint/parse-error ${file}`))).toBe(true);
  });

  it('skips files over --max-file-size with a diagnostic', async () => {
    const big = `AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n# ${'x'.repeat(5000)}\n`;
    const dir = tempProject({ 'template.yaml': big });
    expect(await ids(dir, { maxFileSize: 1000 })).toEqual(['faaslint/file-too-large template.yaml:1']);
  });

  it('reports binary and non-UTF-8 files as diagnostics', async () => {
    const dir = tempProject({
      'a/template.yaml': Buffer.from([0x41, 0x57, 0x53, 0x3a, 0x3a, 0x00, 0x01, 0x02]),
      'b/template.yaml': Buffer.concat([Buffer.from('AWSTemplateFormatVersion: "2010-09-09"\nDescription: "'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"\n')]),
    });
    const r = await lint({ paths: [dir], config: false });
    expect(r.findings.map((f) => [f.ruleId, f.location.file, f.message])).toEqual([
      ['faaslint/parse-error', 'a/template.yaml', 'binary file: not YAML or JSON'],
      ['faaslint/parse-error', 'b/template.yaml', 'not valid UTF-8'],
    ]);
  });

  it('never reads ${file()} by absolute path or through a symlink that leaves the repository', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.yml'), 'action: "*"\n');
    const config = (ref: string) => `service: s\nprovider:\n  name: aws\n  iamRoleStatements:\n    - Effect: Allow\n      Action: \${file(${ref}):action}\n      Resource: "*"\nfunctions:\n  f:\n    handler: h.f\n`;
    const dir = tempProject({ 'abs/serverless.yml': config(path.join(outside, 'secret.yml')), 'link/serverless.yml': config('./linked.yml') });
    fs.symlinkSync(path.join(outside, 'secret.yml'), path.join(dir, 'link', 'linked.yml'));
    fs.symlinkSync(outside, path.join(dir, 'escape'));
    const r = await lint({ paths: [dir], config: false });
    expect(r.findings.map((f) => `${f.ruleId} ${f.location.file}`)).toEqual([
      // An error, not the missing-file warning: a value hidden outside the repository must not pass as unknown.
      'faaslint/read-error abs/serverless.yml',
      'faaslint/read-error link/serverless.yml',
    ]);
    expect(r.notes.join('\n')).toMatch(/escape: symlink leaves the repository/);
  });

  it('does not loop on a symlink cycle', async () => {
    const dir = tempProject({ 'svc/serverless.yml': 'service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n' });
    fs.symlinkSync(dir, path.join(dir, 'svc', 'loop'));
    const r = await lint({ paths: [dir], config: false });
    expect(r.filesAnalysed).toBe(1);
  });

  it('reports a path that cannot be read, and still checks the others', async () => {
    const dir = tempProject({ 'serverless.yml': 'service: s\nprovider:\n  name: aws\n  iamRoleStatements:\n    - {Effect: Allow, Action: "*", Resource: "*"}\nfunctions:\n  f:\n    handler: h.f\n' });
    const r = await lint({ paths: [dir, path.join(dir, 'missing.yaml')], config: false });
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['faaslint/read-error', 'iam-no-wildcard-action', 'iam-no-wildcard-resource']);
  });

  it.skipIf(process.getuid?.() === 0)('reports unreadable files and folders (as a non-root user)', async () => {
    const dir = tempProject({ 'a/template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n', 'b/x/template.yaml': 'Resources: {}\n' });
    fs.chmodSync(path.join(dir, 'a', 'template.yaml'), 0o000);
    fs.chmodSync(path.join(dir, 'b', 'x'), 0o000);
    const r = await lint({ paths: [dir], config: false });
    expect(r.findings.map((f) => f.ruleId).sort()).toEqual(['faaslint/read-error', 'faaslint/read-error']);
  });

  it('never executes project code: serverless.js, handlers', async () => {
    const marker = (name: string) => `require('fs').writeFileSync(require('path').join(__dirname, '${name}'), 'ran');\n`;
    const dir = tempProject({
      'js/serverless.js': `${marker('config-ran')}module.exports = { service: 's' };\n`,
      'yml/serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: src/h.handler\n',
      'yml/src/h.js': `${marker('handler-ran')}exports.handler = async () => 1;\n`,
    });
    await lint({ paths: [dir], config: false });
    const r = runCli([dir]);
    expect([0, 1]).toContain(r.code);
    expect(fs.existsSync(path.join(dir, 'js', 'config-ran'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'yml', 'src', 'handler-ran'))).toBe(false);
  });

  it('never opens a network connection', () => {
    const preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-net-')), 'no-network.cjs');
    fs.writeFileSync(
      preload,
      `const net = require('net'); const dns = require('dns'); const http = require('http'); const https = require('https');
const deny = () => { throw new Error('network access attempted'); };
net.Socket.prototype.connect = deny; net.connect = deny; net.createConnection = deny;
dns.lookup = deny; dns.resolve = deny; http.request = deny; http.get = deny; https.request = deny; https.get = deny;
globalThis.fetch = deny;\n`,
    );
    const targets = [path.join(repoRoot, 'fixtures/projects/example-app'), ...(fs.existsSync(corpus) ? [path.join(corpus, 'serverless__examples')] : [])];
    const r = runCli([...targets, '--threads', '1'], { nodeArgs: ['--require', preload] });
    expect(r.stderr).not.toMatch(/network access attempted/);
    expect([0, 1]).toContain(r.code);
  });
});
