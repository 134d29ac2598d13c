import { describe, expect, it } from 'vitest';
import { at, loadModel } from '../helpers.js';

const FIXTURES = 'rules/gateway-require-authorizer/fixtures';

const apis = (p: Awaited<ReturnType<typeof loadModel>>) =>
  p.endpoints
    .filter((e) => e.kind === 'graphql')
    .map((e) => `${e.path} ${e.auth.type}${e.auth.apiKeyRequired ? '+key' : ''}${e.auth.when.map((w) => ` when ${w.condition}=${w.value}`).join('')} [${(e.additionalAuth ?? []).map((a) => a.type + (a.apiKeyRequired ? '+key' : '')).join(',')}] ${at(e.location)}`);

const invokedByAppSync = (p: Awaited<ReturnType<typeof loadModel>>) =>
  p.functions.flatMap((f) => f.events.filter((e) => e.type === 'api').map((e) => `${f.name} ${e.declared} ${at(e.loc)}`));

describe('AppSync GraphQL APIs', () => {
  it('CloudFormation: default and additional modes, Fn::If branches, Lambda data sources', async () => {
    const p = await loadModel(`${FIXTURES}/appsync-cfn.yaml`);
    expect(apis(p)).toEqual([
      'scoreboard none+key [] 11:27',
      'referees iam [none+key,cognito] 21:27',
      'demo none+key when IsDemo=true [] 34:40',
      'demo cognito when IsDemo=false [] 34:49',
    ]);
    expect(invokedByAppSync(p)).toEqual(['ScoresFunction AWS::AppSync::DataSource 54:28']);
  });

  it('SAM GraphQLApi: Auth.Type, Auth.Additional and DataSources.Lambda', async () => {
    const p = await loadModel(`${FIXTURES}/appsync-sam.yaml`);
    expect(apis(p)).toEqual(['MenuApi none+key [iam] 11:15', 'KitchenApi cognito [] 28:15']);
    expect(invokedByAppSync(p)).toEqual(['DishesFunction AWS::Serverless::GraphQLApi 20:26']);
  });

  it('serverless-appsync-plugin v2: authentication.type, functions by name and inline', async () => {
    const p = await loadModel(`${FIXTURES}/sls-appsync-v2/serverless.yml`);
    expect(apis(p)).toEqual(['tracking none+key [cognito] 11:11']);
    expect(invokedByAppSync(p)).toEqual(['parcels appSync 22:23']);
    // A data source's inline function is a function of the service, with the provider's runtime and role.
    const status = p.functions.find((f) => f.name === 'status')!;
    expect([status.handler?.handler, status.runtime?.values[0]?.value, status.roleId !== undefined]).toEqual(['src/status.handler', 'nodejs22.x', true]);
  });

  it('serverless-appsync-plugin v1: custom.appSync as a list, authenticationType, Lambda authorizers', async () => {
    const p = await loadModel(`${FIXTURES}/sls-appsync-v1/serverless.yml`);
    expect(apis(p)).toEqual(['admin iam [] 11:27', 'partners none+key [lambda] 19:27']);
    expect(invokedByAppSync(p)).toEqual(['depots appSync 16:27', 'authorize appSync 23:32']);
  });
});
