import type { Location } from '../location.js';
import type { Auth, AuthType } from '../model.js';
import { get, isMap, isSeq, pairOf, str, type Node, type Pair } from './tree.js';
import { ownTable } from '../own.js';

/**
 * An API Gateway API defined by an OpenAPI document (Swagger 2 or OpenAPI 3; SAM
 * `DefinitionBody`/`DefinitionUri`, CloudFormation `Body`/`BodyS3Location`): its operations with
 * the authentication API Gateway gives each, read from `security` (operation, else global; `[]`
 * is none) and the security schemes behind it (`x-amazon-apigateway-authorizer`,
 * `x-amazon-apigateway-authtype`). Every operation keeps the location of its method key
 * (`post:`) in the file that holds it.
 */
export interface OpenApiOperation {
  /** Upper-case method, `ANY` for `x-amazon-apigateway-any-method`. */
  readonly method: string;
  readonly path: string;
  readonly methodLoc: Location;
  readonly auth: Auth;
  /** `x-amazon-apigateway-integration.uri`: names the Lambda function behind a proxy integration. */
  readonly integrationUri?: Node;
  /** `Access-Control-Allow-Origin` headers the integration's responses set (values still quoted). */
  readonly corsOrigins: readonly Pair[];
}

export interface OpenApiDefinition {
  readonly operations: readonly OpenApiOperation[];
  /** HTTP APIs: `x-amazon-apigateway-cors` (an `allowOrigins` list). */
  readonly cors?: Pair;
  /** Keys of `paths` that are not maps (a `$ref`, an unresolved include): their operations are unknown. */
  readonly unreadPaths: readonly Location[];
}

const METHODS: Readonly<Record<string, string>> = ownTable({
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  trace: 'TRACE',
  'x-amazon-apigateway-any-method': 'ANY',
});

/** What one security scheme stands for at API Gateway: an authorizer, an API key, or something we cannot tell. */
type SchemeKind = AuthType | 'api-key';

export interface OpenApiOptions {
  /**
   * The authorizer the deploy tool applies to operations that state no `security` of their own
   * (a SAM `Auth.DefaultAuthorizer`), or undefined.
   */
  readonly defaultAuth?: Auth;
}

export function readOpenApi(doc: Node, options: OpenApiOptions = {}): OpenApiDefinition {
  const schemes = securitySchemes(doc);
  const globalSecurity = get(doc, 'security');
  const operations: OpenApiOperation[] = [];
  const unreadPaths: Location[] = [];
  const paths = get(doc, 'paths');
  for (const pathPair of isMap(paths) ? paths.entries : []) {
    if (!isMap(pathPair.value)) {
      unreadPaths.push(pathPair.keyLoc);
      continue;
    }
    for (const op of pathPair.value.entries) {
      const method = METHODS[op.key.toLowerCase()];
      if (!method) continue;
      const integration = get(op.value, 'x-amazon-apigateway-integration');
      const uri = get(integration, 'uri');
      const corsOrigins = integrationCors(integration);
      const own = pairOf(op.value, 'security');
      operations.push({
        method,
        path: pathPair.key,
        methodLoc: op.keyLoc,
        auth: own ? securityAuth(own.value, schemes, 'route') : options.defaultAuth ?? securityAuth(globalSecurity, schemes, 'api-default'),
        ...(uri ? { integrationUri: uri } : {}),
        corsOrigins,
      });
    }
  }
  const cors = pairOf(get(doc, 'x-amazon-apigateway-cors'), 'allowOrigins');
  return { operations, ...(cors ? { cors } : {}), unreadPaths };
}

/** Swagger 2 `securityDefinitions` and OpenAPI 3 `components.securitySchemes`. */
function securitySchemes(doc: Node): Map<string, SchemeKind> {
  const out = new Map<string, SchemeKind>();
  for (const section of [get(doc, 'securityDefinitions'), get(get(doc, 'components'), 'securitySchemes')]) {
    if (isMap(section)) for (const p of section.entries) out.set(p.key, schemeKind(p.value));
  }
  return out;
}

function schemeKind(scheme: Node): SchemeKind {
  const authType = str(get(scheme, 'x-amazon-apigateway-authtype'))?.toLowerCase();
  if (authType === 'awssigv4') return 'iam';
  const authorizer = get(scheme, 'x-amazon-apigateway-authorizer');
  if (authorizer !== undefined) {
    const type = str(get(authorizer, 'type'))?.toLowerCase();
    if (type === 'cognito_user_pools') return 'cognito';
    if (type === 'jwt') return 'jwt';
    if (type === 'token' || type === 'request') return 'lambda';
    return 'unknown';
  }
  // Without an authorizer extension, API Gateway reads an `apiKey` scheme as its own API key: a caller id, not authentication.
  const type = str(get(scheme, 'type'))?.toLowerCase();
  if (type === 'apikey' && str(get(scheme, 'name'))?.toLowerCase() === 'x-api-key') return 'api-key';
  return 'unknown';
}

/**
 * The authentication a `security` value gives: its alternatives are OR-ed, so the weakest one
 * decides (an empty alternative `{}` or `security: []` lets anyone in); the schemes of one
 * alternative are AND-ed, so one authorizer among them is enough.
 */
function securityAuth(security: Node | undefined, schemes: ReadonlyMap<string, SchemeKind>, source: Auth['source']): Auth {
  const none = (apiKeyRequired: boolean): Auth => ({ type: 'none', source: 'none', apiKeyRequired, when: [] });
  if (security === undefined) return none(false);
  if (!isSeq(security)) return { type: 'unknown', source, apiKeyRequired: false, when: [] };
  if (security.items.length === 0) return none(false);
  let weakest: Auth | undefined;
  const rank = (a: Auth) => (a.type === 'none' ? (a.apiKeyRequired ? 1 : 0) : a.type === 'unknown' ? 2 : 3);
  for (const alternative of security.items) {
    let auth: Auth;
    if (!isMap(alternative)) auth = { type: 'unknown', source, apiKeyRequired: false, when: [] };
    else if (alternative.entries.length === 0) auth = none(false);
    else {
      const kinds = alternative.entries.map((p) => schemes.get(p.key) ?? 'unknown');
      const real = kinds.find((k): k is AuthType => k !== 'api-key' && k !== 'unknown');
      if (real) auth = { type: real, source, apiKeyRequired: kinds.includes('api-key'), when: [] };
      else if (kinds.includes('unknown')) auth = { type: 'unknown', source, apiKeyRequired: false, when: [] };
      else auth = none(true);
    }
    if (!weakest || rank(auth) < rank(weakest)) weakest = auth;
  }
  return weakest!;
}

/** `responses.<status>.responseParameters['method.response.header.Access-Control-Allow-Origin']` of an integration. */
function integrationCors(integration: Node | undefined): Pair[] {
  const responses = get(integration, 'responses');
  return (isMap(responses) ? responses.entries : [])
    .map((response) => pairOf(get(response.value, 'responseParameters'), 'method.response.header.Access-Control-Allow-Origin'))
    .filter((p): p is Pair => p !== undefined);
}
