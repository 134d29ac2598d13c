import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './helpers.js';

/** Keys that reach JavaScript built-ins when a lookup is not restricted to own properties. */
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;
const LEAK = /native code|function Object|\[object Object\]|TypeError|RangeError|internal-error|\n\s+at .*:\d+:\d+/;

function serverless(k: string): string {
  return `service: s
params:
  default:
    ok: 1
provider:
  name: aws
  runtime: ${k}
  iam:
    role:
      managedPolicies:
        - arn:aws:iam::aws:policy/${k}
      statements:
        - Effect: Allow
          Action: \${param:${k}}
          Resource: \${self:custom.${k}}
        - Effect: Allow
          Action: \${opt:${k}, 's3:GetObject'}
          Resource: \${file(./v.yml):${k}}
        - Effect: Allow
          Action: \${sls:${k}}
          Resource: \${env:${k}}
custom:
  a: 1
functions:
  ${k}:
    handler: h.${k}
    runtime: ${k}
    events:
      - ${k}: {}
      - http: {path: /x, method: ${k}}
  f:
    handler: h.f
    environment:
      ${k}: \${param:${k}}
`;
}

function template(k: string): string {
  return `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  P:
    Type: String
    Default: x
Mappings:
  M:
    a:
      b: c
Conditions:
  C: !Equals [a, b]
Globals:
  ${k}:
    Timeout: 3
Resources:
  F:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: ${k}
      Handler: h.${k}
      Policies:
        - ${k}: {}
        - ${k}
        - Statement:
            - Effect: Allow
              Action: !FindInMap [${k}, ${k}, ${k}]
              Resource: !If [${k}, !Ref ${k}, !GetAtt ${k}.Arn]
            - Effect: Allow
              Action: !Sub "\${${k}}"
              Resource: !Select [0, !Ref ${k}]
      Events:
        E:
          Type: ${k}
          Properties: {Path: /x, Method: ${k}}
  ${k}:
    Type: ${k}
    Properties: {}
  R:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/${k}]
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ${k}}, Action: sts:AssumeRole}]}
  # faaslint-disable-next-line ${k} -- reviewed
  Q:
    Type: AWS::SQS::Queue
`;
}

describe('lookups by user-controlled keys see own properties only', () => {
  const files: Record<string, string> = {};
  KEYS.forEach((k, i) => {
    files[`s${i}/serverless.yml`] = serverless(k);
    files[`s${i}/v.yml`] = 'a: 1\n';
    files[`s${i}/h.js`] = `const fs = require('fs');\nexports.${k} = async (e) => { fs.${k}('/tmp/x'); return e.${k}; };\nexports.f = async () => 1;\n`;
    files[`t${i}/template.yaml`] = template(k);
  });

  it('variables, params, mappings, conditions, policy templates, event types, runtimes, managed policies and suppressed rule ids', () => {
    const dir = tempProject(files);
    const r = runCli(['.', '-f', 'json', '--param', 'constructor=x', '--report-unused-suppressions'], { cwd: dir });
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(LEAK);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { findings: { ruleId: string; file: string; line: number }[] }).findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);
    // Each template's suppression names an unknown rule: reported as such, not looked up on Object.prototype.
    KEYS.forEach((_k, i) => expect(found).toContain(`meta-invalid-suppression t${i}/template.yaml:44`));
  }, 30_000);

  it('params and rules in faaslint.config.yaml', () => {
    const params = tempProject({ ...files, 'faaslint.config.yaml': `params:\n${KEYS.map((k) => `  "${k}": v`).join('\n')}\n` });
    const withParams = runCli(['.', '-f', 'json'], { cwd: params });
    expect(`${withParams.stdout}\n${withParams.stderr}`).not.toMatch(LEAK);
    expect(withParams.code).toBe(1);
    for (const k of KEYS) {
      const rules = tempProject({ 's/serverless.yml': serverless('nodejs22.x'), 'faaslint.config.yaml': `rules:\n  "${k}": off\n` });
      const r = runCli(['.'], { cwd: rules });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(k);
      expect(r.stderr).not.toMatch(LEAK);
    }
  }, 60_000);

  it.each(KEYS.flatMap((k) => [k, `faaslint/${k}`]))('`faaslint rules %s` is an unknown id', (id) => {
    const r = runCli(['rules', id]);
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(LEAK);
    expect(r.stderr).toContain('unknown rule id');
  });
});
