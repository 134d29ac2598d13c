import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIXED, runCli, tempProject } from './helpers.js';

const run = (args: string[], cwd: string) => runCli(args, { cwd });

type JsonFinding = { ruleId: string; severity: string; file: string; line: number; suppressed?: boolean; justification?: string };
const json = (stdout: string) => JSON.parse(stdout) as { findings: JsonFinding[]; summary: Record<string, number> };
const ids = (stdout: string) => json(stdout).findings.map((f) => `${f.ruleId}@${f.line}`);

describe('exit codes and thresholds', () => {
  it('exits 1 only for findings at or above --fail-on (default error)', () => {
    const warningOnly = tempProject({ 'serverless.yml': MIXED.replace('"s3:*"', 's3:GetObject') });
    expect(run([], warningOnly).code).toBe(0);
    expect(run(['--fail-on', 'warning'], warningOnly).code).toBe(1);
    expect(run(['--fail-on', 'note'], warningOnly).code).toBe(1);
    expect(run([], tempProject({ 'serverless.yml': MIXED })).code).toBe(1);
  });

  it('--max-warnings turns too many warnings into exit 1', () => {
    const dir = tempProject({ 'serverless.yml': MIXED.replace('"s3:*"', 's3:GetObject') });
    expect(run(['--max-warnings', '1'], dir).code).toBe(0);
    expect(run(['--max-warnings', '0'], dir).code).toBe(1);
    expect(run(['--max-warnings', '-1'], dir).code).toBe(2);
  });

  it('a load diagnostic never passes silently', () => {
    const dir = tempProject({ 'serverless.yml': 'service: [broken\n', 'ok/serverless.yml': MIXED.replace('"s3:*"', 's3:GetObject') });
    const r = run(['-f', 'json'], dir);
    expect(r.code).toBe(1);
    expect(ids(r.stdout)).toEqual(['gateway-no-wildcard-cors@15', 'faaslint/parse-error@2']);
  });

  it('a scan whose only config does not parse fails on the parse error', () => {
    const dir = tempProject({ 'serverless.yml': 'service: [broken\n' });
    const r = run(['-f', 'json'], dir);
    expect(r.code).toBe(1);
    expect(ids(r.stdout)).toEqual(['faaslint/parse-error@2']);
  });
});

describe('configuration', () => {
  it('overrides severities, turns rules off and ignores paths', () => {
    const dir = tempProject({
      'serverless.yml': MIXED,
      'legacy/serverless.yml': MIXED,
      'faaslint.config.yaml': 'rules:\n  iam-no-wildcard-action: warning\n  gateway-no-wildcard-cors: off\nignore:\n  - legacy/\n',
    });
    const r = run(['-f', 'json'], dir);
    expect(json(r.stdout).findings.map((f) => [f.ruleId, f.severity, f.file])).toEqual([['iam-no-wildcard-action', 'warning', 'serverless.yml']]);
    expect(r.code).toBe(0);
  });

  it('configures load diagnostics and meta rules like rules', () => {
    const dir = tempProject({
      'serverless.yml': MIXED.replace('          Action: "s3:*"', '          # faaslint-disable-next-line iam-no-wildcard-action\n          Action: "s3:*"'),
      'code/serverless.ts': 'export default makeConfig();\n',
      'faaslint.config.yaml': 'rules:\n  faaslint/not-analysed: error\n  meta-suppression-needs-reason: off\n',
    });
    const r = run(['-f', 'json'], dir);
    expect(json(r.stdout).findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['faaslint/not-analysed', 'error'],
      ['gateway-no-wildcard-cors', 'warning'],
    ]);
    expect(r.code).toBe(1);
  });

  it.each([
    ['an unknown rule id', 'rules:\n  iam-no-wildcard-actoin: error\n', /rules\.iam-no-wildcard-actoin: unknown rule id \(did you mean iam-no-wildcard-action\?\)/],
    ['an unknown diagnostic', 'rules:\n  faaslint/not-analysd: off\n', /rules\.faaslint\/not-analysd: unknown rule id \(did you mean faaslint\/not-analysed\?\)/],
    ['a misspelt setting', 'failon: error\n', /failon: unknown setting \(did you mean failOn\?\)/],
    ['an unknown severity', 'rules:\n  iam-no-wildcard-action: fatal\n', /rules\.iam-no-wildcard-action: must be one of off, note, warning, error/],
    ['an unknown setting', 'rulez: {}\n', /rulez: unknown setting/],
    ['a malformed file', 'rules: [\n', /cannot be read/],
  ])('rejects %s with exit 2 and a message naming the file and key', (_name, config, message) => {
    const dir = tempProject({ 'serverless.yml': MIXED, 'faaslint.config.yaml': config });
    const r = run([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/faaslint\.config\.yaml/);
    expect(r.stderr).toMatch(message);
  });

  it('reads --config and its stage and params', () => {
    const dir = tempProject({
      'serverless.yml': MIXED.replace('"s3:*"', '${param:action}'),
      'ci/faaslint.json': JSON.stringify({ params: { action: 's3:*' } }),
    });
    expect(ids(run(['-f', 'json', '--config', 'ci/faaslint.json'], dir).stdout)).toContain('iam-no-wildcard-action@8');
    expect(run(['--config', 'missing.yaml'], dir).code).toBe(2);
  });
});

describe('suppressions', () => {
  const suppressed = (text: string) =>
    MIXED.replace('          Action: "s3:*"', `${text}\n          Action: "s3:*"`);

  it('honours # faaslint-disable-next-line with a reason', () => {
    const dir = tempProject({ 'serverless.yml': suppressed('          # faaslint-disable-next-line iam-no-wildcard-action -- archive job needs every S3 action') });
    const r = run(['-f', 'json'], dir);
    expect(ids(r.stdout)).toEqual(['gateway-no-wildcard-cors@16']);
    expect(json(r.stdout).summary.suppressed).toBe(1);
    const all = json(run(['-f', 'json', '--include-suppressed'], dir).stdout).findings.find((f) => f.suppressed)!;
    expect(all).toMatchObject({ ruleId: 'iam-no-wildcard-action', justification: 'archive job needs every S3 action' });
  });

  it('honours faaslint-disable-line on the line itself', () => {
    const dir = tempProject({ 'serverless.yml': MIXED.replace('Action: "s3:*"', 'Action: "s3:*" # faaslint-disable-line iam-no-wildcard-action -- reviewed') });
    expect(ids(run(['-f', 'json'], dir).stdout)).toEqual(['gateway-no-wildcard-cors@15']);
  });

  it('reports a suppression without a reason, an unknown rule id, and unused ones on request', () => {
    const dir = tempProject({ 'serverless.yml': suppressed('          # faaslint-disable-next-line iam-no-wildcard-action, iam-no-such-rule') });
    const r = run(['-f', 'json'], dir);
    expect(ids(r.stdout).sort()).toEqual(['gateway-no-wildcard-cors@16', 'meta-invalid-suppression@8', 'meta-suppression-needs-reason@8']);
    const unused = tempProject({ 'serverless.yml': `# faaslint-disable-next-line gateway-require-authorizer -- not needed any more\n${MIXED}` });
    expect(ids(run(['-f', 'json'], unused).stdout)).not.toContain('meta-unused-suppression@1');
    expect(ids(run(['-f', 'json', '--report-unused-suppressions'], unused).stdout)).toContain('meta-unused-suppression@1');
  });

  it('honours // faaslint-disable-next-line in handler code', () => {
    const dir = tempProject({
      'serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: src/h.handler\n',
      'src/h.js': "let n = 0;\nexports.handler = async () => {\n  // faaslint-disable-next-line handler-no-module-state -- demo counter\n  n++;\n  n--;\n  return n;\n};\n",
    });
    expect(ids(run(['-f', 'json'], dir).stdout)).toEqual(['handler-no-module-state@5']);
  });

  it('honours Metadata.faaslint.ignore on a CloudFormation resource', () => {
    const template = `Resources:
  Role:
    Type: AWS::IAM::Role
    Metadata:
      faaslint:
        ignore:
          - rule: iam-no-wildcard-action
            reason: break-glass role, reviewed quarterly
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: "sqs:*", Resource: arn:aws:sqs:us-east-1:123456789012:q }
`;
    const dir = tempProject({ 'template.yaml': template });
    expect(ids(run(['-f', 'json'], dir).stdout)).toEqual([]);
    const audit = run(['-f', 'json', '--no-inline-config'], dir);
    expect(ids(audit.stdout)).toEqual(['iam-no-wildcard-action@16']);
    const noReason = tempProject({ 'template.yaml': template.replace('            reason: break-glass role, reviewed quarterly\n', '') });
    expect(ids(run(['-f', 'json'], noReason).stdout)).toEqual(['meta-suppression-needs-reason@7']);
  });

  it('a config can forbid inline suppressions for audits', () => {
    const dir = tempProject({
      'serverless.yml': suppressed('          # faaslint-disable-next-line iam-no-wildcard-action -- fine'),
      'faaslint.config.yaml': 'noInlineConfig: true\n',
    });
    expect(ids(run(['-f', 'json'], dir).stdout)).toContain('iam-no-wildcard-action@9');
  });
});

describe('baseline', () => {
  it('reports only new findings, and survives inserted lines', () => {
    const dir = tempProject({ 'serverless.yml': MIXED });
    const w = run(['--write-baseline', 'baseline.json'], dir);
    expect(w.code).toBe(0);
    expect(run(['--baseline', 'baseline.json'], dir).code).toBe(0);
    // Lines inserted above every finding: the fingerprints still match.
    fs.writeFileSync(path.join(dir, 'serverless.yml'), `# a comment\n# another\n${MIXED}`);
    const moved = run(['-f', 'json', '--baseline', 'baseline.json'], dir);
    expect(json(moved.stdout).findings).toEqual([]);
    expect(json(moved.stdout).summary.baselined).toBe(2);
    // A new violation is reported; a fixed one shows up as a stale entry.
    fs.writeFileSync(path.join(dir, 'serverless.yml'), MIXED.replace('cors: true', 'cors: false').replace('arn:aws:s3:::b/*', '"*"'));
    const changed = run(['-f', 'json', '--baseline', 'baseline.json'], dir);
    expect(ids(changed.stdout)).toEqual(['iam-no-wildcard-resource@9']);
    expect(json(changed.stdout).summary.staleBaselineEntries).toBe(1);
    expect(run(['--baseline', 'nope.json'], dir).code).toBe(2);
  });
});

describe('github format', () => {
  it('prints workflow commands with escaped properties', () => {
    const dir = tempProject({ 'svc, one/serverless.yml': MIXED });
    const r = run(['-f', 'github'], dir);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^::error file=svc%2C one\/serverless\.yml,line=8,col=19,endLine=8,endColumn=\d+,title=iam-no-wildcard-action::Allow statement/);
    expect(lines[1]).toMatch(/^::warning file=.*,line=15,.*title=gateway-no-wildcard-cors::/);
  });
});
