import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { sdkServiceByV2Class, sdkServiceByV3Package, type SdkService } from '../../iam/sdk-services.js';
import { isFunction, memberPath, unwrap, walk, type AstNode } from './ast.js';
import { atTopLevel, definitionOf, type ModuleInfo } from './modules.js';
import { isSdkPackage } from './packages.js';
import { functionOfValue } from './reach.js';
import { definingExpression, enclosingClass, exportedValue, fieldValues, variableOf, type ModuleSource } from './values.js';

/** What an expression holds, as far as the AWS SDK is concerned. */
export interface Client {
  readonly kind: 'v3' | 'aggregated' | 'v2';
  readonly service: SdkService;
  readonly document: boolean;
  /** Created with `credentials:` of its own (or `accessKeyId:`): its calls do not use the function's role. */
  readonly ownCredentials?: boolean;
}

/** What an expression stands for once identifiers are followed to their initialisers (`const input = {…}`). */
export function followConstants(module: ModuleInfo, node: AstNode | null | undefined): AstNode | undefined {
  let n = node ? unwrap(node) : undefined;
  for (let hops = 0; n?.type === 'Identifier' && hops < 4; hops++) {
    const variable = module.resolved.get(n);
    const init = variable && definitionOf(variable);
    n = init ? unwrap(init) : undefined;
  }
  return n;
}

/** Credential providers that read the function's own role credentials (from the environment Lambda sets). */
const ROLE_CREDENTIALS = new Set(['fromEnv', 'fromNodeProviderChain', 'defaultProvider', 'fromContainerMetadata', 'fromInstanceMetadata']);

function hasOwnCredentials(module: ModuleInfo, options: AstNode | undefined): boolean {
  const n = followConstants(module, options);
  if (n?.type !== 'ObjectExpression') return false;
  return n.properties.some((p) => {
    if (p.type !== 'Property' || p.key.type !== 'Identifier') return false;
    if (p.key.name === 'accessKeyId') return true;
    if (p.key.name !== 'credentials') return false;
    const value = followConstants(module, p.value as AstNode);
    const provider = value?.type === 'CallExpression' ? importOf(module, value.callee) : undefined;
    return !(provider && ROLE_CREDENTIALS.has(provider.name));
  });
}

export function s3Service(): SdkService {
  return sdkServiceByV3Package('@aws-sdk/client-s3')!;
}

export function dynamodbService(): SdkService {
  return sdkServiceByV3Package('@aws-sdk/client-dynamodb')!;
}

/** The SDK class an import names: v3 `XClient` or aggregated `X`, lib-dynamodb, or v2 `AWS.X`; undefined for anything else. */
export function classifyConstructor(imp: { source: string; name: string }): Client | undefined {
  if (imp.source.startsWith('@aws-sdk/client-')) {
    const service = sdkServiceByV3Package(imp.source);
    if (!service) return undefined;
    if (imp.name === `${service.v3Class}Client`) return { kind: 'v3', service, document: false };
    return imp.name === service.v3Class ? { kind: 'aggregated', service, document: false } : undefined;
  }
  if (imp.source === '@aws-sdk/lib-dynamodb') {
    if (imp.name === 'DynamoDBDocumentClient') return { kind: 'v3', service: dynamodbService(), document: true };
    return imp.name === 'DynamoDBDocument' ? { kind: 'aggregated', service: dynamodbService(), document: true } : undefined;
  }
  if (imp.source === 'aws-sdk' || imp.source.startsWith('aws-sdk/clients/')) {
    if (imp.name === 'DocumentClient') return { kind: 'v2', service: dynamodbService(), document: true };
    const service = imp.source.startsWith('aws-sdk/clients/') ? sdkServiceByV2Class(imp.source.slice(16), true) : sdkServiceByV2Class(imp.name);
    return service ? { kind: 'v2', service, document: false } : undefined;
  }
  return undefined;
}

/** `require('x')`, `await import('x')`, or a tracing wrapper around one (`AWSXRay.captureAWS(require('aws-sdk'))`). */
function requiredSource(node: AstNode): string | undefined {
  const n = unwrap(node);
  if (n.type === 'AwaitExpression') return requiredSource(n.argument);
  if (n.type === 'ImportExpression') return n.source.type === 'Literal' && typeof n.source.value === 'string' ? n.source.value : undefined;
  if (n.type !== 'CallExpression') return undefined;
  if (n.callee.type === 'Identifier' && n.callee.name === 'require') {
    const arg = n.arguments[0];
    return arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined;
  }
  return isCaptureCall(n) && n.arguments[0] ? requiredSource(n.arguments[0]) : undefined;
}

/** X-Ray and Powertools Tracer wrappers return what they are given, traced: `captureAWS`, `captureAWSClient`, `captureAWSv3Client`. */
export function isCaptureCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  return name !== undefined && /^captureAWS(Client|v3Client)?$/.test(name);
}

/** The package an SDK binding comes from, and the name it has there: `AWS.S3` from `import AWS from 'aws-sdk'` is ('aws-sdk', 'S3'). */
export function importOf(module: ModuleInfo, node: AstNode, depth = 0): { source: string; name: string } | undefined {
  const n = unwrap(node);
  if (depth > 4) return undefined;
  if (n.type === 'Identifier') {
    const imp = module.imports.get(n.name);
    const variable = module.resolved.get(n);
    if (imp && (!variable || atTopLevel(variable, module))) {
      return { source: imp.source, name: imp.name === 'default' || imp.name === '*' ? n.name : imp.name };
    }
    // `const AWS = AWSXRay.captureAWS(require('aws-sdk'))`, a `require` inside a function, `const S3 = AWS.S3`.
    const init = variable && variable.defs[0]?.type === 'Variable' ? definitionOf(variable) : undefined;
    if (!init) return undefined;
    const source = requiredSource(init);
    if (source) return { source, name: n.name };
    const i = unwrap(init);
    if (i.type === 'CallExpression' && isCaptureCall(i) && i.arguments[0]) {
      const wrapped = importOf(module, i.arguments[0], depth + 1);
      return wrapped && { source: wrapped.source, name: n.name };
    }
    if (i.type === 'MemberExpression') return importOf(module, i, depth + 1);
    return undefined;
  }
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    // `require('aws-sdk').S3`
    const inline = requiredSource(n.object);
    if (inline) return { source: inline, name: n.property.name };
    const object = importOf(module, n.object, depth + 1);
    if (!object) return undefined;
    // `AWS.DynamoDB.DocumentClient`
    if (n.property.name === 'DocumentClient' && object.name === 'DynamoDB') return { source: object.source, name: 'DocumentClient' };
    const base = unwrap(n.object);
    const isNamespace = base.type === 'Identifier' ? isNamespaceBinding(module, base, object) : requiredSource(base) !== undefined;
    return isNamespace ? { source: object.source, name: n.property.name } : undefined;
  }
  return undefined;
}

/** Whether a binding is a whole module (`import * as x`, `import x from`, `const x = require()`), not one of its exports. */
function isNamespaceBinding(module: ModuleInfo, id: TSESTree.Identifier, imp: { source: string; name: string }): boolean {
  const declared = module.imports.get(id.name);
  if (declared) return declared.name === '*' || declared.name === 'default';
  return imp.name === id.name;
}

/** Classifies a constructor or factory: `new S3Client()`, `new AWS.S3()`, `DynamoDBDocumentClient.from(c)`, `captureAWSv3Client(c)`. */
export function clientFromCreation(module: ModuleInfo, node: AstNode): Client | undefined {
  const n = unwrap(node);
  if (n.type === 'NewExpression') {
    const imp = importOf(module, n.callee);
    const client = imp ? classifyConstructor(imp) : undefined;
    if (!client) return undefined;
    return hasOwnCredentials(module, n.arguments[0] as AstNode | undefined) ? { ...client, ownCredentials: true } : client;
  }
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed && n.callee.property.type === 'Identifier') {
    const imp = importOf(module, n.callee.object);
    if (imp?.source === '@aws-sdk/lib-dynamodb' && n.callee.property.name === 'from') {
      return { kind: imp.name.endsWith('Client') ? 'v3' : 'aggregated', service: dynamodbService(), document: true };
    }
  }
  return undefined;
}

export interface ClientLookup {
  /** Follow parameters to the arguments of their callers (costs an index of the handler's calls). */
  readonly parameters: boolean;
}

/**
 * What client an expression evaluates to: a creation, a variable holding one, a local getter
 * returning one, a class field, an object property, an import of a local module's client, or a
 * parameter given one by its callers.
 */
export function clientOf(module: ModuleInfo, node: AstNode | null | undefined, modules: ModuleSource, lookup: ClientLookup, depth = 0): Client | undefined {
  if (!node || depth > 6) return undefined;
  const n = unwrap(node);
  const created = clientFromCreation(module, n);
  if (created) return created;
  const next = (m: ModuleInfo, x: AstNode | null | undefined) => clientOf(m, x, modules, lookup, depth + 1);
  switch (n.type) {
    case 'AwaitExpression':
      return next(module, n.argument);
    case 'LogicalExpression':
      return either(next(module, n.right), next(module, n.left));
    case 'AssignmentExpression':
      return next(module, n.right);
    case 'ConditionalExpression':
      return either(next(module, n.consequent), next(module, n.alternate));
    case 'CallExpression': {
      if (isCaptureCall(n)) return next(module, n.arguments[0]);
      const getter = functionOfValue(module, n.callee, modules);
      if (!getter) return undefined;
      const body = getter.fn.body;
      if (body.type !== 'BlockStatement') return next(getter.module, body);
      let found: Client | undefined;
      walk(body, (s) => {
        if (found || (s !== body && isFunction(s))) return false;
        if (s.type === 'ReturnStatement' && s.argument) found = next(getter.module, s.argument);
        return undefined;
      });
      return found;
    }
    case 'MemberExpression': {
      if (n.computed || n.property.type !== 'Identifier') return undefined;
      if (unwrap(n.object).type === 'ThisExpression') {
        const cls = enclosingClass(n, module.parents);
        for (const v of cls ? fieldValues(cls, n.property.name) : []) {
          const found = next(module, v);
          if (found) return found;
        }
        return undefined;
      }
      const defined = definingExpression(module, n, modules);
      return defined && defined.node !== n ? next(defined.module, defined.node) : undefined;
    }
    case 'Identifier': {
      const imported = module.imports.get(n.name);
      const variable = variableOf(module, n);
      if (imported?.file && (!variable || variable.scope === module.moduleScope)) {
        const value = exportedValue(imported, modules);
        return value ? next(value.module, value.node) : undefined;
      }
      if (!variable) return undefined;
      if (variable.defs[0]?.type === 'Parameter') {
        if (!lookup.parameters || !modules.sites) return undefined;
        for (const arg of modules.sites.argumentsOf(module, variable)) {
          const found = next(arg.module, arg.node);
          if (found) return found;
        }
        return undefined;
      }
      const writes = [definitionOf(variable), ...variable.references.filter((r) => r.isWrite()).map((r) => r.writeExpr as AstNode | null)];
      for (const w of writes) {
        const found = w && w !== node ? next(module, w) : undefined;
        if (found) return found;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** One of two clients: its calls use the role unless both were given credentials of their own (a local-development branch). */
function either(a: Client | undefined, b: Client | undefined): Client | undefined {
  if (!a || !b) return a ?? b;
  return a.ownCredentials && !b.ownCredentials ? b : a;
}

/** `AWS` of `import AWS from 'aws-sdk'` or `require('aws-sdk')` (possibly traced): the whole SDK v2. */
export function isSdkV2Namespace(module: ModuleInfo, node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type !== 'Identifier') return false;
  const imp = importOf(module, n);
  if (!imp || imp.source !== 'aws-sdk') return false;
  const declared = module.imports.get(n.name);
  return declared ? declared.name === '*' || declared.name === 'default' : imp.name === n.name;
}

export function memberName(node: AstNode): string | undefined {
  const n = unwrap(node);
  return n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' ? n.property.name : memberPath(n);
}

const HTTP_CLIENTS = new Set(['axios', 'node-fetch', 'got', 'undici', 'ky', 'superagent']);

/** `fetch(…)` (the global), or a call of an HTTP client package (`axios.get(…)`, `got(…)`): it returns another service's answer. */
function isHttpRequest(module: ModuleInfo, callee: AstNode): boolean {
  let root = callee;
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  if (root.type !== 'Identifier') return false;
  const variable = module.resolved.get(root);
  if (root.name === 'fetch' && callee === root) return !variable || variable.defs.length === 0;
  const imp = module.imports.get(root.name);
  return imp !== undefined && !imp.file && HTTP_CLIENTS.has(imp.source) && (!variable || atTopLevel(variable, module));
}

/** Client members that are configuration or plumbing, not a request to AWS. */
const CLIENT_PLUMBING = new Set(['config', 'middlewareStack', 'destroy', 'on', 'setupRequestListeners', 'createSet', 'endpoint']);

/**
 * Whether a call is a request to AWS (or, over HTTP, to another service) whose value is the service's answer: `client.send(new
 * XCommand(…))`, a v2 or aggregated client method (`ddb.query(…)`, whose `.promise()` chains on
 * it), a paginator. What comes back is the service's data, not the caller's, whatever key the
 * request named. Clients given as parameters are not followed (no call index): a command sent is
 * recognised by the command alone.
 */
export function isSdkRequest(module: ModuleInfo, call: TSESTree.CallExpression, modules: ModuleSource): boolean {
  const callee = unwrap(call.callee);
  if (isHttpRequest(module, callee)) return true;
  if (callee.type === 'Identifier') {
    const imp = importOf(module, callee);
    return imp !== undefined && isSdkPackage(imp.source) && /^paginate[A-Z]/.test(imp.name);
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  if (callee.property.name === 'send') {
    const command = followConstants(module, call.arguments[0] as AstNode | undefined);
    const imp = command?.type === 'NewExpression' ? importOf(module, command.callee) : undefined;
    if (imp && isSdkPackage(imp.source) && imp.name.endsWith('Command')) return true;
  }
  if (CLIENT_PLUMBING.has(callee.property.name)) return false;
  return clientOf(module, callee.object, modules, { parameters: false }) !== undefined;
}
