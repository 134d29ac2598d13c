import type { Auth, Endpoint } from '../../model.js';
import { appSyncAuth } from '../appsync.js';
import { listItems } from '../branches.js';
import { valuesOf } from '../entries.js';
import { idOf } from '../ids.js';
import { get, isMap, pairOf, str, type Node } from '../tree.js';
import { integrationTarget } from './integration-target.js';
import type { LoadedResource, TemplateScope } from './scope.js';

/**
 * AppSync GraphQL APIs (`AWS::AppSync::GraphQLApi`, SAM `AWS::Serverless::GraphQLApi`): one
 * endpoint per API with its default authorization mode, at the line that sets it, and its
 * additional modes. Functions behind Lambda data sources and Lambda authorizers get an `api`
 * event: AppSync invokes them.
 */
export function loadAppSync(scope: TemplateScope): void {
  for (const r of scope.resources.values()) {
    if (r.type === 'AWS::AppSync::GraphQLApi') {
      const additional = listItems(get(r.props, 'AdditionalAuthenticationProviders')).map((b) => b.node);
      addApi(scope, r, pairOf(r.props, 'AuthenticationType'), additional.map((p) => get(p, 'AuthenticationType')));
      for (const config of [r.props, ...additional]) invokedBy(scope, get(get(config, 'LambdaAuthorizerConfig'), 'AuthorizerUri'), r);
    } else if (r.type === 'AWS::Serverless::GraphQLApi') {
      const auth = get(r.props, 'Auth');
      const additional = listItems(get(auth, 'Additional')).map((b) => b.node);
      addApi(scope, r, pairOf(auth, 'Type'), additional.map((p) => get(p, 'Type')));
      for (const config of [auth, ...additional]) invokedBy(scope, get(get(config, 'LambdaAuthorizer'), 'AuthorizerUri'), r);
      const lambdas = get(get(r.props, 'DataSources'), 'Lambda');
      for (const source of isMap(lambdas) ? lambdas.entries : []) invokedBy(scope, get(source.value, 'FunctionArn'), r);
    } else if (r.type === 'AWS::AppSync::DataSource' && str(get(r.props, 'Type'))?.toUpperCase() === 'AWS_LAMBDA') {
      invokedBy(scope, get(get(r.props, 'LambdaConfig'), 'LambdaFunctionArn'), r);
    }
  }
}

function addApi(scope: TemplateScope, r: LoadedResource, mode: { value: Node } | undefined, additionalModes: (Node | undefined)[]): void {
  const additionalAuth: Auth[] = additionalModes.flatMap((m) => (m === undefined ? [] : valuesOf(m).map((e) => appSyncAuth(e, 'api-default'))));
  const name = str(get(r.props, 'Name')) ?? r.id;
  const modes = mode ? valuesOf(mode.value) : [];
  for (const entry of modes.length > 0 ? modes : [undefined]) {
    const endpoint: Endpoint = {
      id: idOf(scope.input, r.id),
      kind: 'graphql',
      method: undefined,
      path: name,
      auth: appSyncAuth(entry, 'api-default'),
      ...(additionalAuth.length > 0 ? { additionalAuth } : {}),
      location: entry?.loc ?? r.typeLoc,
    };
    scope.part.endpoints.push(endpoint);
  }
}

/** The function an ARN names (`!GetAtt Fn.Arn`, a literal ARN with its FunctionName) gets an event: AppSync invokes it. */
function invokedBy(scope: TemplateScope, arn: Node | undefined, r: LoadedResource): void {
  const fnId = arn === undefined ? undefined : integrationTarget(scope, arn);
  const index = scope.part.functions.findIndex((f) => f.id === fnId);
  if (index < 0) return;
  const fn = scope.part.functions[index]!;
  scope.part.functions[index] = { ...fn, events: [...fn.events, { type: 'api', declared: r.type, loc: arn?.loc ?? r.typeLoc }] };
}
