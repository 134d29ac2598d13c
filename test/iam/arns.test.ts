import { describe, expect, it } from 'vitest';
import { expandAction } from '../../src/iam/actions.js';
import { isArnPattern, typesCoveredBy } from '../../src/iam/arns.js';

const covered = (arn: string, action: string) => typesCoveredBy(arn, expandAction(action)![0]!);

describe('service-wide ARNs', () => {
  it.each([
    ['arn:aws:iot:*', 'iot:Publish', ['topic']],
    ['arn:aws:s3:::*', 's3:GetObject', ['object']],
    ['arn:aws:s3:::*', 's3:ListBucket', ['bucket']],
    ['arn:aws:s3:::*/*', 's3:PutObject', ['object']],
    ['arn:aws:dynamodb:*:*:table/*', 'dynamodb:PutItem', ['table']],
    ['arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*', 'dynamodb:Query', ['index', 'table']],
    ['arn:aws:sqs:*:*:*', 'sqs:SendMessage', ['queue']],
    ['arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*', 'sqs:SendMessage', ['queue']],
    ['arn:aws:lambda:*:*:function:*', 'lambda:InvokeFunction', ['function']],
    ['arn:aws:cognito-idp:us-east-1:123456789012:userpool/*', 'cognito-idp:AdminGetUser', ['userpool']],
    ['arn:aws:apigateway:us-east-1::/restapis/*', 'apigateway:GET', expect.arrayContaining(['RestApi', 'Authorizer'])],
  ])('%s covers every resource of a type for %s', (arn, action, types) => {
    expect(covered(arn, action)).toEqual(types);
  });

  it.each([
    ['arn:aws:s3:::my-bucket/*', 's3:GetObject'],
    ['arn:aws:s3:::*/*', 's3:ListBucket'],
    ['arn:aws:dynamodb:*:*:table/orders-*', 'dynamodb:Query'],
    ['arn:aws:dynamodb:*:*:table/Orders/index/*', 'dynamodb:Query'],
    ['arn:aws:logs:*:*:log-group:/aws/lambda/*', 'logs:PutLogEvents'],
    ['arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}', 'dynamodb:Query'],
    ['arn:aws:s3:::${self:custom.bucket}/*', 's3:GetObject'],
    ['arn:aws:lambda:us-east-1:123456789012:function:${ssm:/fn/${sls:stage}}', 'lambda:InvokeFunction'],
    ['arn:aws:lambda:us-east-1:123456789012:function:orders:*', 'lambda:InvokeFunction'],
    ['arn:aws:apigateway:us-east-1::/account', 'apigateway:PATCH'],
    ['!GetAtt Table.Arn', 'dynamodb:Query'],
  ])('%s names part of the resources for %s', (arn, action) => {
    expect(covered(arn, action)).toEqual([]);
  });

  it('reads placeholders as one value and tells ARNs from other text', () => {
    expect(isArnPattern('arn:${AWS::Partition}:s3:::x')).toBe(true);
    expect(isArnPattern('#{AWS::Region}')).toBe(false);
    expect(isArnPattern('*')).toBe(false);
  });
});
