import { describe, expect, it } from 'vitest';
import { lint } from '../../src/run.js';
import { at, loadModel, tempProject } from '../helpers.js';

const V3 = 'fixtures/load/serverless-v3/serverless.yml';
const fnId = (file: string, name: string) => `${file}#${name}`;

describe('serverless.yml v3 loader', () => {
  it('resolves self, opt defaults, params and file() variables', async () => {
    const p = await loadModel(V3);
    const getItem = p.functions.find((f) => f.name === 'getItem')!;
    const env = Object.fromEntries(getItem.environment.map((e) => [e.name, e]));
    expect(env.TABLE_NAME!.values).toMatchObject([{ value: 'inventory-dev-shared' }]);
    expect(env.TABLE_NAME!.scope).toBe('provider');
    expect(at(env.TABLE_NAME!.keyLoc)).toBe('23:5');
    expect(env.LEVEL!.values).toMatchObject([{ value: 'debug' }]);
    // A function value overrides the provider one of the same name.
    expect(env.SHARED!.values).toMatchObject([{ value: 'function-value' }]);
    expect(env.SHARED!.scope).toBe('function');
    // ${ssm:} is never fetched: it stays unresolved with its text.
    expect(env.DB_PASSWORD!.values).toMatchObject([{ value: undefined, text: '${ssm:/inventory/db-password}' }]);
  });

  it('uses --stage and stage-specific params', async () => {
    const p = await loadModel(V3, { stage: 'prod' });
    const env = p.functions.find((f) => f.name === 'getItem')!.environment.find((e) => e.name === 'TABLE_NAME')!;
    expect(env.values).toMatchObject([{ value: 'inventory-prod-live' }]);
  });

  it('inherits the provider runtime at the provider line, and keeps a function override at its own line', async () => {
    const p = await loadModel(V3);
    const getItem = p.functions.find((f) => f.name === 'getItem')!;
    expect(getItem.runtime!.scope).toBe('provider');
    expect(getItem.runtime!.values.map((v) => [v.value, at(v.loc)])).toEqual([['nodejs20.x', '20:12']]);
    const putItem = p.functions.find((f) => f.name === 'putItem')!;
    expect(putItem.runtime!.values.map((v) => [v.value, at(v.loc)])).toEqual([['nodejs18.x', '55:14']]);
  });

  it('models the provider role with its statements, managed policies and users', async () => {
    const p = await loadModel(V3);
    const role = p.roles.find((r) => r.kind === 'serverless-provider')!;
    expect(at(role.location)).toBe('29:5');
    expect(role.usedBy).toEqual([fnId(V3, 'getItem'), fnId(V3, 'putItem')]);
    expect(role.statements).toHaveLength(1);
    const s = role.statements[0]!;
    expect(s.effect).toBe('Allow');
    expect(s.actions!.entries.map((e) => [e.value, e.loc.line])).toEqual([
      ['dynamodb:GetItem', 33],
      ['dynamodb:PutItem', 34],
    ]);
    expect(s.resources!.entries[0]!.value).toBe('arn:aws:dynamodb:*:*:table/inventory-dev-shared');
    expect(role.managedPolicies.map((m) => [m.value, m.loc.line])).toEqual([['arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess', 38]]);
  });

  it('links a function role: to a role in resources by logical id', async () => {
    const p = await loadModel(V3);
    const own = p.functions.find((f) => f.name === 'ownRole')!;
    expect(own.roleId).toBe(fnId(V3, 'OwnRole'));
    const role = p.roles.find((r) => r.id === own.roleId)!;
    expect(role.kind).toBe('cloudformation');
    expect(role.usedBy).toEqual([own.id]);
    expect(role.statements[0]!.resources!.entries[0]).toMatchObject({ value: undefined, text: '!GetAtt Jobs.Arn' });
  });

  it('models http, httpApi and websocket events with their auth, API keys and cors', async () => {
    const p = await loadModel(V3);
    const eps = p.endpoints.map((e) => [e.kind, e.method, e.path, e.auth.type, e.auth.apiKeyRequired, at(e.location)]);
    expect(eps).toEqual([
      ['rest', 'GET', '/items/{id}', 'iam', false, '48:9'],
      ['http', 'GET', '/items', 'none', false, '52:9'],
      ['rest', 'POST', '/items', 'none', true, '58:9'],
      ['websocket', undefined, '$connect', 'none', false, '64:9'],
    ]);
    const post = p.endpoints.find((e) => e.method === 'POST')!;
    expect(post.cors!.origins.map((o) => [o.value, o.loc.line])).toEqual([['https://shop.example.com', 63]]);
    expect(p.apis.map((a) => [a.kind, a.cors!.origins[0]!.value, a.cors!.loc.line])).toEqual([['http', '*', 27]]);
  });

  it('treats url: true as a public function URL', async () => {
    const p = await loadModel(V3);
    const url = p.functions.find((f) => f.name === 'putItem')!.url!;
    expect(url.authTypes.map((a) => a.value)).toEqual(['NONE']);
    expect(at(url.location)).toBe('56:5');
  });
});

describe('serverless.yml legacy syntax and per-function roles', () => {
  const LEGACY = 'fixtures/load/serverless-legacy/serverless.yml';

  it('reads iamRoleStatements / iamManagedPolicies and old-style fallbacks', async () => {
    const p = await loadModel(LEGACY);
    const provider = p.roles.find((r) => r.kind === 'serverless-provider')!;
    expect(at(provider.location)).toBe('10:3');
    expect(provider.statements[0]!.resources!.entries[0]!.value).toBe('arn:aws:s3:::legacy-qa/*');
    expect(provider.managedPolicies[0]!.value).toBe('arn:aws:iam::aws:policy/AmazonSQSFullAccess');
    expect(provider.usedBy).toEqual([`${LEGACY}#reader`]);
  });

  it('gives a function with iamRoleStatements its own role when the plugin is listed', async () => {
    const p = await loadModel(LEGACY);
    const writer = p.functions.find((f) => f.name === 'writer')!;
    const role = p.roles.find((r) => r.id === writer.roleId)!;
    expect(role.kind).toBe('serverless-function');
    expect(role.statements.flatMap((s) => s.actions!.entries.map((e) => e.value))).toEqual(['s3:PutObject']);
    expect(at(role.location)).toBe('29:5');
  });

  it('reports a variable cycle as a diagnostic instead of hanging', async () => {
    const p = await loadModel(LEGACY);
    expect(p.diagnostics.filter((d) => d.code === 'variable-cycle').length).toBeGreaterThan(0);
    const loop = p.functions.find((f) => f.name === 'reader')!.environment.find((e) => e.name === 'LOOP')!;
    expect(loop.values.map((v) => v.value)).toEqual([undefined]);
  });
});

describe('serverless.yml v4 syntax', () => {
  const V4 = 'fixtures/load/serverless-v4.yml';
  it('reads a provider role given by ARN as external, and a function iam.role as its own role', async () => {
    const p = await loadModel(V4);
    const cron = p.functions.find((f) => f.name === 'cron')!;
    expect(p.roles.find((r) => r.id === cron.roleId)!.kind).toBe('external');
    const api = p.functions.find((f) => f.name === 'api')!;
    const role = p.roles.find((r) => r.id === api.roleId)!;
    expect(role.kind).toBe('serverless-function');
    expect(role.statements[0]!.actions!.entries[0]!.value).toBe('events:PutEvents');
    expect(cron.events.map((e) => [e.type, e.declared])).toEqual([['other', 'schedule']]);
  });
});

describe('CloudFormation intrinsics inside serverless.yml settings', () => {
  const FILE = 'fixtures/load/serverless-intrinsics.yml';
  it('evaluates !Ref, !GetAtt and !If against the resources Serverless deploys', async () => {
    const p = await loadModel(FILE);
    const f = p.functions.find((fn) => fn.name === 'f')!;
    expect(f.roleId).toBe(`${FILE}#OwnRole`);
    const env = f.environment.find((e) => e.name === 'TABLE_NAME')!;
    expect(env.values).toMatchObject([{ value: undefined, ref: { kind: 'resource', name: 'UsersTable' } }]);
    const provider = p.roles.find((r) => r.kind === 'serverless-provider')!;
    expect(provider.statements[0]!.actions!.entries.map((e) => [e.value, e.when])).toEqual([
      ['dynamodb:GetItem', [{ condition: 'IsProd', value: true }]],
      ['dynamodb:*', [{ condition: 'IsProd', value: false }]],
    ]);
    expect(provider.usedBy).toEqual([`${FILE}#g`]);
  });
});

describe('serverless.yml v4 stage parameters', () => {
  it('reads ${param:} from stages.<stage>.params, then stages.default.params', async () => {
    const dir = tempProject({
      'serverless.yml': `service: s\nstages:\n  default:\n    params:\n      table: shared\n  prod:\n    params:\n      table: live\nprovider:\n  name: aws\n  environment:\n    TABLE: orders-\${param:table}\nfunctions:\n  f:\n    handler: h.f\n`,
    });
    const value = async (stage: string) => {
      const r = await lint({ paths: [dir], rules: [], stage, config: false });
      return r.project!.functions[0]!.environment[0]!.values;
    };
    expect(await value('dev')).toMatchObject([{ value: 'orders-shared' }]);
    expect(await value('prod')).toMatchObject([{ value: 'orders-live' }]);
  });
});

describe('roles named by reference', () => {
  it('keeps two functions with different !ImportValue roles apart, as CloudFormation does', async () => {
    const dir = tempProject({
      'serverless.yml': `service: s\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: h.a\n    role: !ImportValue SharedReaderRole\n  b:\n    handler: h.b\n    role: !ImportValue SharedWriterRole\n  c:\n    handler: h.c\n    role: !ImportValue SharedWriterRole\n`,
    });
    const p = (await lint({ paths: [dir], rules: [], config: false })).project!;
    const roleOf = (name: string) => p.roles.find((r) => r.id === p.functions.find((f) => f.name === name)!.roleId)!;
    expect(roleOf('a').kind).toBe('external');
    expect(roleOf('a').id).not.toBe(roleOf('b').id);
    expect(roleOf('b').id).toBe(roleOf('c').id);
    expect([roleOf('a').name, roleOf('b').name]).toEqual(['Fn::ImportValue SharedReaderRole', 'Fn::ImportValue SharedWriterRole']);
    expect(roleOf('b').usedBy).toEqual([`serverless.yml#b`, `serverless.yml#c`]);
  });

  it('links a provider role given as a logical id to that role of resources, not to an unknown external role', async () => {
    const dir = tempProject({
      'serverless.yml': `service: s\nprovider:\n  name: aws\n  iam:\n    role: LambdaRole\nfunctions:\n  a:\n    handler: h.a\nresources:\n  Resources:\n    LambdaRole:\n      Type: AWS::IAM::Role\n      Properties:\n        Policies:\n          - PolicyName: p\n            PolicyDocument:\n              Statement:\n                - Effect: Allow\n                  Action: s3:GetObject\n                  Resource: '*'\n`,
    });
    const p = (await lint({ paths: [dir], rules: [], config: false })).project!;
    const roles = p.roles.filter((r) => r.id === p.functions[0]!.roleId);
    expect(roles.map((r) => [r.kind, r.usedBy])).toEqual([['cloudformation', ['serverless.yml#a']]]);
  });
});
