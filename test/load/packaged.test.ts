import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { lint } from '../../src/run.js';
import { tempProject } from '../helpers.js';

const SOURCE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: '*'
  Table:
    Type: AWS::DynamoDB::Table
`;
const PACKAGED = SOURCE.replace('CodeUri: src/', 'CodeUri: s3://deploy-bucket/4f1e8a2c9b7d');

describe('committed packaging outputs', () => {
  it('analyses the source template and lists the sam package output as not analysed, with the reason', async () => {
    const dir = tempProject({ 'template.yaml': SOURCE, 'packaged.yaml': PACKAGED, 'src/app.mjs': 'export const handler = async () => 1;\n' });
    const result = await lint({ paths: [dir], rules: RULES, config: false });
    const files = new Set(result.findings.filter((f) => f.ruleId.startsWith('iam-')).map((f) => f.location.file));
    expect([...files]).toEqual(['template.yaml']);
    expect(result.notAnalysed).toContainEqual({
      file: 'packaged.yaml',
      kind: 'packaged template',
      reason: 'packaging output of template.yaml (its code locations are on S3, everything else is the same): template.yaml is analysed instead',
    });
  });

  it('keeps a template whose code is on S3 when no source sits next to it, or when its resources differ', async () => {
    const other = PACKAGED.replace('  Table:\n', '  Archive:\n');
    const dir = tempProject({ 'deploy/packaged.yaml': PACKAGED, 'template.yaml': SOURCE, 'src/app.mjs': '', 'other/a.yaml': SOURCE, 'other/b.yaml': other });
    const result = await lint({ paths: [dir], rules: RULES, config: false });
    // deploy/ is below template.yaml's folder: a packaged copy of it.
    const packaged = result.notAnalysed.filter((n) => n.kind === 'packaged template').map((n) => n.file);
    expect(packaged).toEqual(['deploy/packaged.yaml']);
    expect(result.findings.some((f) => f.location.file === 'other/b.yaml')).toBe(true);
  });

  it('lists a Serverless Framework stack copied next to its serverless.yml as not analysed', async () => {
    const stack = JSON.stringify({
      Resources: {
        ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket' },
        ApiLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Bucket: { Ref: 'ServerlessDeploymentBucket' }, S3Key: 'x.zip' } } },
      },
    });
    const sls = 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  api:\n    handler: api.handler\n';
    const dir = tempProject({ 'serverless.yml': sls, 'build/cloudformation-template-update-stack.json': stack, 'api.mjs': 'export const handler = async () => 1;\n' });
    const result = await lint({ paths: [dir], rules: RULES, config: false });
    expect(result.notAnalysed).toContainEqual(expect.objectContaining({ file: 'build/cloudformation-template-update-stack.json', kind: 'packaged template' }));
  });
});
