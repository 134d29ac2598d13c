import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { lint } from '../../src/run.js';
import { tempProject } from '../helpers.js';

/** Policies written as JSON strings (valid CloudFormation) are read with positions inside the string. */
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: |
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": { "AWS": "*" },
              "Action": "sts:AssumeRole"
            }
          ]
        }
      Policies:
        - PolicyName: p
          PolicyDocument: !Sub |
            {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::\${AWS::AccountId}-*/*"},
                           {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:*"}]}
        - PolicyName: broken
          PolicyDocument: '{"Statement": [ not json'
`;

describe('policies written as JSON strings', () => {
  it('locates findings inside a literal block, keeps Fn::Sub values unresolved, and reads a broken one as unknown', async () => {
    const dir = tempProject({ 'template.yaml': TEMPLATE });
    const result = await lint({ paths: [dir], rules: RULES, config: false });
    const found = result.findings.filter((f) => f.ruleId.startsWith('iam-')).map((f) => `${f.ruleId} ${f.location.line}:${f.location.column}`);
    expect(found).toContain('iam-no-wildcard-trust 12:15');
    // A Fn::Sub string is located at the !Sub; its ${AWS::Region} stands for one value, its `*` for every queue.
    expect(found).toContain('iam-no-wildcard-resource 19:27');
    expect(found.filter((f) => f.startsWith('iam-no-wildcard-resource'))).toHaveLength(1);
    const role = result.project!.roles.find((r) => r.name === 'Role')!;
    expect(role.trust[0]!.principal!.entries[0]).toMatchObject({ value: '*', loc: { line: 12, column: 37 } });
    const sub = role.statements.find((s) => s.actions?.entries[0]?.value === 'sqs:SendMessage')!;
    expect(sub.resources!.entries[0]).toMatchObject({ value: undefined, text: 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*' });
    expect(role.statements.some((s) => s.effect === undefined && s.location.line === 23)).toBe(true);
  });

  it('reads a JSON string inside a JSON template at the string', async () => {
    const json = JSON.stringify({
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }] }) },
        },
      },
    }, null, 2);
    const dir = tempProject({ 'template.json': json });
    const result = await lint({ paths: [dir], rules: RULES, config: false });
    const line = json.split('\n').findIndex((l) => l.includes('AssumeRolePolicyDocument')) + 1;
    expect(result.findings.filter((f) => f.ruleId === 'iam-no-wildcard-trust').map((f) => f.location.line)).toEqual([line]);
  });
});
