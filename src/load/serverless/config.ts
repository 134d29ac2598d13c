import path from 'node:path';
import type {
  Auth,
  AuthType,
  Cors,
  Endpoint,
  Entry,
  EnvVar,
  Fn,
  EventType,
  FunctionEvent,
  FunctionUrl,
  Input,
  ManagedPolicyRef,
  ModelPart,
  ResourcePolicy,
  Role,
  Setting,
  Statement,
} from '../../model.js';
import { emptyPart } from '../../model.js';
import { branches, listItems } from '../branches.js';
import { contextOf, evaluate, type TemplateContext } from '../cloudformation/intrinsics.js';
import { loadTemplate } from '../cloudformation/template.js';
import { entriesOf, valuesOf } from '../entries.js';
import { externalRoleId, externalRoleName, idOf } from '../ids.js';
import { managedRef, parseStatements } from '../policy.js';
import { splitRouteKey } from '../routes.js';
import { get, getPath, isMap, isScalar, isSeq, items, pairOf, str, UNKNOWN_KEYS, unknownKeys, type MapNode, type Node, type Pair } from '../tree.js';
import { pluginApiEndpoints, pluginApis } from './appsync.js';
import { append } from '../../arrays.js';
import { ownTable } from '../../own.js';

const PER_FUNCTION_ROLES_PLUGIN = 'serverless-iam-roles-per-function';
/** Logical ids of resources the Serverless Framework generates, which `resources` and settings may reference. */
const GENERATED_RESOURCES = ['IamRoleLambdaExecution', 'ApiGatewayRestApi', 'HttpApi', 'ServerlessDeploymentBucket', 'WebsocketsApi'];

function evaluateOptional(node: Node | undefined, ctx: TemplateContext): Node | undefined {
  return node === undefined ? undefined : evaluate(node, ctx);
}

/** The logical id Serverless gives a function's `AWS::Lambda::Function` resource. */
function functionLogicalId(name: string): string {
  const normalized = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalized.charAt(0).toUpperCase()}${normalized.slice(1)}LambdaFunction`;
}

/** Builds the model from a serverless.yml whose variables are already resolved. */
export function loadServerlessConfig(config: Node, input: Input): ModelPart {
  const part = emptyPart();
  part.inputs.push(input);
  const plugins = listItems(get(config, 'plugins')).concat(listItems(get(get(config, 'plugins'), 'modules')));
  const perFunctionRoles = plugins.some((p) => str(p.node) === PER_FUNCTION_ROLES_PLUGIN);
  const pluginEnvironment = datadogEnvironment(config, plugins.map((p) => str(p.node)));
  const resources = resourcesTemplate(get(config, 'resources'));
  const resourceIds = new Set(isMap(get(resources, 'Resources')) ? (get(resources, 'Resources') as MapNode).entries.map((p) => p.key) : []);
  // CloudFormation intrinsics in provider and function settings (`TABLE: !Ref UsersTable`, `Resource: !GetAtt Q.Arn`)
  // are evaluated against the stack Serverless builds: its `resources` plus the resources it generates.
  const appSyncApis = pluginApis(config);
  const declared = functionEntries(get(config, 'functions'));
  // The serverless-appsync-plugin (v2) adds the functions its data sources define inline to the service.
  const rawFunctions = [...declared, ...appSyncApis.flatMap((api) => api.inlineFunctions).filter((p) => !declared.some((f) => f.key === p.key))];
  const ctx0 = contextOf(resources ?? { kind: 'map', entries: [], loc: config.loc });
  const ctx: TemplateContext = {
    ...ctx0,
    resources: new Set([...ctx0.resources, ...GENERATED_RESOURCES, ...rawFunctions.map((f) => functionLogicalId(f.key))]),
  };
  const provider = evaluateOptional(get(config, 'provider'), ctx);
  const functions = rawFunctions.map((f): Pair => ({ ...f, value: evaluate(f.value, ctx) }));

  const externalRoles = new Map<string, Role>();
  const providerRole = loadProviderRole(provider, input, resourceIds, externalRoles);
  const roles: Role[] = [];
  const usage = new Map<string, string[]>();
  const use = (roleId: string, fnId: string) => usage.set(roleId, [...(usage.get(roleId) ?? []), fnId]);

  for (const f of functions) {
    const fnId = idOf(input, f.key);
    const def = f.value;
    let roleId: string | undefined;
    const rolePair = pairOf(def, 'role');
    const ownStatementsPair = perFunctionRoles ? pairOf(def, 'iamRoleStatements') : undefined;
    const v4Role = pairOf(get(def, 'iam'), 'role');
    if (rolePair) {
      roleId = roleReference(rolePair, input, resourceIds, externalRoles);
    } else if (ownStatementsPair || v4Role) {
      const role = functionRole(f.key, def, input, ownStatementsPair, v4Role, providerRole?.generated);
      roles.push(role);
      roleId = role.id;
    } else if (providerRole) {
      roleId = providerRole.id;
    }
    if (roleId) use(roleId, fnId);
    const raw = rawFunctions.find((r) => r.key === f.key)?.value;
    part.functions.push(loadFunction(f, fnId, provider, input, roleId, pluginEnvironment, layerDirsOf(config, raw, input)));
    append(part.endpoints, functionEndpoints(f, fnId, provider));
  }
  for (const api of appSyncApis) {
    append(part.endpoints, pluginApiEndpoints(api, input));
    for (const ref of api.invokes) invokedByAppSync(part, functions, ref, input);
  }
  if (providerRole?.generated) roles.unshift(providerRole.generated);
  append(roles, externalRoles.values());

  // CloudFormation in `resources`: roles, policies, permissions, API Gateway resources.
  if (resources) {
    const externalFunctions = new Map(functions.map((f) => [functionLogicalId(f.key), idOf(input, f.key)]));
    const cfn = loadTemplate(resources, { input, externalFunctions, externalResources: GENERATED_RESOURCES });
    for (const role of cfn.roles) {
      roles.push(role);
    }
    append(part.resourcePolicies, cfn.resourcePolicies);
    append(part.permissions, cfn.permissions);
    append(part.endpoints, cfn.endpoints);
    append(part.apis, cfn.apis);
    append(part.functions, cfn.functions);
    append(part.diagnostics, cfn.diagnostics);
    append(part.suppressions, cfn.suppressions);
    for (const fn of cfn.functions) if (fn.roleId) use(fn.roleId, fn.id);
  }
  const restPolicy = restApiPolicy(provider, input);
  if (restPolicy) part.resourcePolicies.push(restPolicy);
  const httpApiCors = serverlessCors(pairOf(get(provider, 'httpApi'), 'cors'), 'allowedOrigins');
  if (httpApiCors) part.apis.push({ id: idOf(input, 'HttpApi'), kind: 'http', cors: httpApiCors, location: httpApiCors.loc });
  append(part.roles, roles.map((r) => ({ ...r, usedBy: usage.get(r.id) ?? [] })));
  append(part.diagnostics, ctx.evaluation.diagnostics);
  return part;
}

/** The REST API's resource policy: `provider.apiGateway.resourcePolicy` (v3), `provider.resourcePolicy` (v2). */
function restApiPolicy(provider: Node | undefined, input: Input): ResourcePolicy | undefined {
  const pair = pairOf(get(provider, 'apiGateway'), 'resourcePolicy') ?? pairOf(provider, 'resourcePolicy');
  if (!pair) return undefined;
  const endpointType = str(get(provider, 'endpointType'))?.toUpperCase();
  return {
    id: idOf(input, 'ApiGatewayRestApi'),
    kind: 'rest-api',
    statements: parseStatements(pair.value, { kind: 'inline' }),
    ...(endpointType === 'PRIVATE' ? { reach: 'vpc' as const } : {}),
    location: pair.keyLoc,
  };
}

/** A function AppSync invokes (named by `functionName`, or by `!GetAtt <Fn>LambdaFunction.Arn`) gets an `api` event. */
function invokedByAppSync(part: ModelPart, functions: readonly Pair[], ref: Node, input: Input): void {
  const getAtt = get(ref, 'Fn::GetAtt');
  const logicalId = isSeq(getAtt) ? str(getAtt.items[0]) : str(getAtt)?.split('.')[0];
  const fn = functions.find((f) => f.key === str(ref) || (logicalId !== undefined && functionLogicalId(f.key) === logicalId));
  const index = fn ? part.functions.findIndex((f) => f.id === idOf(input, fn.key)) : -1;
  if (index < 0) return;
  const target = part.functions[index]!;
  part.functions[index] = { ...target, events: [...target.events, { type: 'api', declared: 'appSync', loc: ref.loc }] };
}

function functionEntries(functions: Node | undefined): Pair[] {
  if (isMap(functions)) return functions.entries.filter((p) => isMap(p.value));
  // `functions` may also be a list of maps (often `${file(...)}` fragments).
  if (isSeq(functions)) return functions.items.flatMap((item) => functionEntries(item));
  return [];
}

function resourcesTemplate(resources: Node | undefined): Node | undefined {
  if (resources === undefined) return undefined;
  const fragments = isSeq(resources) ? resources.items : [resources];
  const merged = new Map<string, Pair[]>();
  for (const fragment of fragments) {
    if (!isMap(fragment)) continue;
    for (const section of fragment.entries) {
      if (!isMap(section.value)) continue;
      const entries = merged.get(section.key) ?? [];
      merged.set(section.key, append(entries, section.value.entries));
    }
  }
  const entries: Pair[] = [...merged].map(([key, pairs]) => ({
    key,
    keyLoc: resources.loc,
    value: { kind: 'map', entries: pairs, loc: pairs[0]?.keyLoc ?? resources.loc },
  }));
  return { kind: 'map', entries, loc: resources.loc };
}

/**
 * The role functions use by default: one named by `provider.iam.role` / `provider.role` (a role of
 * `resources`, or an external one), or the one Serverless generates from both syntaxes' statements
 * and managed policies (`provider.iam.role` (v3+) and legacy `iamRoleStatements`).
 */
function loadProviderRole(
  provider: Node | undefined,
  input: Input,
  resourceIds: ReadonlySet<string>,
  externals: Map<string, Role>,
): { readonly id: string; readonly generated?: Role } | undefined {
  const iamRolePair = pairOf(get(provider, 'iam'), 'role');
  const legacyStatements = pairOf(provider, 'iamRoleStatements');
  const legacyManaged = pairOf(provider, 'iamManagedPolicies');
  const legacyRole = pairOf(provider, 'role');
  if (iamRolePair && !isMap(iamRolePair.value)) return { id: roleReference(iamRolePair, input, resourceIds, externals) };
  if (legacyRole && !iamRolePair && !legacyStatements) return { id: roleReference(legacyRole, input, resourceIds, externals) };
  const statements: Statement[] = [
    ...parseStatements(get(iamRolePair?.value, 'statements'), { kind: 'inline' }),
    ...parseStatements(legacyStatements?.value, { kind: 'inline' }),
    ...unknownGrants(provider, get(provider, 'iam'), iamRolePair?.value),
  ];
  const managedPolicies: ManagedPolicyRef[] = [
    ...listItems(get(iamRolePair?.value, 'managedPolicies')).map((b) => managedRef(b.node, b.when)),
    ...listItems(legacyManaged?.value).map((b) => managedRef(b.node, b.when)),
  ];
  const anchor = iamRolePair ?? legacyStatements ?? legacyManaged;
  const generated: Role = {
    id: idOf(input, 'IamRoleLambdaExecution'),
    name: 'IamRoleLambdaExecution',
    kind: 'serverless-provider',
    statements,
    managedPolicies,
    trust: [],
    usedBy: [],
    location: anchor?.keyLoc ?? provider?.loc ?? { file: input.file, line: 1, column: 1, endLine: 1, endColumn: 2 },
  };
  return { id: generated.id, generated };
}

/**
 * A role block (or the provider/function holding it) with settings computed by code or
 * unreadable: what it grants is unknown, so rules that need the whole role stay silent.
 */
function unknownGrants(...holders: (Node | undefined)[]): Statement[] {
  const unknown = holders.map(unknownKeys).find((n) => n !== undefined);
  return unknown ? [{ effect: undefined, origin: { kind: 'inline' }, when: [], location: unknown.loc }] : [];
}

/** A role defined outside what faaslint reads: its grants are unknown. */
function externalRole(pair: Pair, id: string): Role {
  return {
    id,
    name: externalRoleName(pair.value),
    kind: 'external',
    statements: [],
    managedPolicies: [],
    trust: [],
    usedBy: [],
    location: pair.keyLoc,
  };
}

function roleIdOf(node: Node, input: Input, resourceIds: ReadonlySet<string>): string {
  for (const b of branches(node)) {
    const n = b.node;
    const name = str(n);
    if (name && resourceIds.has(name)) return idOf(input, name);
    if (n.kind === 'unresolved' && n.target?.kind === 'resource' && resourceIds.has(n.target.name)) return idOf(input, n.target.name);
    const fn = isMap(n) ? n.entries[0] : undefined;
    if (fn && (fn.key === 'Fn::GetAtt' || fn.key === 'Ref')) {
      const target = isSeq(fn.value) ? str(fn.value.items[0]) : str(fn.value)?.split('.')[0];
      if (target && resourceIds.has(target)) return idOf(input, target);
    }
  }
  return externalRoleId(input, node);
}

/** The id of the role a `role:` setting names: a role of `resources` (loaded with them), or an external role added here. */
function roleReference(pair: Pair, input: Input, resourceIds: ReadonlySet<string>, externals: Map<string, Role>): string {
  const id = roleIdOf(pair.value, input, resourceIds);
  if (id !== externalRoleId(input, pair.value)) return id;
  if (!externals.has(id)) externals.set(id, externalRole(pair, id));
  return id;
}

/** A per-function role (serverless-iam-roles-per-function plugin, or v4 function `iam.role`). */
function functionRole(name: string, def: Node, input: Input, plugin: Pair | undefined, v4: Pair | undefined, provider: Role | undefined): Role {
  const statements = [
    ...parseStatements(plugin?.value, { kind: 'inline' }),
    ...parseStatements(get(v4?.value, 'statements'), { kind: 'inline' }),
    ...unknownGrants(def, get(def, 'iam'), v4?.value),
  ];
  const managedPolicies = listItems(get(v4?.value, 'managedPolicies')).map((b) => managedRef(b.node, b.when));
  const inherit = str(get(def, 'iamRoleStatementsInherit')) === 'true';
  return {
    id: idOf(input, `${functionLogicalId(name).replace(/LambdaFunction$/, '')}IamRoleLambdaExecution`),
    name: `${name} role`,
    kind: 'serverless-function',
    statements: inherit && provider ? [...provider.statements, ...statements] : statements,
    managedPolicies: inherit && provider ? [...provider.managedPolicies, ...managedPolicies] : managedPolicies,
    trust: [],
    usedBy: [],
    location: (plugin ?? v4)!.keyLoc,
  };
}

function settingFrom(fnPair: Pair | undefined, providerPair: Pair | undefined): Setting | undefined {
  const pair = fnPair ?? providerPair;
  if (!pair) return undefined;
  const values = valuesOf(pair.value);
  if (values.length === 0) return undefined;
  return { values, scope: fnPair ? 'function' : 'provider' };
}

/**
 * Variables serverless-plugin-datadog sets on every function: with `apiKeySecretArn`, the Datadog
 * extension reads the API key from Secrets Manager with the function's role.
 */
function datadogEnvironment(config: Node, plugins: readonly (string | undefined)[]): EnvVar[] {
  if (!plugins.includes('serverless-plugin-datadog')) return [];
  const pair = pairOf(get(get(config, 'custom'), 'datadog'), 'apiKeySecretArn');
  return pair ? [{ name: 'DD_API_KEY_SECRET_ARN', values: valuesOf(pair.value), keyLoc: pair.keyLoc, scope: 'provider' }] : [];
}

/**
 * Folders of the service's own layers (`layers: {common: {path: layers/common}}`) that a function
 * uses through `{Ref: CommonLambdaLayer}`, in its own or the provider's `layers`.
 */
function layerDirsOf(config: Node, rawFunction: Node | undefined, input: Input): string[] {
  const defined = get(config, 'layers');
  if (!isMap(defined)) return [];
  const byLogicalId = new Map<string, string>();
  for (const layer of defined.entries) {
    const dir = str(get(layer.value, 'path'));
    if (dir) byLogicalId.set(functionLogicalId(layer.key).replace(/LambdaFunction$/, 'LambdaLayer'), path.posix.join(path.posix.dirname(input.file), dir));
  }
  const used = [...items(get(rawFunction, 'layers')), ...items(get(get(config, 'provider'), 'layers'))];
  return [...new Set(used.map((n) => byLogicalId.get(str(get(n, 'Ref')) ?? '')).filter((d): d is string => d !== undefined))];
}

function loadFunction(
  f: Pair,
  fnId: string,
  provider: Node | undefined,
  input: Input,
  roleId: string | undefined,
  pluginEnvironment: readonly EnvVar[],
  layerDirs: readonly string[],
): Fn {
  const def = f.value;
  const runtime = settingFrom(pairOf(def, 'runtime'), pairOf(provider, 'runtime'));
  const environment: EnvVar[] = [...pluginEnvironment];
  const own = get(def, 'environment');
  const ownNames = new Set(isMap(own) ? own.entries.map((p) => p.key) : []);
  const inherited = get(provider, 'environment');
  if (isMap(inherited)) {
    for (const p of inherited.entries) {
      if (!ownNames.has(p.key) && p.key !== UNKNOWN_KEYS) environment.push({ name: p.key, values: valuesOf(p.value), keyLoc: p.keyLoc, scope: 'provider' });
    }
  }
  if (isMap(own)) for (const p of own.entries) if (p.key !== UNKNOWN_KEYS) environment.push({ name: p.key, values: valuesOf(p.value), keyLoc: p.keyLoc, scope: 'function' });
  const handlerPair = pairOf(def, 'handler');
  const handler = str(handlerPair?.value);
  const url = functionUrl(pairOf(def, 'url'));
  return {
    id: fnId,
    name: f.key,
    input,
    ...(runtime ? { runtime } : {}),
    ...(handler && handlerPair ? { handler: { handler, codeDir: codeDirOf(def, input), ...(layerDirs.length > 0 ? { layerDirs } : {}), loc: handlerPair.value.loc } } : {}),
    ...(roleId ? { roleId } : {}),
    environment,
    ...(url ? { url } : {}),
    ...(get(def, 'image') !== undefined ? { image: true } : {}),
    events: events(def),
    location: f.keyLoc,
  };
}

/** serverless.yml event names, as the model names them. */
const EVENT_TYPES: Readonly<Record<string, EventType>> = ownTable({
  http: 'api',
  httpApi: 'api',
  websocket: 'api',
  sqs: 'sqs',
  stream: 'stream',
  msk: 'msk',
  kafka: 'kafka',
});

/** The folder a handler path is relative to: the service's, or the function's `module` (serverless-python-requirements). */
function codeDirOf(def: Node, input: Input): string {
  const module = str(get(def, 'module'));
  const dir = path.posix.dirname(input.file);
  return module ? path.posix.join(dir, module) : dir;
}

function events(def: Node): FunctionEvent[] {
  const out = listItems(get(def, 'events')).flatMap((b): FunctionEvent[] => {
    const pair = isMap(b.node) ? b.node.entries[0] : undefined;
    if (!pair) return [];
    // A stream's `destinations.onFailure`: Lambda sends failed batches there with the function's role.
    const onFailure = pairOf(pair.value, 'destinations');
    return [{ type: EVENT_TYPES[pair.key] ?? 'other', declared: pair.key, loc: pair.keyLoc }, ...(onFailure ? [{ type: 'destination' as const, declared: 'destinations', loc: onFailure.keyLoc }] : [])];
  });
  for (const key of ['onError', 'destinations']) {
    const pair = pairOf(def, key);
    if (pair) out.push({ type: 'destination', declared: key, loc: pair.keyLoc });
  }
  return out;
}

/** `url: true` deploys with `AuthType: NONE`; only `authorizer: aws_iam` changes that. */
function functionUrl(pair: Pair | undefined): FunctionUrl | undefined {
  if (!pair) return undefined;
  const v = pair.value;
  if (isScalar(v) && (v.value === false || v.value === null || v.value === 'false')) return undefined;
  const authorizer = str(get(v, 'authorizer'));
  const authType: Entry = {
    value: authorizer?.toLowerCase() === 'aws_iam' ? 'AWS_IAM' : 'NONE',
    text: authorizer ?? 'NONE (default of url)',
    loc: pair.keyLoc,
    when: [],
  };
  const cors = serverlessCors(pairOf(v, 'cors'), 'allowedOrigins');
  return { authTypes: [authType], ...(cors ? { cors } : {}), location: pair.keyLoc };
}

/** `cors: true` means any origin; a map lists `origin`/`origins` (REST) or `allowedOrigins` (HTTP API, URL). */
function serverlessCors(pair: Pair | undefined, originsKey: string): Cors | undefined {
  if (!pair) return undefined;
  const v = pair.value;
  if (isScalar(v)) {
    if (v.value !== true && v.value !== 'true') return undefined;
    return { origins: [{ value: '*', text: 'cors: true', loc: pair.keyLoc, when: [] }], allowCredentials: false, loc: pair.keyLoc };
  }
  if (!isMap(v)) return undefined;
  const origins = [...entriesOf(get(v, 'origin')), ...entriesOf(get(v, 'origins')), ...entriesOf(get(v, originsKey))];
  const credentials = get(v, 'allowCredentials') ?? get(v, 'allowCredentials'.replace('allow', 'Allow'));
  return {
    // A cors map without origins defaults to '*' in the Serverless Framework.
    origins: origins.length > 0 ? origins : [{ value: '*', text: 'cors (default origin *)', loc: pair.keyLoc, when: [] }],
    allowCredentials: isScalar(credentials) ? String(credentials.value) === 'true' : undefined,
    loc: pair.keyLoc,
  };
}

function authorizerAuth(event: Node | undefined, provider: Node | undefined, kind: 'rest' | 'http' | 'websocket', apiKey: boolean): Auth {
  const authorizer = get(event, 'authorizer');
  if (authorizer === undefined) {
    // An event whose settings are partly computed by code may set an authorizer we cannot see.
    return { type: unknownKeys(event) ? 'unknown' : 'none', source: 'none', apiKeyRequired: apiKey, when: [] };
  }
  const name = str(authorizer) ?? str(get(authorizer, 'name')) ?? '';
  const declaredType = (str(get(authorizer, 'type')) ?? '').toLowerCase();
  const arn = str(get(authorizer, 'arn')) ?? (str(authorizer)?.startsWith('arn:') ? str(authorizer) : undefined) ?? '';
  let type: AuthType = 'lambda';
  if (name.toLowerCase() === 'aws_iam' || declaredType === 'aws_iam') type = 'iam';
  else if (declaredType === 'cognito_user_pools' || arn.includes(':cognito-idp:')) type = 'cognito';
  else if (declaredType === 'jwt') type = 'jwt';
  else if (kind === 'http') {
    const def = get(get(get(provider, 'httpApi'), 'authorizers'), name);
    const t = (str(get(def, 'type')) ?? 'jwt').toLowerCase();
    type = t === 'request' ? 'lambda' : 'jwt';
  }
  return { type, source: 'route', apiKeyRequired: apiKey, when: [] };
}

function functionEndpoints(f: Pair, fnId: string, provider: Node | undefined): Endpoint[] {
  const out: Endpoint[] = [];
  listItems(get(f.value, 'events')).forEach((b, index) => {
    const event = isMap(b.node) ? b.node.entries[0] : undefined;
    if (!event) return;
    const id = `${fnId}/events/${index}`;
    const v = event.value;
    if (event.key === 'http') {
      const [method, rawPath] = isScalar(v) ? splitRouteKey(String(v.value)) : [str(get(v, 'method')), str(get(v, 'path')) ?? '/'];
      const routePath = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
      const cors = serverlessCors(pairOf(v, 'cors'), 'origins');
      const apiKey = str(get(v, 'private')) === 'true';
      out.push({
        id,
        kind: 'rest',
        method: method?.toUpperCase(),
        path: routePath,
        auth: authorizerAuth(v, provider, 'rest', apiKey),
        ...(cors ? { cors } : {}),
        targetFn: fnId,
        // `endpointType: PRIVATE` makes the whole REST API private (reachable through VPC endpoints only).
        ...(str(get(provider, 'endpointType'))?.toUpperCase() === 'PRIVATE' ? { privateApi: true } : {}),
        location: event.keyLoc,
      });
    } else if (event.key === 'httpApi') {
      const route = isScalar(v) ? String(v.value) : `${str(get(v, 'method')) ?? 'ANY'} ${str(get(v, 'path')) ?? '/'}`;
      const [method, routePath] = route.trim() === '*' ? ['ANY', '$default'] : splitRouteKey(route);
      out.push({
        id,
        kind: 'http',
        method: method === '*' ? 'ANY' : method?.toUpperCase(),
        path: routePath,
        auth: authorizerAuth(v, provider, 'http', false),
        targetFn: fnId,
        location: event.keyLoc,
      });
    } else if (event.key === 'websocket') {
      const route = isScalar(v) ? String(v.value) : (str(get(v, 'route')) ?? '?');
      out.push({
        id,
        kind: 'websocket',
        method: undefined,
        path: route,
        auth: authorizerAuth(v, provider, 'websocket', false),
        targetFn: fnId,
        location: event.keyLoc,
      });
    }
  });
  return out;
}

export function isAwsProvider(config: Node): boolean {
  const name = str(getPath(config, 'provider', 'name')) ?? (isScalar(get(config, 'provider')) ? str(get(config, 'provider')) : undefined);
  return name === undefined || name === 'aws' || name.includes('${');
}

