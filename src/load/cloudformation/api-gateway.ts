import type { Location } from '../../location.js';
import type { Auth, AuthType, Cors, EndpointKind, Entry, Guard } from '../../model.js';
import { branches, listItems } from '../branches.js';
import { entriesOf } from '../entries.js';
import { idOf } from '../ids.js';
import { splitRouteKey } from '../routes.js';
import { get, getCI, isMap, isScalar, pairOf, str, type Node } from '../tree.js';
import { corsOf, unquoteEntry } from './cors.js';
import { loadApiDefinitions, type ApiDefinitions } from './api-definitions.js';
import { integrationTarget } from './integration-target.js';
import { apiReach, reachedAuth, type ApiReach } from './private-api.js';
import { authorizerType } from './sam-auth.js';
import { refTarget, type LoadedResource, type TemplateScope } from './scope.js';
import { append } from '../../arrays.js';
import { ownTable } from '../../own.js';

/**
 * API Gateway in SAM and plain CloudFormation: which routes exist, which function each
 * reaches, and the *effective* authentication of each (route setting, else API default).
 */
export function loadApiGateway(scope: TemplateScope): void {
  const definitions = loadApiDefinitions(scope);
  for (const r of scope.resources.values()) {
    switch (r.type) {
      case 'AWS::Serverless::Api':
      case 'AWS::Serverless::HttpApi':
        loadSamApi(scope, r);
        break;
      case 'AWS::Serverless::Function':
        loadSamEvents(scope, r, definitions);
        break;
      case 'AWS::ApiGateway::Method':
        loadRestMethod(scope, r);
        break;
      case 'AWS::ApiGatewayV2::Api':
        loadV2Api(scope, r);
        break;
      case 'AWS::ApiGatewayV2::Route':
        loadV2Route(scope, r);
        break;
    }
  }
}

function loadSamApi(scope: TemplateScope, r: LoadedResource): void {
  const http = r.type === 'AWS::Serverless::HttpApi';
  const corsPair = pairOf(r.props, http ? 'CorsConfiguration' : 'Cors');
  // `CorsConfiguration: true` on an HTTP API allows every origin.
  const cors =
    http && corsPair && str(corsPair.value) === 'true'
      ? { origins: [{ value: '*', text: 'CorsConfiguration: true', loc: corsPair.keyLoc, when: [] }], allowCredentials: false, loc: corsPair.keyLoc }
      : corsOf(corsPair, http ? 'AllowOrigins' : 'AllowOrigin', 'AllowCredentials');
  scope.part.apis.push({ id: idOf(scope.input, r.id), kind: http ? 'http' : 'rest', ...(cors ? { cors } : {}), location: r.typeLoc });
}

interface SamApiSettings {
  readonly auth: Node | undefined;
  /** The API's routes come from an OpenAPI definition we could not read: its security is unknown. */
  readonly definedElsewhere: boolean;
  /** The operations of its definition, when read: an event for one of them is that operation's endpoint. */
  readonly operations?: ReadonlySet<string>;
  readonly reach: ApiReach;
}

/** HTTP APIs have no private endpoint type. */
const NOT_PRIVATE: ApiReach = { private: false, publicWhen: [] };

function samApiSettings(scope: TemplateScope, eventProps: Node | undefined, http: boolean, definitions: ApiDefinitions): SamApiSettings {
  const apiRef = refTarget(get(eventProps, http ? 'ApiId' : 'RestApiId'));
  if (apiRef) {
    const api = scope.resources.get(apiRef);
    const operations = definitions.get(apiRef);
    const reach = http ? NOT_PRIVATE : apiReach(api?.props);
    if (operations) return { auth: get(api?.props, 'Auth'), definedElsewhere: false, operations, reach };
    const definedElsewhere = get(api?.props, 'DefinitionBody') !== undefined || get(api?.props, 'DefinitionUri') !== undefined;
    return { auth: get(api?.props, 'Auth'), definedElsewhere, reach };
  }
  if (get(eventProps, http ? 'ApiId' : 'RestApiId') !== undefined) return { auth: undefined, definedElsewhere: true, reach: NOT_PRIVATE };
  // SAM's implicit API takes its settings from Globals.
  const implicit = get(scope.globals, http ? 'HttpApi' : 'Api');
  return { auth: get(implicit, 'Auth'), definedElsewhere: false, reach: http ? NOT_PRIVATE : apiReach(implicit) };
}

function loadSamEvents(scope: TemplateScope, r: LoadedResource, definitions: ApiDefinitions): void {
  const events = get(r.props, 'Events');
  if (!isMap(events)) return;
  const cors = corsOf(pairOf(get(scope.globals, 'Api'), 'Cors'), 'AllowOrigin', 'AllowCredentials');
  if (cors && !scope.part.apis.some((a) => a.id === idOf(scope.input, 'ServerlessRestApi'))) {
    scope.part.apis.push({ id: idOf(scope.input, 'ServerlessRestApi'), kind: 'rest', cors, location: cors.loc });
  }
  for (const event of events.entries) {
    const typePair = getCI(event.value, 'Type');
    const type = str(typePair?.value);
    if (type !== 'Api' && type !== 'HttpApi') continue;
    const http = type === 'HttpApi';
    const props = get(event.value, 'Properties');
    const settings = samApiSettings(scope, props, http, definitions);
    const method = (str(get(props, 'Method')) ?? (http ? 'ANY' : '?')).toUpperCase();
    const routePath = str(get(props, 'Path')) ?? (http ? '$default' : '?');
    const routeAuth = get(props, 'Auth');
    const named = str(get(routeAuth, 'Authorizer'));
    // A route of the OpenAPI definition is modelled from it, unless the event names its authorizer (SAM then sets that one).
    if (settings.operations?.has(`${method} ${routePath}`) && !named) continue;
    let auth: Auth;
    const apiKeyRequired = isTrue(get(routeAuth, 'ApiKeyRequired')) || isTrue(get(settings.auth, 'ApiKeyRequired'));
    if (named) {
      auth = { type: authorizerType(named, settings.auth, http), source: 'route', apiKeyRequired, when: [] };
    } else {
      const def = str(get(settings.auth, 'DefaultAuthorizer'));
      if (def && def.toUpperCase() !== 'NONE') {
        auth = { type: authorizerType(def, settings.auth, http), source: 'api-default', apiKeyRequired, when: [] };
      } else {
        auth = { type: settings.definedElsewhere ? 'unknown' : 'none', source: 'none', apiKeyRequired, when: [] };
      }
    }
    scope.part.endpoints.push({
      id: `${idOf(scope.input, r.id)}/${event.key}`,
      kind: http ? 'http' : 'rest',
      method,
      path: routePath,
      ...reachedAuth(settings.reach, auth),
      targetFn: idOf(scope.input, r.id),
      location: typePair?.keyLoc ?? event.keyLoc,
    });
  }
}

function isTrue(node: Node | undefined): boolean {
  return isScalar(node) && String(node.value).toLowerCase() === 'true';
}

const REST_AUTH: Readonly<Record<string, AuthType>> = ownTable({ NONE: 'none', AWS_IAM: 'iam', COGNITO_USER_POOLS: 'cognito', CUSTOM: 'lambda' });

function restPath(scope: TemplateScope, resourceId: Node | undefined, depth = 0): string {
  const target = refTarget(resourceId);
  if (resourceId?.kind === 'unresolved' && resourceId.target?.attribute === 'RootResourceId') return '/';
  const res = target ? scope.resources.get(target) : undefined;
  if (!res || res.type !== 'AWS::ApiGateway::Resource' || depth > 32) return '/?';
  const part = str(get(res.props, 'PathPart')) ?? '?';
  const parent = restPath(scope, get(res.props, 'ParentId'), depth + 1);
  return parent === '/' ? `/${part}` : `${parent}/${part}`;
}

/** CORS on a REST method: the `Access-Control-Allow-Origin` header its (mock) integration responses set. */
function restMethodCors(r: LoadedResource): Cors | undefined {
  const origins: Entry[] = [];
  let loc: Location | undefined;
  for (const response of listItems(get(get(r.props, 'Integration'), 'IntegrationResponses'))) {
    const pair = pairOf(get(response.node, 'ResponseParameters'), 'method.response.header.Access-Control-Allow-Origin');
    if (!pair) continue;
    loc ??= pair.keyLoc;
    append(origins, entriesOf(pair.value, response.when).map(unquoteEntry));
  }
  return loc ? { origins, allowCredentials: undefined, loc } : undefined;
}

function loadRestMethod(scope: TemplateScope, r: LoadedResource): void {
  const authPair = pairOf(r.props, 'AuthorizationType');
  const cors = restMethodCors(r);
  const reach = apiReach(restApiOf(scope, r));
  for (const b of branches(authPair?.value ?? { kind: 'scalar', value: 'NONE', loc: r.typeLoc })) {
    const value = str(b.node)?.toUpperCase();
    scope.part.endpoints.push({
      id: idOf(scope.input, r.id),
      kind: 'rest',
      method: str(get(r.props, 'HttpMethod'))?.toUpperCase(),
      path: restPath(scope, get(r.props, 'ResourceId')),
      ...reachedAuth(reach, {
        type: value === undefined ? 'unknown' : (REST_AUTH[value] ?? 'unknown'),
        source: value === 'NONE' ? 'none' : 'route',
        apiKeyRequired: isTrue(get(r.props, 'ApiKeyRequired')),
        when: b.when,
      }),
      ...optionalTarget(integrationTarget(scope, get(get(r.props, 'Integration'), 'Uri'))),
      ...(cors ? { cors } : {}),
      location: authPair ? b.node.loc : r.typeLoc,
    });
  }
}

function v2Kind(scope: TemplateScope, apiId: Node | undefined): EndpointKind {
  const target = refTarget(apiId);
  const api = target ? scope.resources.get(target) : undefined;
  return str(get(api?.props, 'ProtocolType'))?.toUpperCase() === 'WEBSOCKET' ? 'websocket' : 'http';
}

function loadV2Api(scope: TemplateScope, r: LoadedResource): void {
  const kind = str(get(r.props, 'ProtocolType'))?.toUpperCase() === 'WEBSOCKET' ? 'websocket' : 'http';
  const cors = corsOf(pairOf(r.props, 'CorsConfiguration'), 'AllowOrigins', 'AllowCredentials');
  scope.part.apis.push({ id: idOf(scope.input, r.id), kind, ...(cors ? { cors } : {}), location: r.typeLoc });
}

const V2_AUTH: Readonly<Record<string, AuthType>> = ownTable({ NONE: 'none', AWS_IAM: 'iam', JWT: 'jwt', CUSTOM: 'lambda' });

function loadV2Route(scope: TemplateScope, r: LoadedResource): void {
  const authPair = pairOf(r.props, 'AuthorizationType');
  const routeKey = str(get(r.props, 'RouteKey')) ?? '?';
  const kind = v2Kind(scope, get(r.props, 'ApiId'));
  const [method, routePath] = kind === 'websocket' ? [undefined, routeKey] : splitRouteKey(routeKey);
  const target = integrationOfTarget(scope, get(r.props, 'Target'));
  const alternatives: { node: Node | undefined; when: readonly Guard[] }[] = authPair ? branches(authPair.value) : [{ node: undefined, when: [] }];
  for (const b of alternatives) {
    const value = b.node ? str(b.node)?.toUpperCase() : 'NONE';
    scope.part.endpoints.push({
      id: idOf(scope.input, r.id),
      kind,
      method,
      path: routePath,
      auth: {
        type: value === undefined ? 'unknown' : (V2_AUTH[value] ?? 'unknown'),
        source: value === 'NONE' ? 'none' : 'route',
        apiKeyRequired: isTrue(get(r.props, 'ApiKeyRequired')),
        when: b.when,
      },
      ...optionalTarget(target),
      location: authPair && b.node ? b.node.loc : r.typeLoc,
    });
  }
}

function integrationOfTarget(scope: TemplateScope, target: Node | undefined): string | undefined {
  const text = target?.kind === 'unresolved' ? target.text : str(target);
  const m = text ? /integrations\/\$\{([A-Za-z0-9]+)\}/.exec(text) : null;
  const integration = m ? scope.resources.get(m[1]!) : undefined;
  return integration ? integrationTarget(scope, get(integration.props, 'IntegrationUri')) : undefined;
}

/** The properties of the `AWS::ApiGateway::RestApi` a method belongs to. */
function restApiOf(scope: TemplateScope, method: LoadedResource): Node | undefined {
  const api = scope.resources.get(refTarget(get(method.props, 'RestApiId')) ?? '');
  return api?.type === 'AWS::ApiGateway::RestApi' ? api.props : undefined;
}

function optionalTarget(targetFn: string | undefined): { targetFn?: string } {
  return targetFn ? { targetFn } : {};
}
