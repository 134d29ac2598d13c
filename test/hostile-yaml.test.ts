import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from './helpers.js';

/*
 * Hostile YAML and JSON (issue 17): generated here, small on disk, each scanned by the CLI with
 * a serverless.yml beside it whose finding must still be reported.
 */

const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const ROLE = `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: "*"
                Resource: arn:aws:s3:::bucket/key
`;
/** The line of `Action: "*"` in ROLE, counted from the line ROLE starts at. */
const ACTION_LINE = 11;
const OTHER = 'service: s\nprovider:\n  name: aws\n  iamRoleStatements:\n    - {Effect: Allow, Action: "*", Resource: "*"}\nfunctions:\n  f:\n    handler: h.f\n';

interface Scan {
  code: number | null;
  ms: number;
  findings: { ruleId: string; file: string; line: number; message: string; severity: string }[];
}

function scan(files: Record<string, string>): Scan {
  const dir = tempProject({ ...files, 'other/serverless.yml': OTHER });
  const started = Date.now();
  const r = runCli([dir, '-f', 'json', '--no-progress']);
  const ms = Date.now() - started;
  expect(r.stderr).toBe('');
  const findings = JSON.parse(r.stdout).findings as Scan['findings'];
  expect(findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toContain('iam-no-wildcard-action other/serverless.yml:5');
  return { code: r.code, ms, findings };
}

const of = (s: Scan, ruleId: string) => s.findings.filter((f) => f.ruleId === ruleId);

// Forces the Document path: the token builder leaves every directive but `%YAML` to it.
const DIRECTIVE = '%TAG !e! tag:example.com,2000:\n---\n';

describe('hostile YAML and JSON: bounded, and never silent', () => {
  it.each([
    ['the token builder', ''],
    ['the Document path', DIRECTIVE],
  ])('reads 20,000 aliases in 80 KB in linear time (%s)', (_, head) => {
    const aliases = `Mappings:\n  M:\n    a: &a v\n    l: [${Array(20_000).fill('*a').join(', ')}]\n`;
    const text = `${head}${TEMPLATE}${aliases}${ROLE}`;
    expect(text.length).toBeLessThan(100_000);
    const s = scan({ 'alias/template.yaml': text });
    expect(s.code).toBe(1);
    expect(of(s, 'faaslint/parse-error')).toEqual([]);
    const roleStart = text.split('\n').indexOf('Resources:') + 1;
    expect(s.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toContain(`iam-no-wildcard-action alias/template.yaml:${roleStart + ACTION_LINE - 1}`);
    expect(s.ms).toBeLessThan(30_000);
  });

  it('refuses an alias bomb on the Document path too, with a located error', () => {
    const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const s = scan({ 'bomb/template.yaml': `${DIRECTIVE}${TEMPLATE}Resources: {}\n${lines.join('\n')}\n` });
    expect(s.code).toBe(1);
    expect(of(s, 'faaslint/parse-error').map((f) => [f.file, f.message])).toEqual([['bomb/template.yaml', 'aliases expand to more than 2000000 nodes; the file is not analysed']]);
    expect(s.ms).toBeLessThan(30_000);
  });

  it('checks a map of 400,000 keys for duplicates in linear time', () => {
    const keys = Array.from({ length: 400_000 }, (_, i) => `    k${i}: 1`).join('\n');
    const s = scan({ 'keys/template.yaml': `${TEMPLATE}Mappings:\n  M:\n${keys}\n` });
    expect(s.code).toBe(1);
    expect(of(s, 'faaslint/duplicate-key')).toEqual([]);
    expect(of(s, 'faaslint/parse-error')).toEqual([]);
    expect(s.ms).toBeLessThan(30_000);
  });

  it.each([
    ['JSON', 'dups/template.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Mappings": {"M": {${Array(140_000).fill('"k": 1').join(', ')}}}, "Resources": {"Role": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Action": "*", "Resource": "arn:aws:s3:::b/k"}]}}]}}}}`],
    ['YAML', 'dups/template.yaml', `${TEMPLATE}Mappings:\n  M:\n${'    k: 1\n'.repeat(140_000)}${ROLE.replace('Action: "*"', 'Action: s3:GetObject\n                Action: "*"')}`],
    ['YAML on the Document path', 'dups/template.yaml', `${DIRECTIVE}${TEMPLATE}Mappings:\n  M:\n${'    k: 1\n'.repeat(140_000)}${ROLE.replace('Action: "*"', 'Action: s3:GetObject\n                Action: "*"')}`],
  ])('survives 140,000 duplicate keys (%s): 20 diagnostics and a count, the last value analysed', (_, file, text) => {
    const s = scan({ [file]: text });
    expect(s.code).toBe(1);
    const duplicates = of(s, 'faaslint/duplicate-key');
    expect(duplicates).toHaveLength(21);
    expect(duplicates.map((d) => d.severity)).toEqual(Array(21).fill('warning'));
    expect(duplicates.some((d) => /^139980 more duplicate keys in this file/.test(d.message))).toBe(true);
    // The repeated `Action` keeps its last value, "*": the deploy tools' value is the one checked.
    expect(of(s, 'iam-no-wildcard-action').map((f) => f.file)).toContain(file);
    expect(s.ms).toBeLessThan(30_000);
  });

  it('takes files past 2 MB off the full YAML parser: a budget error, not a blow-up', () => {
    // A %TAG directive is left to yaml's Document API, whose memory grows ~160 bytes per byte of a large map.
    const keys = Array.from({ length: 250_000 }, (_, i) => `    k${i}: 1`).join('\n');
    const s = scan({ 'big/template.yaml': `%TAG !e! tag:example.com,2000:\n---\n${TEMPLATE}Mappings:\n  M:\n${keys}\n` });
    expect(s.code).toBe(1);
    expect(of(s, 'faaslint/budget-exceeded').map((f) => [f.file, f.line, f.severity])).toEqual([['big/template.yaml', 1, 'error']]);
    expect(of(s, 'faaslint/budget-exceeded')[0]!.message).toMatch(/^this file \(3\.5 MB\) needs the full YAML parser/);
    expect(s.ms).toBeLessThan(30_000);
  });

  it('indents thousands of under-indented quoted scalars within a bounded time', () => {
    const parameters = Array.from({ length: 3_000 }, (_, i) => `  P${i}:\n    Type: String\n    Description: 'first\n    second'`).join('\n');
    const s = scan({ 'quoted/template.yaml': `${TEMPLATE}Parameters:\n${parameters}\n${ROLE}` });
    expect(s.code).toBe(1);
    expect(s.ms).toBeLessThan(30_000);
  });
});
