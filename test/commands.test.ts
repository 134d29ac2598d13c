import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RULES } from '../rules/index.js';
import { loadConfig } from '../src/config.js';
import { configurableIds } from '../src/config-schema.js';
import { configTemplate } from '../src/config-template.js';
import { lint } from '../src/run.js';
import { MIXED, bin, repoRoot, runCli, tempProject } from './helpers.js';

const run = (args: string[], cwd = repoRoot, env: Record<string, string | undefined> = { NO_COLOR: '1' }) => runCli(args, { cwd, env: { NO_COLOR: undefined, ...env } });

describe('faaslint rules', () => {
  it('lists every configurable id with its default severity, inputs and description', () => {
    const r = run(['rules']);
    expect(r.code).toBe(0);
    for (const id of configurableIds(RULES)) expect(r.stdout, id).toMatch(new RegExp(`^${id.replace(/[/.]/g, '\\$&')} +(error|warning|note) `, 'm'));
    expect(r.stdout).toMatch(/^iam-no-wildcard-action +error +serverless, sam, cloudformation +An Allow statement grants every action/m);
    const json = JSON.parse(run(['rules', '-f', 'json']).stdout) as { id: string; severity: string }[];
    expect(json.map((r) => r.id)).toEqual(configurableIds(RULES));
  });

  it('prints a rule\'s README, and what a meta rule or a diagnostic means', () => {
    expect(run(['rules', 'iam-no-wildcard-action']).stdout).toBe(fs.readFileSync(path.join(repoRoot, 'rules/iam-no-wildcard-action/README.md'), 'utf8'));
    expect(run(['rules', 'meta-suppression-needs-reason']).stdout).toMatch(/^# meta-suppression-needs-reason\n[\s\S]*gives no reason/);
    expect(run(['rules', 'faaslint/not-analysed']).stdout).toMatch(/^# faaslint\/not-analysed\n[\s\S]*never executes/);
  });

  it('an unknown id is an error with a suggestion', () => {
    const r = run(['rules', 'iam-no-wildcard-actoin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown rule id iam-no-wildcard-actoin \(did you mean iam-no-wildcard-action\?\)/);
  });
});

describe('commands and paths', () => {
  it('a folder named like a command is scanned with `scan` or ./', () => {
    const dir = tempProject({ 'rules/serverless.yml': MIXED });
    expect(run(['scan', 'rules'], dir).stdout).toMatch(/^rules\/serverless\.yml:8:19 /m);
    expect(run(['./rules'], dir).stdout).toMatch(/^rules\/serverless\.yml:8:19 /m);
    expect(run(['rules'], dir).stdout).toMatch(/^id +default/);
  });

  it('-v and --version print the version', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(run(['-v']).stdout.trim()).toBe(version);
    expect(run(['--version']).stdout.trim()).toBe(version);
  });

  it('unknown options are errors with a suggestion', () => {
    const r = run(['--formt', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--formt'[\s\S]*Did you mean --format\?/);
  });
});

describe('faaslint policy', () => {
  it('a path that does not exist is an error', () => {
    const r = run(['policy', 'nope'], tempProject({}));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope: no such file or directory/);
  });

  it('a folder with no config is an error', () => {
    const r = run(['policy'], tempProject({ 'README.md': 'x' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no configuration file found/);
  });

  it('has options of its own, and rejects the scan\'s', () => {
    expect(run(['policy', '--fail-on', 'error']).code).toBe(2);
    expect(run(['policy', '--help']).stdout).toMatch(/--format <format> +output format \(choices: "yaml", "json"/);
  });

  it('writes into a folder it creates', () => {
    const dir = tempProject({ 'serverless.yml': MIXED, 'h.js': 'exports.f = async () => 1;\n' });
    expect(run(['policy', '-o', 'out/policy.yaml'], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out/policy.yaml'), 'utf8')).toMatch(/^# serverless\.yml/);
  });
});

describe('faaslint init', () => {
  it('writes a commented config that changes nothing, and refuses to overwrite it', () => {
    const dir = tempProject({ 'serverless.yml': MIXED });
    const r = run(['init'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/wrote faaslint\.config\.yaml/);
    const text = fs.readFileSync(path.join(dir, 'faaslint.config.yaml'), 'utf8');
    expect(text).toMatch(/^ {2}# iam-no-wildcard-action: error +# An Allow statement/m);
    expect(text).toMatch(/^ {2}# faaslint\/not-analysed: warning/m);
    expect(run(['-f', 'json'], dir).code).toBe(1);
    expect(run(['init'], dir).code).toBe(2);
    expect(run(['init', '--force'], dir).code).toBe(0);
  });

  it('every commented line of the template is valid once uncommented', () => {
    const template = configTemplate(RULES);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-init-')), 'faaslint.config.yaml');
    const uncommented = template.replace(/^( *)# (?=[\w"/*-]+:|- )/gm, '$1');
    expect(parseYaml(uncommented)).toMatchObject({ rules: { 'iam-no-wildcard-action': 'error', 'faaslint/not-analysed': 'warning' }, failOn: 'error' });
    fs.writeFileSync(file, uncommented);
    expect(() => loadConfig(file, configurableIds(RULES))).not.toThrow();
    fs.writeFileSync(file, template);
    expect(loadConfig(file, configurableIds(RULES)).rules).toEqual({});
  });
});

describe('scan options', () => {
  it('--now refuses a date that does not exist', () => {
    const dir = tempProject({ 'serverless.yml': MIXED });
    const r = run(['--now', '2026-02-31'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--now <YYYY-MM-DD>' argument '2026-02-31' is invalid. expected a real date/);
    expect(run(['--now', '2028-02-29'], dir).code).not.toBe(2);
  });

  it('-o writes into a folder it creates', () => {
    const dir = tempProject({ 'serverless.yml': MIXED });
    expect(run(['-f', 'sarif', '-o', 'reports/deep/faaslint.sarif'], dir).code).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'reports/deep/faaslint.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('one scan writes several reports: -o FORMAT=FILE, and -o FORMAT to stdout', () => {
    const dir = tempProject({ 'serverless.yml': MIXED });
    const r = run(['-o', 'sarif=out/r.sarif', '-o', 'json=out/r.json', '-o', 'github'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=serverless\.yml,line=8,/m);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'out/r.sarif'), 'utf8'));
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'out/r.json'), 'utf8'));
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(json.findings.map((f: { ruleId: string }) => f.ruleId));
  });

  it.each([
    [['-o', 'json', '-o', 'stylish'], /only one report can go to stdout/],
    [['-o', 'xml=out.xml'], /unknown format "xml"/],
    [['-o', 'a.json', '-o', 'sarif=a.json'], /a\.json is named twice/],
  ])('rejects outputs %j', (args, message) => {
    const r = run(args, tempProject({ 'serverless.yml': MIXED }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--quiet reports errors only, and warnings then do not fail the run', () => {
    const dir = tempProject({ 'serverless.yml': MIXED });
    const r = run(['--quiet'], dir);
    expect(r.stdout).toMatch(/iam-no-wildcard-action/);
    expect(r.stdout).not.toMatch(/gateway-no-wildcard-cors/);
    const warningOnly = tempProject({ 'serverless.yml': MIXED.replace('"s3:*"', 's3:GetObject') });
    expect(run(['--fail-on', 'warning'], warningOnly).code).toBe(1);
    expect(run(['--fail-on', 'warning', '-q'], warningOnly).code).toBe(0);
  });

  it('colour: --no-color and NO_COLOR win, then --color and FORCE_COLOR', () => {
    const dir = tempProject({ 'serverless.yml': MIXED });
    const ansi = /\x1b\[/;
    expect(run([], dir, {}).stdout).not.toMatch(ansi);
    expect(run([], dir, { FORCE_COLOR: '1' }).stdout).toMatch(ansi);
    expect(run([], dir, { FORCE_COLOR: '0' }).stdout).not.toMatch(ansi);
    expect(run(['--no-color'], dir, { FORCE_COLOR: '1' }).stdout).not.toMatch(ansi);
    expect(run([], dir, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toMatch(ansi);
    expect(run(['--color'], dir, {}).stdout).toMatch(ansi);
    expect(run(['--color', '-o', 'out.txt'], dir, {}).stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'out.txt'), 'utf8')).not.toMatch(ansi);
  });

  it('--include-suppressed lists suppressed findings with their reason in every format', () => {
    const dir = tempProject({ 'serverless.yml': MIXED.replace('          Action: "s3:*"', '          # faaslint-disable-next-line iam-no-wildcard-action -- archive job\n          Action: "s3:*"') });
    expect(run([], dir).stdout).not.toMatch(/iam-no-wildcard-action/);
    expect(run(['--include-suppressed'], dir).stdout).toMatch(/^serverless\.yml:9:19 {2}error {2}.* {2}iam-no-wildcard-action {2}\(suppressed: archive job\)$/m);
    expect(run(['--include-suppressed', '-f', 'github'], dir).stdout).toMatch(/^::notice file=serverless\.yml,line=9,.*title=iam-no-wildcard-action::\[suppressed: archive job\] Allow/m);
    expect(run(['--include-suppressed', '-f', 'json'], dir).stdout).toMatch(/"justification": "archive job"/);
    expect(run(['--include-suppressed', '-f', 'sarif'], dir).stdout).toMatch(/"justification": "archive job"/);
  });

  it('the README option table lists every scan option', () => {
    const help = run(['scan', '--help']).stdout;
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const options = [...help.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!).filter((o) => o !== '--help');
    expect(options.length).toBeGreaterThan(20);
    for (const option of options) expect(readme, option).toMatch(new RegExp(`(\`|, )${option}\\b`));
  });
});

describe('the process', () => {
  it('a reader that closes the pipe early gets no EPIPE stack trace', () => {
    const statements = Array.from({ length: 200 }, (_, i) => `        - Effect: Allow\n          Action: "s3:*"\n          Resource: arn:aws:s3:::b${i}/*\n`).join('');
    const dir = tempProject({ 'serverless.yml': `service: s\nprovider:\n  name: aws\n  iam:\n    role:\n      statements:\n${statements}` });
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" . | head -1; exit \${PIPESTATUS:-0}`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('a checkout without dist/ says to build, with exit 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-unbuilt-'));
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(bin, path.join(dir, 'bin', 'faaslint.js'));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type": "module"}');
    const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'faaslint.js'), '.'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not built \(no dist\/\): run `npm run build`/);
  });

  it('progress covers loading, handler analysis and rules, in order', async () => {
    const dir = tempProject({ 'serverless.yml': MIXED.replace('handler: h.f', 'handler: src/h.f'), 'src/h.js': 'exports.f = async () => 1;\n' });
    const seen: [number, string][] = [];
    await lint({ paths: [dir], config: false, onProgress: (fraction, label) => seen.push([fraction, label]) });
    const fractions = seen.map(([f]) => f);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(seen.some(([, l]) => l.endsWith('serverless.yml'))).toBe(true);
    expect(seen.some(([f, l]) => l.endsWith(path.join('src', 'h.js')) && f >= 0.6)).toBe(true);
    expect(seen.at(-1)![1]).toMatch(/^rule /);
    expect(seen.at(-1)![0]).toBeGreaterThanOrEqual(0.95);
  });
});
