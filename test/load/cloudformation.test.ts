import { describe, expect, it } from 'vitest';
import { at, loadModel } from '../helpers.js';

describe('SAM loader', () => {
  const SAM = 'fixtures/load/sam-globals/template.yaml';

  it('merges Globals: inherited values keep their Globals location, function values win', async () => {
    const p = await loadModel(SAM);
    const fn = p.functions.find((f) => f.name === 'ListFunction')!;
    // Runtime: !Ref Runtime resolves to the parameter default, at the Globals line that sets it.
    expect(fn.runtime!.scope).toBe('globals');
    expect(fn.runtime!.values.map((v) => [v.value, at(v.loc), v.fromDefault])).toEqual([['nodejs16.x', '19:14', true]]);
    const env = Object.fromEntries(fn.environment.map((e) => [e.name, e]));
    expect(env.STAGE!.values).toMatchObject([{ value: 'prod' }]);
    expect(env.STAGE!.scope).toBe('function');
    expect(env.SECRET!.scope).toBe('globals');
    expect(env.SECRET!.values).toMatchObject([{ value: undefined, text: '!Ref ApiKeySecret', reason: 'NoEcho parameter' }]);
  });

  it('expands policy templates and keeps managed policy names', async () => {
    const p = await loadModel(SAM);
    const role = p.roles.find((r) => r.kind === 'sam-function')!;
    expect(role.usedBy).toEqual([`${SAM}#ListFunction`]);
    const s = role.statements[0]!;
    expect(s.origin).toEqual({ kind: 'policy-template', name: 'DynamoDBReadPolicy' });
    expect(s.actions!.entries.map((e) => e.value)).toContain('dynamodb:Query');
    expect(s.resources!.entries.map((e) => e.text)).toContain('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}');
    expect(s.location.line).toBe(41);
    expect(role.managedPolicies.map((m) => [m.value, m.loc.line])).toEqual([['AWSLambdaBasicExecutionRole', 43]]);
  });

  it('applies the implicit API default authorizer from Globals, and Authorizer: NONE per route', async () => {
    const p = await loadModel(SAM);
    expect(p.endpoints.map((e) => [e.method, e.path, e.auth.type, e.auth.source, at(e.location)])).toEqual([
      ['GET', '/items', 'cognito', 'api-default', '46:11'],
      ['GET', '/health', 'none', 'route', '51:11'],
    ]);
  });

  it('keeps both branches of Fn::If with their condition', async () => {
    const p = await loadModel(SAM);
    const url = p.functions[0]!.url!;
    expect(url.authTypes.map((a) => [a.value, a.when])).toEqual([
      ['AWS_IAM', [{ condition: 'IsProd', value: true }]],
      ['NONE', [{ condition: 'IsProd', value: false }]],
    ]);
  });
});

describe('CloudFormation loader', () => {
  it('reads JSON with positions, Fn::Sub with parameter defaults, role links and permissions', async () => {
    const p = await loadModel('fixtures/load/cfn/template.json');
    const fn = p.functions.find((f) => f.name === 'Fn')!;
    expect(fn.roleId).toBe('fixtures/load/cfn/template.json#Role');
    expect(fn.url!.authTypes[0]!.value).toBe('NONE');
    const role = p.roles.find((r) => r.name === 'Role')!;
    expect(role.usedBy).toEqual([fn.id]);
    expect(role.statements[0]!.resources!.entries[0]!.value).toBe('arn:aws:s3:::bucket-dev/*');
    expect(role.trust[0]!.principal!.entries.map((e) => [e.type, e.value, e.loc.line])).toEqual([['AWS', '*', 9]]);
    expect(p.permissions.map((x) => [x.principal!.value, x.targetFn, x.sourceArn])).toEqual([['s3.amazonaws.com', fn.id, undefined]]);
  });

  it('follows API Gateway methods and routes to their functions, with paths', async () => {
    const p = await loadModel('fixtures/load/cfn/template.yaml');
    const handler = 'fixtures/load/cfn/template.yaml#Handler';
    expect(p.endpoints.map((e) => [e.kind, e.method, e.path, e.auth.type, e.targetFn, e.location.line])).toEqual([
      ['rest', 'GET', '/orders', 'none', handler, 17],
      ['http', 'POST', '/orders', 'none', handler, 34],
    ]);
    const fn = p.functions[0]!;
    expect(fn.handler).toMatchObject({ handler: 'index.handler', codeDir: 'fixtures/load/cfn/src' });
    // !ImportValue: the role is outside the template; its grants are unknown, not empty-and-safe.
    expect(p.roles.find((r) => r.id === fn.roleId)!.kind).toBe('external');
  });
});
