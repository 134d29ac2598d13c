import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempProject } from './helpers.js';


const run = (args: string[], cwd = repoRoot) => runCli(args, { cwd });


const WILDCARD = `service: s\nprovider:\n  name: aws\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: "s3:*"\n          Resource: arn:aws:s3:::b/*\nfunctions:\n  f:\n    handler: h.f\n`;
const CLEAN = `service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n`;

describe('faaslint CLI', () => {
  it('exits 1 and prints file:line:col, severity, message and rule id for findings', () => {
    const dir = tempProject({ 'serverless.yml': WILDCARD });
    const r = run(['.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^serverless\.yml:8:19 {2}error {2}Allow statement grants every s3 action .* {2}iam-no-wildcard-action$/m);
  });

  it('exits 0 on a clean project', () => {
    const dir = tempProject({ 'serverless.yml': CLEAN });
    const r = run([], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No problems found \(1 config file analysed, [0-9.]+ s\)\./);
  });

  it('reports an unparsable file as an error finding with its position, and still checks the others', () => {
    const dir = tempProject({ 'a/serverless.yml': 'service: [unclosed\n', 'b/serverless.yml': WILDCARD });
    const r = run(['--format', 'json'], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    const ids = json.findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`);
    expect(ids).toEqual(['faaslint/parse-error a/serverless.yml', 'iam-no-wildcard-action b/serverless.yml']);
  });

  it('exits 2 on bad flags', () => {
    expect(run(['--format', 'xml']).code).toBe(2);
    expect(run(['--no-such-flag']).code).toBe(2);
  });

  it('writes SARIF 2.1.0 with repository-relative URIs to --output', () => {
    const dir = tempProject({ 'svc/serverless.yml': WILDCARD });
    const out = path.join(dir, 'out.sarif');
    const r = run(['-f', 'sarif', '-o', out], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const result = sarif.runs[0].results[0];
    expect(result.ruleId).toBe('iam-no-wildcard-action');
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'svc/serverless.yml', uriBaseId: '%SRCROOT%' });
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 8, startColumn: 19 });
    expect(sarif.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('iam-no-wildcard-action');
  });

  it('resolves --stage and --param in serverless variables', () => {
    const config = `service: s\nprovider:\n  name: aws\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: \${param:action, 's3:GetObject'}\n          Resource: arn:aws:s3:::b-\${sls:stage}/*\nfunctions:\n  f:\n    handler: h.f\n`;
    const dir = tempProject({ 'serverless.yml': config });
    expect(run([], dir).code).toBe(0);
    expect(run(['--param', 'action=s3:*', '--stage', 'prod'], dir).code).toBe(1);
  });

  it('reads serverless.ts as data without executing it', () => {
    const dir = tempProject({
      'serverless.ts': `require('fs').writeFileSync('executed', 'x');\nexport default { service: 's', provider: { name: 'aws', iam: { role: { statements: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' }] } } } };\n`,
    });
    const json = JSON.parse(run(['--format', 'json'], dir).stdout);
    expect(json.findings.map((f: { ruleId: string; file: string; line: number }) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['iam-no-wildcard-action serverless.ts:2']);
    expect(fs.existsSync(path.join(dir, 'executed'))).toBe(false);
  });

  it('says a serverless.js whose configuration is computed by code is not analysed, and runs none of it', () => {
    const dir = tempProject({ 'serverless.js': `require('fs').writeFileSync('executed', 'x');\nmodule.exports = (() => ({ service: 's' }))();\n` });
    const json = JSON.parse(run(['--format', 'json'], dir).stdout);
    expect(json.findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`)).toEqual(['faaslint/not-analysed:2']);
    expect(fs.existsSync(path.join(dir, 'executed'))).toBe(false);
  });

  it('does not read ${file()} outside the repository', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.yml'), 'action: "*"\n');
    const rel = path.relative(os.tmpdir(), outside);
    const config = `service: s\nprovider:\n  name: aws\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: \${file(../${rel}/secret.yml):action}\n          Resource: "*"\nfunctions:\n  f:\n    handler: h.f\n`;
    const dir = tempProject({ 'serverless.yml': config });
    const json = JSON.parse(run(['-f', 'json'], dir).stdout);
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['faaslint/read-error']);
  });

  it('skips node_modules, .serverless and gitignored folders', () => {
    const dir = tempProject({
      '.gitignore': 'generated/\n',
      'node_modules/x/serverless.yml': WILDCARD,
      '.serverless/serverless.yml': WILDCARD,
      'generated/serverless.yml': WILDCARD,
      'serverless.yml': CLEAN,
    });
    const r = run(['-f', 'json'], dir);
    expect(JSON.parse(r.stdout)).toMatchObject({ filesAnalysed: 1, findings: [] });
  });

  it('ignores YAML that is neither kind, and says so with --debug', () => {
    const dir = tempProject({ '.github/workflows/ci.yml': 'on: push\njobs: {}\n', 'docker-compose.yml': 'services: {}\n', 'other.yaml': 'Resources: {}\nTransform: nothing\n' });
    const r = run(['--debug', '--allow-empty'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/other\.yaml: not a Serverless, SAM or CloudFormation file/);
  });

  it('judges runtime deprecation against --now', () => {
    const dir = tempProject({ 'serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  f:\n    handler: h.f\n' });
    expect(run(['--now', '2025-12-01', '-f', 'json'], dir).code).toBe(0);
    const soon = JSON.parse(run(['--now', '2026-03-01', '-f', 'json', '--fail-on', 'note'], dir).stdout);
    expect(soon.findings.map((f: { ruleId: string; severity: string }) => [f.ruleId, f.severity])).toEqual([['function-no-deprecated-runtime', 'note']]);
    expect(run(['--now', '2026-05-01'], dir).code).toBe(1);
    expect(run(['--now', 'yesterday'], dir).code).toBe(2);
  });

  it('--projects-of scans only the projects the changed files belong to', () => {
    const dir = tempProject({
      'a/serverless.yml': WILDCARD,
      'a/src/h.js': 'exports.f = async () => 1;\n',
      'b/serverless.yml': WILDCARD,
      'docs/readme.md': 'x',
    });
    const one = JSON.parse(run(['--projects-of', 'a/src/h.js', '-f', 'json'], dir).stdout);
    expect(one.findings.map((f: { file: string }) => f.file)).toEqual(['a/serverless.yml']);
    expect(run(['--projects-of', 'docs/readme.md'], dir).code).toBe(0);
    expect(run(['--projects-of', 'docs/readme.md'], dir).stdout).toBe('');
  });

  it('scans cdk.out templates even though .gitignore lists cdk.out', () => {
    const template = JSON.stringify({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] } }] } } } }, null, 1);
    const dir = tempProject({ '.gitignore': 'cdk.out\nnode_modules\n', 'cdk.out/AppStack.template.json': template, 'cdk.out/manifest.json': '{"version": "36.0.0"}' });
    const json = JSON.parse(run(['-f', 'json'], dir).stdout);
    expect(json.findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`)).toEqual(['iam-no-wildcard-action cdk.out/AppStack.template.json']);
  });
});
