import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SdkResource } from '../../model.js';
import { sourceText, staticString, unwrap, type AstNode } from './ast.js';
import type { ModuleInfo } from './modules.js';
import { followConstants, importOf } from './sdk-clients.js';
import { resourceValue } from './sdk-inputs.js';
import { propertyValue, type ModuleSource } from './values.js';
import { trimTrailing } from '../../text.js';
import { ownTable } from '../../own.js';

/**
 * AWS calls libraries make for the handler: middy's SSM and Secrets Manager middlewares,
 * Powertools parameters and idempotency, SigV4 signers of HTTP requests, credential providers
 * that assume a role. Each counts as the actions it performs, on the resources it names when
 * they are literal; what cannot be told is a gap.
 */
export interface LibraryAction {
  readonly operation: string;
  readonly actions: readonly string[];
  readonly mayUse?: readonly string[];
  readonly resource?: SdkResource;
}

export type LibraryCall =
  | { readonly kind: 'calls'; readonly detail: string; readonly calls: readonly LibraryAction[] }
  | { readonly kind: 'gap'; readonly reason: string };

type Imported = { readonly source: string; readonly name: string };

const calls = (detail: string, list: LibraryAction[]): LibraryCall => ({ kind: 'calls', detail, calls: list });

function resource(module: ModuleInfo, param: string, node: AstNode | undefined): SdkResource | undefined {
  if (!node) return undefined;
  const value = resourceValue(module, node);
  return value ? { param, ...value } : { param };
}

/** The entries of `fetchData: { KEY: '/name' }` (middy) or `names: {…}` (middy 1): undefined when not literal. */
function fetchEntries(module: ModuleInfo, options: AstNode | undefined, keys: string[]): AstNode[] | undefined {
  const o = followConstants(module, options);
  if (o?.type !== 'ObjectExpression') return undefined;
  const out: AstNode[] = [];
  let found = false;
  for (const key of keys) {
    const data = followConstants(module, propertyValue(o, key));
    if (!data) continue;
    if (data.type !== 'ObjectExpression' || data.properties.some((p) => p.type !== 'Property')) return undefined;
    found = true;
    for (const p of data.properties) if (p.type === 'Property') out.push(p.value as AstNode);
  }
  return found ? out : undefined;
}

function middySsm(module: ModuleInfo, call: TSESTree.CallExpression, legacy: boolean): LibraryCall {
  const options = call.arguments[0] as AstNode | undefined;
  const detail = legacy ? 'middy ssm middleware' : '@middy/ssm middleware';
  // middy 2+ names parameters in `fetchData` (a trailing "/" fetches a path); middy 1 in `names` and `paths`.
  const named = fetchEntries(module, options, ['fetchData', 'names']);
  const paths = fetchEntries(module, options, ['paths']);
  if (!named && !paths) {
    return calls(detail, [{ operation: 'ssm:GetParameters', actions: [], mayUse: ['ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:GetParameter'] }]);
  }
  const entry = (e: AstNode, forcePath: boolean): LibraryAction => {
    const value = resourceValue(module, e);
    const byPath = forcePath || (value?.literal?.endsWith('/') ?? false);
    const res: SdkResource = value?.literal ? { param: 'Name', literal: byPath ? trimTrailing(value.literal, '/') : value.literal } : { param: 'Name', ...(value ?? {}) };
    return byPath
      ? { operation: 'ssm:GetParametersByPath', actions: ['ssm:GetParametersByPath'], resource: res }
      : { operation: 'ssm:GetParameters', actions: ['ssm:GetParameters'], resource: res };
  };
  return calls(detail, [...(named ?? []).map((e) => entry(e, false)), ...(paths ?? []).map((e) => entry(e, true))]);
}

function middySecrets(module: ModuleInfo, call: TSESTree.CallExpression, legacy: boolean): LibraryCall {
  const entries = fetchEntries(module, call.arguments[0] as AstNode | undefined, legacy ? ['secrets'] : ['fetchData']);
  const detail = legacy ? 'middy secretsManager middleware' : '@middy/secrets-manager middleware';
  if (!entries) return calls(detail, [{ operation: 'secretsmanager:GetSecretValue', actions: ['secretsmanager:GetSecretValue'] }]);
  return calls(detail, entries.map((e) => ({ operation: 'secretsmanager:GetSecretValue', actions: ['secretsmanager:GetSecretValue'], resource: resource(module, 'SecretId', e)! })));
}

/** The AWS service a SigV4 signer signs for: its `service` option, or the host it calls. */
function signedService(module: ModuleInfo, options: AstNode | undefined, depth = 0): string | undefined {
  const o = followConstants(module, options);
  if (o?.type !== 'ObjectExpression' || depth > 2) return undefined;
  const service = followConstants(module, propertyValue(o, 'service'));
  const named = service ? staticString(service) : undefined;
  if (named) return named;
  const host = followConstants(module, propertyValue(o, 'host') ?? propertyValue(o, 'hostname') ?? propertyValue(o, 'url'));
  const text = host ? (staticString(host) ?? (host.type === 'TemplateLiteral' ? host.quasis.map((q) => q.value.cooked).join('*') : undefined)) : undefined;
  if (text) {
    if (/\.execute-api\./.test(text)) return 'execute-api';
    if (/\.appsync-api\./.test(text)) return 'appsync';
    if (/\.lambda-url\./.test(text)) return 'lambda';
  }
  return signedService(module, propertyValue(o, 'options'), depth + 1);
}

const SIGNED: Readonly<Record<string, LibraryAction>> = ownTable({
  'execute-api': { operation: 'execute-api:Invoke', actions: ['execute-api:Invoke'] },
  appsync: { operation: 'appsync:GraphQL', actions: ['appsync:GraphQL'] },
  lambda: { operation: 'lambda:InvokeFunctionUrl', actions: ['lambda:InvokeFunctionUrl'] },
  es: { operation: 'es:ESHttp*', actions: [], mayUse: ['es:ESHttpGet', 'es:ESHttpHead', 'es:ESHttpPost', 'es:ESHttpPut', 'es:ESHttpPatch', 'es:ESHttpDelete'] },
});

function signer(module: ModuleInfo, options: AstNode | undefined, detail: string): LibraryCall {
  const service = signedService(module, options);
  const action = service ? SIGNED[service] : undefined;
  if (action) return calls(detail, [action]);
  return { kind: 'gap', reason: `${detail} signs a request ${service ? `for ${service}, which faaslint does not map` : 'for a service it cannot tell'}` };
}

const POWERTOOLS = '@aws-lambda-powertools/parameters/';

function powertoolsFunction(module: ModuleInfo, call: TSESTree.CallExpression, imp: Imported): LibraryCall | undefined {
  const arg = call.arguments[0] as AstNode | undefined;
  const service = imp.source.slice(POWERTOOLS.length);
  const one = (operation: string, param: string, extra: Partial<LibraryAction> = {}): LibraryCall =>
    calls(`${imp.name} (Powertools)`, [{ operation, actions: [operation], resource: resource(module, param, arg)!, ...extra }]);
  switch (`${service}:${imp.name}`) {
    case 'ssm:getParameter':
      return one('ssm:GetParameter', 'Name');
    case 'ssm:getParameters':
      return one('ssm:GetParametersByPath', 'Name');
    case 'ssm:setParameter':
      return one('ssm:PutParameter', 'Name');
    case 'ssm:getParametersByName':
      return calls(`${imp.name} (Powertools)`, [{ operation: 'ssm:GetParameters', actions: ['ssm:GetParameters'], mayUse: ['ssm:GetParameter'] }]);
    case 'secrets:getSecret':
      return one('secretsmanager:GetSecretValue', 'SecretId');
    case 'secrets:setSecret':
      return one('secretsmanager:PutSecretValue', 'SecretId', { mayUse: ['secretsmanager:CreateSecret'] });
    case 'appconfig:getAppConfig':
      return calls(`${imp.name} (Powertools)`, [{ operation: 'appconfig:GetLatestConfiguration', actions: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'] }]);
    default:
      return undefined;
  }
}

/** Powertools parameter providers: `new SSMProvider()` then `.get(name)`. */
const PROVIDER_METHODS: Readonly<Record<string, Readonly<Record<string, { operation: string; param: string; mayUse?: string[] }>>>> = ownTable({
  SSMProvider: { get: { operation: 'ssm:GetParameter', param: 'Name' }, getMultiple: { operation: 'ssm:GetParametersByPath', param: 'Name' }, getParametersByName: { operation: 'ssm:GetParameters', param: '', mayUse: ['ssm:GetParameter'] }, set: { operation: 'ssm:PutParameter', param: 'Name' } },
  SecretsProvider: { get: { operation: 'secretsmanager:GetSecretValue', param: 'SecretId' } },
  DynamoDBProvider: { get: { operation: 'dynamodb:GetItem', param: 'TableName' }, getMultiple: { operation: 'dynamodb:Query', param: 'TableName' } },
  AppConfigProvider: { get: { operation: 'appconfig:GetLatestConfiguration', param: '' } },
});

/** A method call on a Powertools provider instance. */
export function providerCall(module: ModuleInfo, call: TSESTree.CallExpression, modules: ModuleSource): LibraryCall | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const instance = followConstants(module, callee.object);
  if (instance?.type !== 'NewExpression') return undefined;
  const imp = importOf(module, instance.callee);
  const methods = imp?.source.startsWith(POWERTOOLS) ? PROVIDER_METHODS[imp.name] : undefined;
  if (!methods) return undefined;
  const m = methods[callee.property.name];
  if (!m) return calls(`${imp!.name}.${callee.property.name}`, []);
  void modules;
  const options = followConstants(module, instance.arguments[0] as AstNode | undefined);
  const table = m.param === 'TableName' && options?.type === 'ObjectExpression' ? propertyValue(options, 'tableName') : undefined;
  const target = m.param === 'TableName' ? table : m.param ? (call.arguments[0] as AstNode | undefined) : undefined;
  const actions = m.operation === 'appconfig:GetLatestConfiguration' ? ['appconfig:StartConfigurationSession', m.operation] : [m.operation];
  return calls(`${imp!.name}.${callee.property.name} (Powertools)`, [
    { operation: m.operation, actions, ...(m.mayUse ? { mayUse: m.mayUse } : {}), ...(m.param && target ? { resource: resource(module, m.param, target)! } : {}) },
  ]);
}

/** What a call or `new` of an imported library binding does in AWS, if faaslint models that library. */
export function libraryCall(module: ModuleInfo, node: TSESTree.CallExpression | TSESTree.NewExpression, imp: Imported, modules: ModuleSource): LibraryCall | undefined {
  const source = imp.source;
  const arg = node.arguments[0] as AstNode | undefined;
  if (node.type === 'CallExpression') {
    if (source === '@middy/ssm') return middySsm(module, node, false);
    if (source === '@middy/secrets-manager') return middySecrets(module, node, false);
    if (source === 'middy/middlewares' && imp.name === 'ssm') return middySsm(module, node, true);
    if (source === 'middy/middlewares' && imp.name === 'secretsManager') return middySecrets(module, node, true);
    if (source.startsWith(POWERTOOLS)) return powertoolsFunction(module, node, imp) ?? { kind: 'gap', reason: `${imp.name} from ${source}, which faaslint does not map` };
    if (source === 'aws4' && imp.name === 'sign') return signer(module, arg, 'aws4.sign');
    if (source === 'aws4-axios') return signer(module, arg, `${imp.name} (aws4-axios)`);
    if (source === 'aws-xray-sdk' || source === 'aws-xray-sdk-core') return calls(imp.name, []);
    if (source === '@aws-sdk/credential-providers') {
      if (imp.name === 'fromTemporaryCredentials') {
        const o = followConstants(module, arg);
        const params = o?.type === 'ObjectExpression' ? followConstants(module, propertyValue(o, 'params')) : undefined;
        const role = params?.type === 'ObjectExpression' ? propertyValue(params, 'RoleArn') : undefined;
        return calls(imp.name, [{ operation: 'sts:AssumeRole', actions: ['sts:AssumeRole'], ...(role ? { resource: resource(module, 'RoleArn', role)! } : {}) }]);
      }
      return calls(imp.name, []);
    }
    if (source === '@aws-sdk/s3-presigned-post' && imp.name === 'createPresignedPost') {
      const o = followConstants(module, node.arguments[1] as AstNode | undefined);
      const bucket = o?.type === 'ObjectExpression' ? propertyValue(o, 'Bucket') : undefined;
      return calls(imp.name, [{ operation: 's3:PutObject', actions: ['s3:PutObject'], ...(bucket ? { resource: resource(module, 'Bucket', bucket)! } : {}) }]);
    }
    return undefined;
  }
  if ((source === '@aws-sdk/signature-v4' || source === '@smithy/signature-v4') && imp.name === 'SignatureV4') return signer(module, arg, 'SignatureV4');
  if (source === '@aws-lambda-powertools/idempotency/dynamodb' && imp.name === 'DynamoDBPersistenceLayer') {
    const o = followConstants(module, arg);
    const table = o?.type === 'ObjectExpression' ? propertyValue(o, 'tableName') : undefined;
    const res = resource(module, 'TableName', table);
    return calls('DynamoDBPersistenceLayer (Powertools idempotency)', ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'].map((a) => ({ operation: a, actions: [a], ...(res ? { resource: res } : {}) })));
  }
  if (source.startsWith(POWERTOOLS) && PROVIDER_METHODS[imp.name]) return calls(imp.name, []);
  if (source === '@aws-sdk/credential-providers' || source === 'aws-xray-sdk' || source === 'aws-xray-sdk-core' || source === '@aws-lambda-powertools/tracer') return calls(imp.name, []);
  if (source.startsWith(POWERTOOLS)) return { kind: 'gap', reason: `new ${sourceText(module.text, node.callee, 40)} from ${source}, which faaslint does not map` };
  void modules;
  return undefined;
}
