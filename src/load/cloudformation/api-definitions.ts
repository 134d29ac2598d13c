import type { Auth, Cors, Endpoint, EndpointKind } from '../../model.js';
import { entriesOf } from '../entries.js';
import { idOf } from '../ids.js';
import { readOpenApi } from '../openapi.js';
import { get, getCI, isMap, isScalar, str, type Node } from '../tree.js';
import { unquoteEntry } from './cors.js';
import { integrationTarget } from './integration-target.js';
import { evaluate } from './intrinsics.js';
import { apiReach, reachedAuth } from './private-api.js';
import { authorizerType } from './sam-auth.js';
import { refTarget, type LoadedResource, type TemplateScope } from './scope.js';
import { ownTable } from '../../own.js';

/** The resources whose routes an OpenAPI document can define, and where that document is written. */
const DEFINED_APIS: Readonly<Record<string, { readonly body: string; readonly file: string; readonly kind: EndpointKind }>> = ownTable({
  'AWS::Serverless::Api': { body: 'DefinitionBody', file: 'DefinitionUri', kind: 'rest' },
  'AWS::Serverless::HttpApi': { body: 'DefinitionBody', file: 'DefinitionUri', kind: 'http' },
  'AWS::ApiGateway::RestApi': { body: 'Body', file: 'BodyS3Location', kind: 'rest' },
  'AWS::ApiGatewayV2::Api': { body: 'Body', file: 'BodyS3Location', kind: 'http' },
});

/** APIs whose OpenAPI definition was read: logical id → the `METHOD path` of each operation. */
export type ApiDefinitions = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The operations of APIs defined by OpenAPI (inline, `AWS::Include`d, or a local
 * `DefinitionUri`/`BodyS3Location` file) as endpoints, each at its method key in the file that
 * holds it. An S3 location or a file that cannot be read leaves the API's routes unknown.
 */
export function loadApiDefinitions(scope: TemplateScope): ApiDefinitions {
  const read = new Map<string, Set<string>>();
  for (const r of scope.resources.values()) {
    const shape = DEFINED_APIS[r.type];
    if (!shape) continue;
    if (r.type === 'AWS::ApiGatewayV2::Api' && str(get(r.props, 'ProtocolType'))?.toUpperCase() === 'WEBSOCKET') continue;
    const doc = definitionOf(scope, r, shape.body, shape.file);
    if (!isMap(doc)) continue;
    const sam = r.type.startsWith('AWS::Serverless::');
    const http = shape.kind === 'http';
    const definition = readOpenApi(doc, { ...optionalDefault(sam ? samDefaultAuth(get(r.props, 'Auth'), http) : undefined) });
    // An operation a SAM event names an authorizer for is that event's route: SAM writes the authorizer into the definition.
    const eventRoutes = sam ? routesWithEventAuth(scope, r.id, http) : new Set<string>();
    const operations = new Set<string>();
    const reach = shape.kind === 'rest' ? apiReach(r.props) : undefined;
    for (const op of definition.operations) {
      const key = `${op.method} ${op.path}`;
      operations.add(key);
      if (eventRoutes.has(key)) continue;
      const targetFn = integrationTarget(scope, op.integrationUri);
      const cors = corsOf(op.corsOrigins);
      const endpoint: Endpoint = {
        id: `${idOf(scope.input, r.id)}/${key}`,
        kind: shape.kind,
        method: op.method,
        path: op.path,
        ...(reach ? reachedAuth(reach, op.auth) : { auth: op.auth }),
        ...(cors ? { cors } : {}),
        ...(targetFn ? { targetFn } : {}),
        fromOpenApi: true,
        location: op.methodLoc,
      };
      scope.part.endpoints.push(endpoint);
    }
    if (definition.cors) {
      const credentials = get(get(doc, 'x-amazon-apigateway-cors'), 'allowCredentials');
      scope.part.apis.push({
        id: `${idOf(scope.input, r.id)}/definition`,
        kind: shape.kind,
        cors: { origins: entriesOf(definition.cors.value), allowCredentials: isScalar(credentials) ? String(credentials.value) === 'true' : undefined, loc: definition.cors.keyLoc },
        location: definition.cors.keyLoc,
      });
    }
    read.set(r.id, operations);
  }
  return read;
}

function optionalDefault(defaultAuth: Auth | undefined): { defaultAuth?: Auth } {
  return defaultAuth ? { defaultAuth } : {};
}

/** The OpenAPI document of an API: inline (intrinsics evaluated), `Fn::Transform: AWS::Include`, or a local file. */
function definitionOf(scope: TemplateScope, r: LoadedResource, bodyKey: string, fileKey: string): Node | undefined {
  const rawBody = get(get(r.raw, 'Properties'), bodyKey);
  if (rawBody !== undefined) {
    const location = includeLocation(rawBody);
    if (location === undefined) return get(r.props, bodyKey);
    // AWS::Include runs before the other intrinsics: the included file may use them.
    const included = localFile(scope, location, `AWS::Include ${str(location) ?? ''}`.trim());
    return included && evaluate(included, scope.ctx);
  }
  const file = get(r.props, fileKey);
  return file === undefined ? undefined : localFile(scope, file, `${fileKey} ${str(file) ?? ''}`.trim());
}

/** `Fn::Transform: {Name: AWS::Include, Parameters: {Location: …}}`: the Location node. */
function includeLocation(node: Node): Node | undefined {
  const transform = get(node, 'Fn::Transform');
  if (str(get(transform, 'Name')) !== 'AWS::Include') return undefined;
  return get(get(transform, 'Parameters'), 'Location') ?? transform;
}

/** A path in the repository (what `sam package`/`aws cloudformation package` upload); S3 locations are not read. */
function localFile(scope: TemplateScope, location: Node, what: string): Node | undefined {
  const relPath = str(location);
  if (!relPath || /^(s3|https?):\/\//i.test(relPath) || !scope.include) return undefined;
  return scope.include(scope.input.file, relPath, location.loc, what);
}

function corsOf(pairs: readonly { readonly keyLoc: Cors['loc']; readonly value: Node }[]): Cors | undefined {
  if (pairs.length === 0) return undefined;
  return { origins: pairs.flatMap((p) => entriesOf(p.value).map(unquoteEntry)), allowCredentials: undefined, loc: pairs[0]!.keyLoc };
}

/** SAM `Auth.DefaultAuthorizer`: SAM adds it to every operation of the definition that states no security. */
function samDefaultAuth(apiAuth: Node | undefined, http: boolean): Auth | undefined {
  const name = str(get(apiAuth, 'DefaultAuthorizer'));
  if (!name || name.toUpperCase() === 'NONE') return undefined;
  return { type: authorizerType(name, apiAuth, http), source: 'api-default', apiKeyRequired: false, when: [] };
}

/** `METHOD path` of the SAM function events on this API that name an authorizer of their own. */
function routesWithEventAuth(scope: TemplateScope, apiId: string, http: boolean): Set<string> {
  const out = new Set<string>();
  for (const fn of scope.resources.values()) {
    if (fn.type !== 'AWS::Serverless::Function') continue;
    const events = get(fn.props, 'Events');
    for (const event of isMap(events) ? events.entries : []) {
      const props = get(event.value, 'Properties');
      if (str(getCI(event.value, 'Type')?.value) !== (http ? 'HttpApi' : 'Api') || refTarget(get(props, http ? 'ApiId' : 'RestApiId')) !== apiId) continue;
      if (str(get(get(props, 'Auth'), 'Authorizer')) === undefined) continue;
      out.add(`${(str(get(props, 'Method')) ?? 'ANY').toUpperCase()} ${str(get(props, 'Path')) ?? ''}`);
    }
  }
  return out;
}
