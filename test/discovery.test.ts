import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './helpers.js';

const hasGit = spawnSync('git', ['--version']).status === 0;

const run = (args: string[], cwd: string) => runCli(args, { cwd });

/** Files with findings, as the json report lists them. */
function files(args: string[], cwd: string): string[] {
  const r = run(['-f', 'json', '--allow-empty', ...args], cwd);
  expect(r.stderr).not.toMatch(/internal error/);
  return [...new Set((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file))].sort();
}

const WILDCARD = `service: s\nprovider:\n  name: aws\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: "s3:*"\n          Resource: arn:aws:s3:::b/*\n`;
const TEMPLATE = JSON.stringify({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] } }] } } } });

/** A scratch folder that is not inside any repository. */
function scratch(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-nogit-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A real git repository: `tracked` files are added to the index, the others are left untracked. */
function gitRepo(files: Record<string, string>, tracked: readonly string[] = []): string {
  const dir = scratch(files);
  const git = (...args: string[]) => expect(spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).status).toBe(0);
  git('init', '-q');
  if (tracked.length > 0) git('add', '-f', '--', ...tracked);
  return dir;
}

describe('each path within its own repository', () => {
  it('outside git, `faaslint a b` scans both', () => {
    const dir = scratch({ 'a/serverless.yml': WILDCARD, 'b/serverless.yml': WILDCARD });
    expect(files(['a', 'b'], dir)).toEqual(['a/serverless.yml', 'b/serverless.yml']);
  });

  it('outside git, two config files in different folders are both scanned (no RangeError)', () => {
    const dir = scratch({ 'a/serverless.yml': WILDCARD, 'b/serverless.yml': WILDCARD });
    const r = run(['a/serverless.yml', 'b/serverless.yml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^a\/serverless\.yml:8:19 /m);
    expect(r.stdout).toMatch(/^b\/serverless\.yml:8:19 /m);
  });

  it('two repositories are each scanned, with their own config file', () => {
    const one = tempProject({ 'serverless.yml': WILDCARD });
    const two = tempProject({ 'serverless.yml': WILDCARD, 'faaslint.config.yaml': 'rules:\n  iam-no-wildcard-action: off\n' });
    const r = run(['-f', 'json', one, two], os.tmpdir());
    const json = JSON.parse(r.stdout) as { findings: { ruleId: string; file: string }[] };
    expect(json.findings.map((f) => `${f.ruleId} ${f.file}`)).toEqual([`iam-no-wildcard-action ${path.basename(one)}/serverless.yml`]);
  });

  it('--projects-of finds each changed file\'s project in its own repository', () => {
    const one = tempProject({ 'svc/serverless.yml': WILDCARD, 'svc/src/h.js': 'exports.f = 1;\n' });
    const two = tempProject({ 'api/serverless.yml': WILDCARD, 'api/h.js': 'exports.f = 1;\n' });
    const found = files(['--projects-of', path.join(one, 'svc/src/h.js'), path.join(two, 'api/h.js')], os.tmpdir());
    expect(found).toEqual([`${path.basename(one)}/svc/serverless.yml`, `${path.basename(two)}/api/serverless.yml`].sort());
  });
});

describe.skipIf(!hasGit)('inside a git work tree: the files git lists', () => {
  const layout = {
    '.gitignore': 'build/\ncdk.out\n',
    'svc/serverless.yml': WILDCARD,
    'svc/.gitignore': 'generated/\n',
    'svc/generated/serverless.yml': WILDCARD,
    'build/serverless.yml': WILDCARD,
    'vendored/serverless.yml': WILDCARD,
    'local/serverless.yml': WILDCARD,
    'app/cdk.out/AppStack.template.json': TEMPLATE,
    'app/cdk.out/asset.1234/nested.template.json': TEMPLATE,
  };

  it('tracked files are scanned even when ignored; ignored untracked ones, .git/info/exclude and nested .gitignore are not', () => {
    const dir = gitRepo({ ...layout, '.gitignore': 'build/\ncdk.out\nvendored/\n' }, ['vendored/serverless.yml']);
    fs.appendFileSync(path.join(dir, '.git', 'info', 'exclude'), 'local/\n');
    expect(files(['.'], dir)).toEqual(['app/cdk.out/AppStack.template.json', 'svc/serverless.yml', 'vendored/serverless.yml']);
  });

  it('`faaslint svc` skips the same ignored folders `faaslint .` skips', () => {
    const dir = gitRepo({ ...layout, '.gitignore': 'build/\ncdk.out\ngenerated/\n', 'svc/.gitignore': '' });
    expect(files(['svc'], dir)).toEqual(['svc/serverless.yml']);
    expect(files(['.'], dir).filter((f) => f.startsWith('svc/'))).toEqual(['svc/serverless.yml']);
  });

  it('a nested repository is left to its own scan, and scanned when named', () => {
    const dir = gitRepo({ 'serverless.yml': WILDCARD });
    const nested = path.join(dir, 'nested');
    fs.mkdirSync(nested);
    fs.writeFileSync(path.join(nested, 'serverless.yml'), WILDCARD);
    expect(spawnSync('git', ['init', '-q'], { cwd: nested }).status).toBe(0);
    expect(files(['.'], dir)).toEqual(['serverless.yml']);
    expect(run(['--debug', '.'], dir).stderr).toMatch(/nested: a repository of its own/);
    expect(files(['.', 'nested'], dir)).toEqual(['nested/serverless.yml', 'serverless.yml']);
  });

  it('a tracked file deleted from the work tree is not an error', () => {
    const dir = gitRepo({ 'serverless.yml': WILDCARD, 'gone/serverless.yml': WILDCARD }, ['gone/serverless.yml']);
    fs.rmSync(path.join(dir, 'gone'), { recursive: true });
    const r = run(['-f', 'json'], dir);
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['serverless.yml']);
  });
});

describe('outside git: the .gitignore files', () => {
  it('`faaslint svc` applies the .gitignore files above it', () => {
    const dir = tempProject({ '.gitignore': 'generated/\n', 'svc/serverless.yml': WILDCARD, 'svc/generated/serverless.yml': WILDCARD });
    expect(files(['svc'], dir)).toEqual(['svc/serverless.yml']);
  });

  it('reads .git/info/exclude', () => {
    const dir = tempProject({ 'serverless.yml': WILDCARD, 'local/serverless.yml': WILDCARD, '.git/info/exclude': 'local/\n' });
    expect(files(['.'], dir)).toEqual(['serverless.yml']);
  });
});

describe('a scan that analysed nothing does not pass', () => {
  it.each([
    ['an empty folder', { 'empty/.keep': '' }, ['empty']],
    ['a text file', { 'notes.txt': 'hello\n' }, ['notes.txt']],
    ['YAML that is no template', { '.github/workflows/ci.yml': 'on: push\n' }, ['.']],
  ])('%s: exit 2, saying what was searched', (_name, layout, args) => {
    const dir = tempProject(layout);
    const r = run(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no configuration file found in /);
    expect(r.stderr).toMatch(/serverless\.yml/);
    expect(r.stderr).toMatch(/--allow-empty/);
    expect(run(['--allow-empty', ...args], dir).code).toBe(0);
  });

  it('run inside a project\'s src/, it names the project to scan instead', () => {
    const dir = tempProject({ 'svc/serverless.yml': WILDCARD, 'svc/src/h.js': 'exports.f = 1;\n' });
    const r = run([], path.join(dir, 'svc', 'src'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scan \.\. instead/);
  });

  it('a project of serverless.ts only found a config: not an empty scan, but said to be not analysed', () => {
    const dir = tempProject({ 'serverless.ts': 'export default makeConfig();\n' });
    const r = run([], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^serverless\.ts:1:\d+ {2}warning {2}serverless\.ts: its configuration is computed by code/m);
    expect(r.stdout).toMatch(/^1 file not analysed: 1 serverless\.ts — see --debug\.$/m);
    expect(run(['-f', 'json'], dir).stdout).toMatch(/"kind": "serverless\.ts"/);
  });
});
