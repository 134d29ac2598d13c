import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceLines } from '../src/engine/source-lines.js';
import { clearConfinementCache, readConfinedText } from '../src/fs/confined.js';
import { bin, tempProject } from './helpers.js';

// Every file faaslint reads must really be inside the repository and a regular file; every report
// or baseline it writes must not go through a symlink out of it. Inputs are generated here, in a
// real git repository (as CI checks one out) beside an "outside" folder whose marker must never
// appear in any output.

const hasGit = spawnSync('git', ['--version']).status === 0;
const canFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;
const MARKER = 'OUTSIDE_MARKER_7Q';
const SECRET = 'AKIAOUTSIDE7QMARKER9';

/** A handler whose content would produce findings (a credential, module state) and carries the marker. */
const OUTSIDE_HANDLER = `// ${MARKER}\nconst key = "${SECRET}"; // ${MARKER}\nlet ${MARKER} = 0;\nexports.handler = async () => { ${MARKER}++; return key; };\n`;
const OUTSIDE_TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Description: MARKER,
  Resources: { [MARKER]: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: MARKER, PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, Roles: [MARKER] } } },
});

interface Sandbox {
  readonly repo: string;
  readonly outside: string;
  readonly reports: string;
}

/** A git repository and, beside it, an outside folder holding marked files of every kind. */
function sandbox(files: Record<string, string>, { git = hasGit }: { git?: boolean } = {}): Sandbox {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-confine-'));
  const repo = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  const reports = path.join(base, 'reports');
  for (const d of [repo, outside, reports, path.join(outside, 'src'), path.join(outside, 'pkg'), path.join(outside, 'cdk.out')]) fs.mkdirSync(d, { recursive: true });
  if (git) spawnSync('git', ['init', '-q'], { cwd: repo });
  else fs.mkdirSync(path.join(repo, '.git'));
  fs.writeFileSync(path.join(outside, 'h.js'), OUTSIDE_HANDLER);
  fs.writeFileSync(path.join(outside, 'src', 'h.js'), OUTSIDE_HANDLER);
  fs.writeFileSync(path.join(outside, 'lib.js'), `exports.key = "${SECRET}"; // ${MARKER}\n`);
  fs.writeFileSync(path.join(outside, 'pkg', 'package.json'), JSON.stringify({ name: 'outside-pkg', main: 'index.js' }));
  fs.writeFileSync(path.join(outside, 'pkg', 'index.js'), `exports.key = "${SECRET}"; // ${MARKER}\n`);
  fs.writeFileSync(path.join(outside, 'cdk.out', 'Stack.template.json'), OUTSIDE_TEMPLATE);
  fs.writeFileSync(path.join(outside, 'values.yml'), `action: "*"\n# ${MARKER}\n`);
  fs.writeFileSync(path.join(outside, 'config.yaml'), `rules: ${MARKER}\n${MARKER}: [\n`);
  fs.writeFileSync(path.join(outside, 'baseline.json'), `{"${MARKER}": ${MARKER}}`);
  fs.writeFileSync(path.join(outside, 'target.txt'), `${MARKER} untouched\n`);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    fs.writeFileSync(path.join(repo, name), text);
  }
  return { repo, outside, reports };
}

function link(s: Sandbox, name: string, target: string): void {
  fs.mkdirSync(path.dirname(path.join(s.repo, name)), { recursive: true });
  fs.symlinkSync(target, path.join(s.repo, name));
}

function fifo(s: Sandbox, name: string): void {
  fs.mkdirSync(path.dirname(path.join(s.repo, name)), { recursive: true });
  expect(spawnSync('mkfifo', [path.join(s.repo, name)]).status).toBe(0);
}

interface Scan {
  readonly code: number | null;
  /** stdout, stderr and every report file, in every format. */
  readonly all: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly json?: { findings: { ruleId: string; file: string; line: number; message: string }[] };
  readonly ms: number;
}

/** Runs the CLI in the repository, writing every report format outside it (named explicitly, so allowed). */
function scan(s: Sandbox, args: readonly string[] = ['.'], { reports = true }: { reports?: boolean } = {}): Scan {
  const outputs = reports ? ['json', 'sarif', 'github', 'gitlab', 'junit'].flatMap((f) => ['-o', `${f}=${path.join(s.reports, `report.${f}`)}`]) : [];
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args, ...outputs, ...(reports ? ['-o', 'stylish'] : [])], {
    cwd: s.repo,
    encoding: 'utf8',
    timeout: 30_000,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: '1' },
  });
  const ms = Date.now() - started;
  expect(r.signal, 'the scan was killed: it hung').toBeNull();
  const files = fs.readdirSync(s.reports).map((f) => fs.readFileSync(path.join(s.reports, f), 'utf8'));
  const jsonFile = path.join(s.reports, 'report.json');
  const json = fs.existsSync(jsonFile) ? (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as Scan['json']) : undefined;
  for (const f of fs.readdirSync(s.reports)) fs.rmSync(path.join(s.reports, f));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: [r.stdout, r.stderr, ...files].join('\n'), ...(json ? { json } : {}), ms };
}

function expectNoOutsideContent(r: Scan): void {
  expect(r.all).not.toContain(MARKER);
  expect(r.all).not.toContain(SECRET);
  expect(r.all).not.toMatch(/root:x:0:0/);
  // Well within vitest's timeout: nothing waited on a FIFO or read a device.
  expect(r.ms).toBeLessThan(15_000);
}

const findingsOf = (r: Scan) => (r.json?.findings ?? []).map((f) => `${f.ruleId} ${f.file}:${f.line}`);

const SERVERLESS = (handler = 'src/h.handler', extra = '') =>
  `service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: ${handler}\n${extra}`;
const CLEAN_HANDLER = 'exports.handler = async () => 1;\n';

describe.skipIf(process.platform === 'win32')('confinement: symlinks that leave the repository are never followed', () => {
  it('a handler file', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS() });
    link(s, 'src/h.js', path.join(s.outside, 'h.js'));
    const r = scan(s);
    expectNoOutsideContent(r);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['faaslint/read-error src/h.js:1']);
    expect(r.json!.findings[0]!.message).toMatch(/outside the repository/);
  });

  it('a handler folder', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS() });
    link(s, 'src', path.join(s.outside, 'src'));
    const r = scan(s);
    expectNoOutsideContent(r);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['faaslint/read-error serverless.yml:7']);
    expect(r.json!.findings[0]!.message).toMatch(/handler folder src links outside the repository/);
  });

  it('a local import', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': `const { key } = require('./lib');\n${CLEAN_HANDLER}` });
    link(s, 'src/lib.js', path.join(s.outside, 'lib.js'));
    const r = scan(s);
    expectNoOutsideContent(r);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['faaslint/read-error src/lib.js:1']);
  });

  it('a node_modules package and a workspace package', () => {
    const s = sandbox({
      'serverless.yml': SERVERLESS(),
      'src/h.js': `const a = require('outside-pkg');\nconst b = require('../node_modules/linked/index.js');\nconst c = require('@org/lib');\n${CLEAN_HANDLER}`,
      'packages/.keep': '',
    });
    link(s, 'node_modules/outside-pkg', path.join(s.outside, 'pkg'));
    link(s, 'node_modules/linked', path.join(s.outside, 'pkg'));
    link(s, 'packages/lib', path.join(s.outside, 'pkg'));
    const r = scan(s);
    expectNoOutsideContent(r);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['faaslint/read-error node_modules/linked/index.js:1']);
  });

  it('a SAM CodeUri folder', () => {
    const s = sandbox({
      'template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: fn/\n      Handler: h.handler\n      Runtime: nodejs22.x\n',
    });
    link(s, 'fn', s.outside);
    const r = scan(s);
    expectNoOutsideContent(r);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['faaslint/read-error template.yaml:8']);
  });

  it('a cdk.out folder', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': CLEAN_HANDLER, '.gitignore': 'cdk.out\n' });
    link(s, 'cdk.out', path.join(s.outside, 'cdk.out'));
    const r = scan(s);
    expectNoOutsideContent(r);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['faaslint/read-error cdk.out:1']);
  });

  it('a serverless config and a template named on the command line', () => {
    const s = sandbox({ 'ok/serverless.yml': SERVERLESS('h.handler'), 'ok/h.js': CLEAN_HANDLER });
    link(s, 'serverless.yml', path.join(s.outside, 'values.yml'));
    link(s, 'named.json', path.join(s.outside, 'cdk.out', 'Stack.template.json'));
    const r = scan(s, ['.', 'named.json']);
    expectNoOutsideContent(r);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['faaslint/read-error named.json:1', 'faaslint/read-error serverless.yml:1']);
  });

  it('a ${file()} include', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS('src/h.handler', '    role: ${file(./values.yml):action}\n'), 'src/h.js': CLEAN_HANDLER });
    link(s, 'values.yml', path.join(s.outside, 'values.yml'));
    const r = scan(s);
    expectNoOutsideContent(r);
    expect(r.code).toBe(1);
    expect(findingsOf(r)).toEqual(['faaslint/read-error serverless.yml:8']);
  });

  it('faaslint.config.yaml, found or named: exit 2 with the file named, never its content', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': CLEAN_HANDLER });
    link(s, 'faaslint.config.yaml', path.join(s.outside, 'config.yaml'));
    for (const args of [['.'], ['.', '-c', 'faaslint.config.yaml']]) {
      const r = scan(s, args);
      expectNoOutsideContent(r);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/faaslint\.config\.yaml: cannot be read: links outside the repository/);
    }
  });

  it('a config symlinked to /etc/passwd does not print it', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': CLEAN_HANDLER });
    link(s, 'faaslint.config.json', '/etc/passwd');
    link(s, 'base.json', '/etc/passwd');
    for (const args of [['.'], ['.', '--config', 'faaslint.config.json'], ['.', '--baseline', 'base.json']]) {
      const r = scan(s, args);
      expectNoOutsideContent(r);
      expect(r.code).toBe(2);
    }
  });

  it('a baseline', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': CLEAN_HANDLER });
    link(s, '.faaslint-baseline.json', path.join(s.outside, 'baseline.json'));
    const r = scan(s, ['.', '--baseline', '.faaslint-baseline.json']);
    expectNoOutsideContent(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/baseline .*\.faaslint-baseline\.json cannot be read: links outside the repository/);
  });

  it('-o and --write-baseline refuse a symlink in the repository, and a folder that links out; the target is untouched', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': CLEAN_HANDLER });
    const target = path.join(s.outside, 'target.txt');
    link(s, 'faaslint.sarif', target);
    link(s, 'reports', s.outside);
    for (const args of [
      ['.', '-o', 'sarif=faaslint.sarif'],
      ['.', '-o', 'faaslint.sarif'],
      ['.', '-o', 'json=reports/target.txt'],
      ['.', '-o', 'json=reports/new/x.json'],
      ['.', '--write-baseline', 'faaslint.sarif'],
      ['.', '--write-baseline', 'reports/target.txt'],
    ]) {
      const r = scan(s, args, { reports: false });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/not written/);
      expect(fs.readFileSync(target, 'utf8')).toBe(`${MARKER} untouched\n`);
      expect(fs.existsSync(path.join(s.outside, 'new'))).toBe(false);
    }
  });

  it('faaslint policy -o and faaslint init refuse a symlink too', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': CLEAN_HANDLER });
    const target = path.join(s.outside, 'target.txt');
    link(s, 'policy.yaml', target);
    link(s, 'faaslint.config.yaml', path.join(s.outside, 'absent.yaml'));
    for (const args of [['policy', '.', '-o', 'policy.yaml'], ['init']]) {
      const r = scan(s, args, { reports: false });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/is a symlink: not written/);
    }
    expect(fs.readFileSync(target, 'utf8')).toBe(`${MARKER} untouched\n`);
    expect(fs.existsSync(path.join(s.outside, 'absent.yaml'))).toBe(false);
  });

  it('-o and --write-baseline write a path named outside the repository, and replace a regular file inside it', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': CLEAN_HANDLER, 'out/old.sarif': 'old' });
    const r = scan(s, ['.', '-o', `sarif=${path.join(s.outside, 'named.sarif')}`, '-o', 'json=out/old.sarif', '--write-baseline', '../outside/baseline-new.json'], { reports: false });
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(s.outside, 'named.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(JSON.parse(fs.readFileSync(path.join(s.repo, 'out', 'old.sarif'), 'utf8')).tool).toBe('faaslint');
    expect(JSON.parse(fs.readFileSync(path.join(s.outside, 'baseline-new.json'), 'utf8')).version).toBe(1);
    expect(fs.readdirSync(path.join(s.repo, 'out'))).toEqual(['old.sarif']);
  });
});

describe.skipIf(!canFifo)('confinement: devices and FIFOs are never read', () => {
  const cases: [string, (s: Sandbox) => void, readonly string[], number, string[]][] = [
    ['a handler linked to /dev/zero', (s) => link(s, 'src/h.js', '/dev/zero'), ['.'], 1, ['faaslint/read-error src/h.js:1']],
    ['a handler that is a FIFO', (s) => fifo(s, 'src/h.js'), ['.'], 1, ['faaslint/read-error src/h.js:1']],
    ['a config linked to /dev/zero', (s) => link(s, 'svc/serverless.yml', '/dev/zero'), ['.'], 1, ['faaslint/read-error svc/serverless.yml:1']],
    // git never lists a FIFO (nor can one be committed): outside git, the folder walk finds it.
    ['a config that is a FIFO (outside git)', (s) => fifo(s, 'svc/serverless.yml'), ['.'], 1, ['faaslint/read-error svc/serverless.yml:1']],
    ['a ${file()} include that is a FIFO', (s) => fifo(s, 'values.yml'), ['.'], 1, ['faaslint/read-error values.yml:1']],
    ['a ${file()} include linked to /dev/zero', (s) => link(s, 'values.yml', '/dev/zero'), ['.'], 1, ['faaslint/read-error serverless.yml:8']],
    ['a file named on the command line linked to /dev/zero', (s) => link(s, 'named.yaml', '/dev/zero'), ['.', 'named.yaml'], 1, ['faaslint/read-error named.yaml:1']],
    ['a file named on the command line that is a FIFO', (s) => fifo(s, 'named.yaml'), ['.', 'named.yaml'], 1, ['faaslint/read-error named.yaml:1']],
    ['faaslint.config.yaml linked to /dev/zero', (s) => link(s, 'faaslint.config.yaml', '/dev/zero'), ['.'], 2, []],
    ['faaslint.config.yaml that is a FIFO', (s) => fifo(s, 'faaslint.config.yaml'), ['.'], 2, []],
    ['a baseline linked to /dev/zero', (s) => link(s, 'base.json', '/dev/zero'), ['.', '--baseline', 'base.json'], 2, []],
    ['a baseline that is a FIFO', (s) => fifo(s, 'base.json'), ['.', '--baseline', 'base.json'], 2, []],
    ['-o to a FIFO in the repository', (s) => fifo(s, 'out.sarif'), ['.', '-o', 'sarif=out.sarif'], 2, []],
  ];
  it.each(cases)('%s', (name, plant, args, code, findings) => {
    const s = sandbox({ 'serverless.yml': SERVERLESS('src/h.handler', '    role: ${file(./values.yml):action}\n') }, { git: hasGit && !name.includes('outside git') });
    fs.mkdirSync(path.join(s.repo, 'src'));
    plant(s);
    const absent = (name: string) => !fs.lstatSync(path.join(s.repo, name), { throwIfNoEntry: false });
    if (absent('values.yml')) fs.writeFileSync(path.join(s.repo, 'values.yml'), 'action: arn:aws:iam::123456789012:role/r\n');
    if (absent('src/h.js')) fs.writeFileSync(path.join(s.repo, 'src', 'h.js'), CLEAN_HANDLER);
    const r = scan(s, args, { reports: !args.includes('sarif=out.sarif') });
    expectNoOutsideContent(r);
    expect(r.code).toBe(code);
    if (code === 1) expect(findingsOf(r)).toEqual(findings);
    else expect(r.stderr).toMatch(/not a regular file|outside the repository/);
  });
});

describe('baselines and configs are validated before use: a message naming the file, never a stack trace', () => {
  it.each([
    ['{"version":1,"findings":[null]}', /findings\.0: must be object/],
    ['{"version":1,"findings":[{"ruleId":"x","file":"y"}]}', /findings\.0: must have required property 'fingerprint'/],
    ['{"version":2,"findings":[]}', /version: must be equal to constant/],
    ['[]', /\(top level\): must be object/],
    ['{"version":1,"findings":[', /not valid JSON/],
  ])('baseline %s', (text, message) => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': CLEAN_HANDLER, 'base.json': text });
    const r = scan(s, ['.', '--baseline', 'base.json'], { reports: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^faaslint: baseline .*base\.json .*/);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+|internal error/);
  });

  it('a config whose JSON is broken is named without quoting it', () => {
    const s = sandbox({ 'serverless.yml': SERVERLESS(), 'src/h.js': CLEAN_HANDLER, 'faaslint.config.json': `{"rules": ${MARKER}}` });
    const r = scan(s, ['.'], { reports: false });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/faaslint\.config\.json: cannot be read: not valid JSON/);
    expect(r.stderr).not.toContain(MARKER);
  });
});

describe('a file skipped as too large is never read whole later', () => {
  it('SourceLines (suppressions, fingerprints) reads neither a file over the limit nor one the scan skipped', () => {
    const dir = tempProject({ 'big.yaml': `a: 1\n${'#'.repeat(5000)}\n`, 'small.yaml': 'a: 1\n', 'skipped.yaml': 'a: 1\n' });
    const sources = new SourceLines(dir, 1000, new Set(['skipped.yaml']));
    expect(sources.lines('big.yaml')).toBeUndefined();
    expect(sources.lines('skipped.yaml')).toBeUndefined();
    expect(sources.lines('small.yaml')).toEqual(['a: 1', '']);
  });
});

describe('readConfinedText: folders resolved once per run, files opened without following a last symlink', () => {
  const canLink = process.platform !== 'win32';
  function tree(): { repo: string; outside: string } {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-confined-read-'));
    const repo = path.join(base, 'repo');
    const outside = path.join(base, 'outside');
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(repo, 'src', 'a.yml'), 'a: 1\n');
    fs.writeFileSync(path.join(outside, 'b.yml'), `${MARKER}: 1\n`);
    return { repo, outside };
  }

  it.runIf(canLink)('reads through a symlink to a file and to a folder inside, with their real paths', () => {
    const { repo } = tree();
    fs.symlinkSync('a.yml', path.join(repo, 'src', 'link.yml'));
    fs.symlinkSync('src', path.join(repo, 'alias'));
    const viaFile = readConfinedText(path.join(repo, 'src', 'link.yml'), repo, 1000);
    const viaFolder = readConfinedText(path.join(repo, 'alias', 'a.yml'), repo, 1000);
    const real = fs.realpathSync(path.join(repo, 'src', 'a.yml'));
    expect(viaFile).toEqual({ ok: true, text: 'a: 1\n', real });
    expect(viaFolder).toEqual({ ok: true, text: 'a: 1\n', real });
  });

  it.runIf(canLink)('refuses a file or a folder linking out, and names a dangling link', () => {
    const { repo, outside } = tree();
    fs.symlinkSync(path.join(outside, 'b.yml'), path.join(repo, 'src', 'out.yml'));
    fs.symlinkSync(outside, path.join(repo, 'out'));
    fs.symlinkSync('nothing.yml', path.join(repo, 'src', 'dangling.yml'));
    expect(readConfinedText(path.join(repo, 'src', 'out.yml'), repo, 1000)).toMatchObject({ ok: false, refusal: 'outside' });
    expect(readConfinedText(path.join(repo, 'out', 'b.yml'), repo, 1000)).toMatchObject({ ok: false, refusal: 'outside' });
    expect(readConfinedText(path.join(repo, 'src', 'dangling.yml'), repo, 1000)).toEqual({ ok: false, refusal: 'missing', message: 'a symlink to nothing' });
    expect(readConfinedText(path.join(repo, 'src', 'none.yml'), repo, 1000)).toEqual({ ok: false, refusal: 'missing', message: 'no such file' });
  });

  it.runIf(canLink)('a folder turned into a link out after it was resolved is refused; the next run resolves it afresh', () => {
    const { repo, outside } = tree();
    const file = path.join(repo, 'src', 'a.yml');
    expect(readConfinedText(file, repo, 1000)).toMatchObject({ ok: true });
    fs.renameSync(path.join(repo, 'src'), path.join(repo, 'moved'));
    fs.writeFileSync(path.join(outside, 'a.yml'), `${MARKER}: 1\n`);
    fs.symlinkSync(outside, path.join(repo, 'src'));
    expect(readConfinedText(file, repo, 1000)).toMatchObject({ ok: false, refusal: 'outside' });
    clearConfinementCache();
    expect(readConfinedText(file, repo, 1000)).toMatchObject({ ok: false, refusal: 'outside' });
    fs.unlinkSync(path.join(repo, 'src'));
    fs.renameSync(path.join(repo, 'moved'), path.join(repo, 'src'));
    clearConfinementCache();
    expect(readConfinedText(file, repo, 1000)).toEqual({ ok: true, text: 'a: 1\n', real: fs.realpathSync(file) });
  });

  it('reads a file larger than the reused buffer in full, and refuses one over the limit', () => {
    const { repo } = tree();
    const big = `${'x: 1\n'.repeat(200_000)}`;
    fs.writeFileSync(path.join(repo, 'big.yml'), big);
    expect(readConfinedText(path.join(repo, 'big.yml'), repo, 2_000_000)).toMatchObject({ ok: true, text: big });
    expect(readConfinedText(path.join(repo, 'big.yml'), repo, 999_999)).toMatchObject({ ok: false, refusal: 'too-large' });
  });
});
