import { describe, expect, it } from 'vitest';
import { actionMatches, expandAction, isPermissionsManagement, isWriteLike } from '../../src/iam/actions.js';

describe('IAM action knowledge', () => {
  it('expands patterns case-insensitively', () => {
    const names = expandAction('IAM:put*ROLE*')!.map((a) => a.name);
    expect(names).toContain('iam:PutRolePolicy');
    expect(names).toContain('iam:PutRolePermissionsBoundary');
    expect(names.every((n) => n.startsWith('iam:Put'))).toBe(true);
    expect(expandAction('s3:GetObject')!.map((a) => a.name)).toEqual(['s3:GetObject']);
  });

  it('returns undefined for unknown services and malformed patterns, [] for unknown actions', () => {
    expect(expandAction('nosuchservice:Get*')).toBeUndefined();
    expect(expandAction('no-colon')).toBeUndefined();
    expect(expandAction('s3:NoSuchAction')).toEqual([]);
  });

  it('tells compound access levels apart', () => {
    const [putRolePolicy] = expandAction('iam:PutRolePolicy')!;
    expect(putRolePolicy!.accessLevels).toEqual(['Permissions management', 'Write']);
    expect(isPermissionsManagement(putRolePolicy!)).toBe(true);
    const [getItem] = expandAction('dynamodb:GetItem')!;
    expect(isWriteLike(getItem!)).toBe(false);
  });

  it.each([
    ['xray:PutTraceSegments', false],
    ['cloudwatch:PutMetricData', false],
    ['s3:ListAllMyBuckets', false],
    ['ec2:DescribeNetworkInterfaces', false],
    ['ecr:GetAuthorizationToken', false],
    ['dynamodb:PutItem', true],
    ['s3:GetObject', true],
    ['iam:PassRole', true],
  ])('%s can be scoped to a resource: %s', (action, scopable) => {
    expect(expandAction(action)![0]!.scopable).toBe(scopable);
  });

  it('matches patterns against concrete actions', () => {
    expect(actionMatches('s3:Get*', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get*', 's3:PutObject')).toBe(false);
    expect(actionMatches('*', 'iam:PassRole')).toBe(true);
  });
});
