import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLocated } from '../src/load/yaml.js';
import { RULES } from '../rules/index.js';
import { lint } from '../src/run.js';
import { repoRoot, runCli } from './helpers.js';


interface Policy {
  function: string;
  role?: string;
  file: string;
  kind: string;
  complete: boolean;
  gaps: string[];
  unscoped: string[];
  policy: { Statement: { Effect: string; Action: string[]; Resource: unknown[] }[] };
}

function policy(target: string, format = 'json'): string {
  const r = runCli(['policy', target, '-f', format]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}
const policies = (target: string) => JSON.parse(policy(target)) as Policy[];
const byName = (list: Policy[]) => Object.fromEntries(list.map((p) => [p.function, p]));

describe('faaslint policy', () => {
  it('grants exactly what the example app calls: every call covered, nothing more', async () => {
    const app = path.join(repoRoot, 'fixtures/projects/example-app');
    const result = await lint({ paths: [app], rules: [], config: false });
    const project = result.project!;
    const printed = byName(policies(app));
    expect(Object.keys(printed).sort()).toEqual(project.functions.map((f) => f.name).sort());
    for (const fn of project.functions) {
      const handler = project.handlers.find((h) => h.fnIds.includes(fn.id))!;
      const called = new Set(handler.sdkCalls.flatMap((c) => c.actions));
      const granted = new Set(printed[fn.name]!.policy.Statement.flatMap((s) => s.Action));
      expect([...granted].sort(), fn.name).toEqual([...called].sort());
      expect(printed[fn.name]!.complete).toBe(true);
      expect(printed[fn.name]!.unscoped, `${fn.name}: every resource narrowed`).toEqual([]);
    }
    expect(printed.ReadReportFunction!.policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [{ 'Fn::Sub': '${ReportsBucket.Arn}/*' }] },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [{ 'Fn::GetAtt': ['ReportsBucket', 'Arn'] }] },
    ]);
    // The Python service: boto3 calls through a `src/` package, each narrowed to the resource the config names.
    expect(printed.restock!.policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:UpdateItem'], Resource: ['arn:aws:dynamodb:*:*:table/stock-dev'] },
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: ['arn:aws:sns:eu-west-1:123456789012:low-stock'] },
    ]);
    expect(printed.stockLevel!.policy.Statement).toEqual([{ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: ['arn:aws:dynamodb:*:*:table/stock-dev'] }]);
    expect(printed.listOrders!.policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:Query'], Resource: ['arn:aws:dynamodb:*:*:table/orders-dev', 'arn:aws:dynamodb:*:*:table/orders-dev/index/*'] },
    ]);
  });

  it('narrows v2 and literal targets, and says when the analysis is incomplete', () => {
    const v2 = byName(policies(path.join(repoRoot, 'rules/iam-missing-permission/fixtures/sls-v2')));
    expect(v2.place!.policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: ['arn:aws:dynamodb:*:*:table/orders-dev'] },
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::orders-audit/*'] },
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::orders-exports/*'] },
    ]);
    const sls = byName(policies(path.join(repoRoot, 'rules/iam-unused-permission/fixtures/sls-js')));
    expect(sls.dynamic!.complete).toBe(false);
    expect(sls.dynamic!.gaps.join()).toMatch(/operation chosen at run time/);
    expect(sls.ingest!.policy.Statement).toEqual([{ Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: ['arn:aws:dynamodb:*:*:table/catalog-dev'] }]);
    const sam = byName(policies(path.join(repoRoot, 'rules/iam-unused-permission/fixtures/sam-ts')));
    expect(sam.Thumbnail!.policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [{ 'Fn::Sub': '${Uploads.Arn}/*' }] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [{ 'Fn::GetAtt': ['Jobs', 'Arn'] }] },
    ]);
    const own = byName(policies(path.join(repoRoot, 'rules/iam-missing-permission/fixtures/sam-ts')));
    // The partner queue is reached with other credentials: not part of this role's policy.
    expect(own.Notify!.policy.Statement.flatMap((s) => s.Action)).toEqual(['secretsmanager:GetSecretValue', 'sns:Publish']);
  });

  it('puts statements for a function with a role of its own into that role\'s PolicyDocument', () => {
    const dir = path.join(repoRoot, 'fixtures/load/serverless-intrinsics.yml');
    const printed = byName(policies(dir));
    expect(printed.f!.role).toBe('OwnRole');
    expect(printed.g!.role).toBeUndefined();
    const yaml = policy(dir, 'yaml');
    expect(yaml).toMatch(/^f: # role OwnRole\n {2}PolicyDocument:/m);
    expect(parseLocated(yaml, 'p.yaml').diagnostics).toEqual([]);
  });

  it('prints YAML in the syntax of each config', () => {
    const sls = policy(path.join(repoRoot, 'rules/iam-missing-permission/fixtures/sls-v2'), 'yaml');
    expect(sls).toMatch(/^functions:\n {2}place:\n {4}iam:\n {6}role:\n {8}statements:\n {10}- Effect: Allow$/m);
    const sam = policy(path.join(repoRoot, 'rules/iam-unused-permission/fixtures/sam-ts'), 'yaml');
    expect(sam).toMatch(/Policies:\n {8}- Statement:/);
    expect(sam).toMatch(/- !Sub "\$\{Uploads\.Arn\}\/\*"/);
    const app = policy(path.join(repoRoot, 'fixtures/projects/example-app'), 'yaml');
    // One YAML document per config file, each valid YAML with CloudFormation tags.
    for (const text of [sls, sam, ...app.split('\n---\n')]) expect(parseLocated(text, 'policy.yaml').diagnostics).toEqual([]);
    expect(app.split('\n---\n')).toHaveLength(3);
  });
});

describe('faaslint policy for Python handlers', () => {
  it('prints what boto3 code calls through packages and local modules, narrowed to its resources', () => {
    const place = byName(policies(path.join(repoRoot, 'rules/iam-missing-permission/fixtures/sls-py'))).place!;
    expect(place.complete).toBe(true);
    expect(place.policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: ['arn:aws:dynamodb:*:*:table/orders-dev'] },
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::orders-audit/*'] },
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::orders-exports/*'] },
    ]);
    const sam = byName(policies(path.join(repoRoot, 'rules/iam-unused-permission/fixtures/sam-py')));
    expect(sam.Thumbnail!.policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: [{ 'Fn::Sub': '${Uploads.Arn}/*' }] },
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [{ 'Fn::GetAtt': ['Jobs', 'Arn'] }] },
    ]);
    expect(sam.Replay!.complete).toBe(false);
    expect(sam.Replay!.gaps.join()).toMatch(/replay\.py:9: getattr\(sqs, event\["operation"\]\) calls an operation chosen at run time/);
    const yaml = policy(path.join(repoRoot, 'rules/iam-unused-permission/fixtures/sam-py'), 'yaml');
    expect(yaml).toMatch(/Thumbnail:\n {4}Properties:\n {6}Policies:\n {8}- Statement:/);
    expect(parseLocated(yaml, 'policy.yaml').diagnostics).toEqual([]);
  });

  it('is exact in both directions where the role grants what the code calls: no missing, no unused permission', async () => {
    const dir = path.join(repoRoot, 'rules/iam-unused-permission/fixtures/sam-py');
    const printed = byName(policies(dir)).Enqueue!;
    expect(printed.complete).toBe(true);
    expect(printed.policy.Statement).toEqual([{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [{ 'Fn::GetAtt': ['Jobs', 'Arn'] }] }]);
    const result = await lint({ paths: [dir], config: false, rules: RULES.filter((r) => r.id === 'iam-missing-permission' || r.id === 'iam-unused-permission') });
    const project = result.project!;
    const fn = project.functions.find((f) => f.name === 'Enqueue')!;
    const role = project.roles.find((r) => r.usedBy.includes(fn.id))!;
    const granted = role.statements.flatMap((s) => s.actions?.entries.map((e) => e.value) ?? []);
    expect(granted).toEqual(printed.policy.Statement.flatMap((s) => s.Action));
    // Missing and unused findings name the functions concerned; Thumbnail's show the rules do run here.
    expect(result.findings.filter((f) => /\bEnqueue\b/.test(f.message))).toEqual([]);
    expect(result.findings.filter((f) => /\bThumbnail\b/.test(f.message))).toHaveLength(1);
  });
});

describe('faaslint policy on code faaslint cannot see whole', () => {
  it('says which call sites made each function incomplete', () => {
    const fixture = path.join(repoRoot, 'rules/iam-unused-permission/fixtures/sls-sdk-coverage');
    const printed = byName(policies(fixture));
    // Paths are relative to the repository: the checkout, or the fixture itself in a copy without .git.
    const dir = fs.existsSync(path.join(repoRoot, '.git')) ? 'rules/iam-unused-permission/fixtures/sls-sdk-coverage/src' : 'src';
    expect(printed.toolbox!.complete).toBe(false);
    expect(printed.toolbox!.gaps).toEqual([`${dir}/toolbox.mjs:7: new Table from dynamodb-toolbox, which may call AWS in ways faaslint does not see`]);
    expect(printed.wrapped!.gaps).toEqual([`${dir}/instrument.js:4: tracing.wrap(…) is given an AWS SDK client: what it calls is not seen`]);
    expect(printed.plugins!.gaps).toEqual([`${dir}/plugins.js:4: a require() of a name computed at run time`]);
    // Traced clients, middlewares, Powertools, SigV4 calls, injected clients and workspace packages are seen whole.
    for (const name of ['xrayCommonJs', 'xrayModule', 'xrayTypeScript', 'iot', 'middyModule', 'middyCommonJs', 'powertools', 'signed', 'repository']) {
      expect(printed[name]!.gaps, name).toEqual([]);
    }
    const actions = (name: string) => printed[name]!.policy.Statement.flatMap((s) => s.Action).sort();
    expect(actions('middyModule')).toEqual(['secretsmanager:GetSecretValue', 'ssm:GetParameters']);
    expect(actions('powertools')).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'secretsmanager:GetSecretValue', 'ssm:GetParameter']);
    expect(actions('signed')).toEqual(['execute-api:Invoke']);
    expect(actions('repository')).toEqual(['dynamodb:GetItem', 'sns:Publish']);
  });

  it('reports one missing action per call site, naming the call as written', async () => {
    const fixture = path.join(repoRoot, 'rules/iam-missing-permission/fixtures/sls-patterns');
    const result = await lint({ paths: [fixture], config: false, rules: RULES.filter((r) => r.id === 'iam-missing-permission') });
    const transact = result.findings.filter((f) => f.location.file.endsWith('transact.mjs'));
    expect(transact.map((f) => f.message.split(' on ')[0])).toEqual(['This TransactWriteCommand call with Update items needs dynamodb:UpdateItem']);
    for (const f of result.findings) expect(f.message).not.toMatch(/needs (\S+) .*\(\1\)|(\S+:\S+), which needs \2/);
  });
});
