import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SdkCall, SdkResource } from '../../model.js';
import { conditionalUse, DOCUMENT_OPERATIONS, HELPER_OPERATIONS, IMPLIED } from '../../iam/sdk-actions.js';
import { sdkOperation, sdkServiceByV3Package, type SdkService } from '../../iam/sdk-services.js';
import { enclosingStatement, isFunction, locationOf, sourceText, staticString, unwrap, walk, type AstNode } from './ast.js';
import type { FunctionRef, ModuleInfo } from './modules.js';
import { isSdkPackage, packageKind } from './packages.js';
import { functionOfValue, reachableFunctions, type ModuleSource } from './reach.js';
import { clientOf, dynamodbService, followConstants, importOf, isCaptureCall, isSdkV2Namespace, s3Service, classifyConstructor, type Client, type ClientLookup } from './sdk-clients.js';
import { batchTables, hasParam, partiqlAction, resourceOf, resourceValue, serviceSideS3, transactionParts, type InputPart } from './sdk-inputs.js';
import { libraryCall, providerCall, type LibraryCall } from './sdk-libraries.js';
import { definingExpression, isClass, propertyValue } from './values.js';
import type { AnalysisScope } from './analysis-scope.js';

/** Client methods that are not API operations and call nothing. */
const NOT_OPERATIONS = new Set(['send', 'destroy', 'config', 'middlewareStack', 'promise', 'on', 'setupRequestListeners', 'then', 'catch', 'finally', 'createSet', 'endpoint']);
/** SDK v2 namespace members and v3 exports that call nothing: configuration, credentials read from the environment, errors. */
const INERT_SDK_CLASSES = /^(Config|Credentials|EnvironmentCredentials|SharedIniFileCredentials|ECSCredentials|EC2MetadataCredentials|RemoteCredentials|CredentialProviderChain|CognitoIdentityCredentials|Endpoint|HttpRequest|HttpResponse|Request|Response|.*Exception|.*Error)$/;

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Whether a local module, or one it imports, uses the SDK or a library that calls AWS. */
class SdkUse {
  private readonly known = new Map<string, boolean>();
  constructor(private readonly modules: ModuleSource) {}

  of(file: string, depth = 0): boolean {
    const cached = this.known.get(file);
    if (cached !== undefined) return cached;
    this.known.set(file, false);
    const module = this.modules.get(file);
    let uses = false;
    for (const imp of module ? [...module.imports.values(), ...module.reexports.map(([, t]) => t)] : []) {
      const kind = packageKind(imp.source);
      if (kind !== 'other' && kind !== 'no-aws-calls') uses = true;
      else if (imp.file && depth < 3 && this.of(imp.file, depth + 1)) uses = true;
      if (uses) break;
    }
    this.known.set(file, uses);
    return uses;
  }
}

/**
 * The AWS calls a handler makes (v3 `send(new XCommand())`, paginators, aggregated clients,
 * lib-dynamodb, lib-storage `Upload`, v2 clients and DocumentClient, middy and Powertools
 * utilities, SigV4-signed requests), each with the IAM actions it needs and the resource it names
 * where the code makes that knowable. Whatever could reach AWS unseen is recorded as a gap, with
 * its call site: a client faaslint cannot map, a wrapper, a computed `require`, the SDK handed to
 * code faaslint does not follow.
 */
export function sdkCalls(scope: AnalysisScope, modules: ModuleSource): { calls: SdkCall[]; gaps: string[] } {
  const calls: SdkCall[] = [];
  const gaps: string[] = [];
  const gapAt = new Set<string>();
  const seen = new Set<AstNode>();
  const sdkUse = new SdkUse(modules);
  const scopeModules = [...new Set(scope.functions.map((f) => f.module))];
  // Following parameters to their callers costs an index of every call: only v2 and aggregated clients need it.
  const lookup: ClientLookup = {
    parameters: scopeModules.some((m) => [...m.imports.values()].some((i) => i.source === 'aws-sdk' || i.source.startsWith('aws-sdk/') || i.source === '@aws-sdk/lib-dynamodb' || i.source.startsWith('@aws-sdk/client-'))),
  };

  const gap = (module: ModuleInfo, node: AstNode, reason: string) => {
    const key = `${module.rel}:${node.loc.start.line}: ${reason}`;
    if (!gapAt.has(key)) {
      gapAt.add(key);
      gaps.push(key);
    }
  };

  const push = (module: ModuleInfo, node: AstNode, operation: string, detail: string, part: { actions: readonly string[]; mayUse?: readonly string[] | undefined; resource?: SdkResource | undefined }, client?: Client) => {
    calls.push({
      loc: locationOf(enclosingStatement(node, module.parents), module.rel),
      operation,
      detail,
      actions: part.actions,
      ...(part.mayUse && part.mayUse.length > 0 ? { mayUse: part.mayUse } : {}),
      ...(part.resource ? { resource: part.resource } : {}),
      ...(client?.ownCredentials ? { ownCredentials: true } : {}),
    });
  };

  const pushParts = (module: ModuleInfo, node: AstNode, operation: string, detail: string, parts: readonly InputPart[], client?: Client) => {
    for (const p of parts) push(module, node, operation, `${detail} call ${p.label}`, { actions: [p.action], resource: p.resource }, client);
  };

  const record = (module: ModuleInfo, node: AstNode, service: SdkService, operation: string, input: AstNode | undefined, detail: string, client?: Client) => {
    const helper = HELPER_OPERATIONS[`${service.iamPrefix}:${operation}`];
    const op = helper ? { name: operation, actions: helper.actions, alternatives: helper.mayUse } : sdkOperation(service, operation);
    if (!op?.actions) {
      gap(module, node, op ? `${detail}: ${service.id} ${op.name} has no known IAM action` : `${detail}: ${operation} is not a known ${service.id} operation`);
      return;
    }
    const key = `${service.iamPrefix}:${op.name}`;
    const rules = (IMPLIED[key] ?? []).map((i) => ({ action: i.action, set: i.when ? hasParam(module, input, i.when) : true }));
    const implied = rules.filter((r) => r.set === true).map((r) => r.action);
    // Timestream's SDK discovers its endpoint with DescribeEndpoints before every first call.
    if (service.iamPrefix === 'timestream') implied.push('timestream:DescribeEndpoints');
    const side = serviceSideS3(module, key, input);
    pushParts(module, node, key, detail, side.parts, client);
    let actions: readonly string[] = op.actions;
    let mayUse: readonly string[] = [...(op.alternatives ?? []), ...side.unknown, ...rules.filter((r) => r.set === 'unknown').map((r) => r.action), ...conditionalUse(key)];
    // The input decides: a transaction needs the actions of the item kinds it holds, a PartiQL statement its verb's.
    if (key === 'dynamodb:TransactWriteItems' || key === 'dynamodb:TransactGetItems') {
      const t = transactionParts(module, input);
      pushParts(module, node, key, detail, t.parts, client);
      if (key === 'dynamodb:TransactGetItems' && t.parts.length > 0) actions = [];
      if (t.complete && t.parts.length > 0) mayUse = [];
    } else if (op.alternatives) {
      const verb = partiqlAction(module, input);
      if (verb) [actions, mayUse] = [[verb], []];
    } else if (key === 'dynamodb:BatchWriteItem' || key === 'dynamodb:BatchGetItem') {
      const tables = batchTables(module, input, key);
      if (tables) {
        pushParts(module, node, key, detail, tables, client);
        actions = [];
      }
    }
    if (actions.length === 0 && implied.length === 0 && mayUse.length === 0) return;
    push(module, node, key, `${detail} call`, { actions: [...actions, ...implied], mayUse, resource: resourceOf(module, input) }, client);
  };

  const recordLibrary = (module: ModuleInfo, node: AstNode, lib: LibraryCall) => {
    if (lib.kind === 'gap') {
      gap(module, node, lib.reason);
      return;
    }
    for (const c of lib.calls) push(module, node, c.operation, `${lib.detail} call`, { actions: c.actions, mayUse: c.mayUse, resource: c.resource });
  };

  const commandOf = (module: ModuleInfo, node: AstNode | undefined): { service: SdkService; operation: string; input?: AstNode; name: string } | undefined => {
    const n = followConstants(module, node);
    if (n?.type !== 'NewExpression') return undefined;
    const imp = importOf(module, n.callee);
    if (!imp || !imp.name.endsWith('Command')) return undefined;
    const name = imp.name.slice(0, -'Command'.length);
    const input = n.arguments[0] as AstNode | undefined;
    if (imp.source === '@aws-sdk/lib-dynamodb') {
      const op = DOCUMENT_OPERATIONS[name];
      return op ? { service: dynamodbService(), operation: op, name: imp.name, ...(input ? { input } : {}) } : undefined;
    }
    const service = sdkServiceByV3Package(imp.source);
    return service ? { service, operation: name, name: imp.name, ...(input ? { input } : {}) } : undefined;
  };

  /** `new X(…)`: SDK classes faaslint cannot map, helpers that call AWS, libraries that may. */
  const visitNew = (module: ModuleInfo, node: TSESTree.NewExpression) => {
    const imp = importOf(module, node.callee);
    if (!imp) return;
    const lib = libraryCall(module, node, imp, modules);
    if (lib) return recordLibrary(module, node, lib);
    if (imp.source === '@aws-sdk/lib-storage' && imp.name === 'Upload') {
      const options = followConstants(module, node.arguments[0] as AstNode | undefined);
      const params = options?.type === 'ObjectExpression' ? propertyValue(options, 'params') : undefined;
      const client = options?.type === 'ObjectExpression' ? clientOf(module, propertyValue(options, 'client'), modules, lookup) : undefined;
      record(module, node, s3Service(), 'Upload', params, 'Upload (lib-storage)', client);
      return;
    }
    const kind = packageKind(imp.source);
    if (isSdkPackage(imp.source)) {
      if (classifyConstructor(imp) || INERT_SDK_CLASSES.test(imp.name) || commandOf(module, node)) return;
      if (imp.source.startsWith('@aws-sdk/') && !imp.source.startsWith('@aws-sdk/client-') && imp.source !== '@aws-sdk/lib-dynamodb') return;
      gap(module, node, `new ${sourceText(module.text, node.callee, 40)}: an SDK class faaslint cannot map to IAM actions`);
    } else if (kind === 'calls-aws') {
      gap(module, node, `new ${sourceText(module.text, node.callee, 40)} from ${imp.source}, which may call AWS in ways faaslint does not see`);
    }
  };

  /** Arguments that hand the SDK (a client, the v2 namespace) to code faaslint does not follow. */
  const checkArguments = (module: ModuleInfo, call: TSESTree.CallExpression | TSESTree.NewExpression) => {
    const candidates = call.arguments.map((a) => unwrap(a)).filter((a) => a.type === 'Identifier' || a.type === 'MemberExpression' || a.type === 'NewExpression' || a.type === 'CallExpression');
    if (candidates.length === 0) return;
    if (call.type === 'CallExpression' && isCaptureCall(call)) return;
    if (functionOfValue(module, call.callee, modules)) return;
    const callee = unwrap(call.callee);
    // A local class receives it in its constructor: its methods are followed.
    if (call.type === 'NewExpression' && isClass(definingExpression(module, callee, modules)?.node)) return;
    const imp = importOf(module, callee);
    if (imp && (isSdkPackage(imp.source) || packageKind(imp.source) === 'modelled')) return;
    if (callee.type === 'MemberExpression') {
      const owner = importOf(module, callee.object);
      if ((owner && isSdkPackage(owner.source)) || clientOf(module, callee.object, modules, { parameters: false })) return;
    }
    for (const a of candidates) {
      if (isSdkV2Namespace(module, a) || clientOf(module, a, modules, lookup)) {
        gap(module, call, `${sourceText(module.text, call.callee, 40)}(…) is given an AWS SDK ${isSdkV2Namespace(module, a) ? 'namespace' : 'client'}: what it calls is not seen`);
        return;
      }
    }
  };

  const visitCall = (module: ModuleInfo, call: TSESTree.CallExpression) => {
    const callee = unwrap(call.callee);
    if (callee.type === 'Identifier' && callee.name === 'require' && !module.resolved.get(callee)) {
      if (call.arguments[0] && staticString(call.arguments[0]) === undefined) gap(module, call, 'a require() of a name computed at run time');
      return;
    }
    checkArguments(module, call);
    const imp = callee.type === 'Identifier' || callee.type === 'MemberExpression' ? importOf(module, callee) : undefined;
    if (imp) {
      const lib = libraryCall(module, call, imp, modules);
      if (lib) return recordLibrary(module, call, lib);
    }
    if (callee.type === 'Identifier') {
      // Paginators: `paginateScan(config, input)`.
      if (imp && /^paginate[A-Z]/.test(imp.name)) {
        const service = imp.source === '@aws-sdk/lib-dynamodb' ? dynamodbService() : sdkServiceByV3Package(imp.source);
        if (service) {
          const op = imp.name.slice('paginate'.length);
          const config = followConstants(module, call.arguments[0] as AstNode | undefined);
          const client = config?.type === 'ObjectExpression' ? clientOf(module, propertyValue(config, 'client'), modules, lookup) : undefined;
          record(module, call, service, imp.source === '@aws-sdk/lib-dynamodb' ? (DOCUMENT_OPERATIONS[op] ?? op) : op, call.arguments[1] as AstNode | undefined, imp.name, client);
        }
        return;
      }
      if (imp && /^waitUntil[A-Z]/.test(imp.name) && isSdkPackage(imp.source)) {
        gap(module, call, `${imp.name}: a waiter, whose polled operation faaslint does not map`);
        return;
      }
      // v3 presigned URLs: `getSignedUrl(client, new GetObjectCommand(…))` needs the command's action.
      if (imp?.source === '@aws-sdk/s3-request-presigner') {
        const command = commandOf(module, call.arguments[1] as AstNode | undefined);
        if (command) record(module, call, command.service, command.operation, command.input, `${imp.name} for ${command.name}`, clientOf(module, call.arguments[0] as AstNode | undefined, modules, lookup));
        else gap(module, call, `${imp.name} for a command built at run time`);
        return;
      }
      if (imp && packageKind(imp.source) === 'calls-aws') gap(module, call, `${imp.name}() from ${imp.source}, which may call AWS in ways faaslint does not see`);
      else if (imp && isSdkPackage(imp.source) && imp.source.startsWith('@aws-sdk/client-') && !sdkServiceByV3Package(imp.source)) gap(module, call, `${imp.name}() from ${imp.source}, a package faaslint cannot map`);
      return;
    }
    if (callee.type !== 'MemberExpression') return;
    const client = clientOf(module, callee.object, modules, lookup);
    if (callee.computed) {
      if (client || isSdkV2Namespace(module, callee.object)) gap(module, call, `${sourceText(module.text, callee, 40)} calls an operation chosen at run time`);
      return;
    }
    if (callee.property.type !== 'Identifier') return;
    const method = callee.property.name;
    if (method === 'send') {
      const command = commandOf(module, call.arguments[0] as AstNode | undefined);
      if (command) record(module, call, command.service, command.operation, command.input, command.name, client);
      else if (client) gap(module, call, `${sourceText(module.text, call, 40)} sends a command built at run time`);
      return;
    }
    if (!client) {
      const provider = providerCall(module, call, modules);
      if (provider) recordLibrary(module, call, provider);
      else unresolvedCall(module, call, callee, method);
      return;
    }
    if (client.kind === 'v3' || NOT_OPERATIONS.has(method)) return;
    // SDK v2 presigned URLs are signed with the role: they need the operation they name.
    if (method === 'getSignedUrl' || method === 'getSignedUrlPromise') {
      const op = staticString(call.arguments[0] as AstNode | undefined);
      if (op) record(module, call, client.service, op, call.arguments[1] as AstNode | undefined, `${written(module, callee)}('${op}')`, client);
      else gap(module, call, 'a presigned URL for an operation chosen at run time');
      return;
    }
    const op = client.document ? DOCUMENT_OPERATIONS[pascal(method)] : pascal(method);
    if (!op) {
      gap(module, call, `DocumentClient.${method} is not a known operation`);
      return;
    }
    record(module, call, client.service, op, call.arguments[0] as AstNode | undefined, written(module, callee), client);
  };

  /** `x.m()` where `x` is no client faaslint knows: a v2 `.promise()` chain, or a call into local code it cannot follow. */
  const unresolvedCall = (module: ModuleInfo, call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string) => {
    const object = unwrap(callee.object);
    if (method === 'promise' && object.type === 'CallExpression' && unwrap(object.callee).type === 'MemberExpression' && lookup.parameters) {
      const inner = unwrap(object.callee) as TSESTree.MemberExpression;
      // Visited before the call it chains on: that call is recorded if its receiver is a client.
      if (!isKnownNonSdk(module, inner.object) && !clientOf(module, inner.object, modules, lookup) && !providerCall(module, object, modules)) gap(module, call, `${sourceText(module.text, object.callee, 40)}(…).promise(): an SDK v2 call on a client faaslint cannot identify`);
      return;
    }
    let root: AstNode = object;
    while (root.type === 'MemberExpression') root = unwrap(root.object);
    if (root.type !== 'Identifier') return;
    const imported = module.imports.get(root.name);
    if (imported && !imported.file && packageKind(imported.source) === 'calls-aws') {
      gap(module, call, `${sourceText(module.text, callee, 40)}() from ${imported.source}, which may call AWS in ways faaslint does not see`);
      return;
    }
    if (imported?.file && !functionOfValue(module, callee, modules) && sdkUse.of(imported.file) && !isThirdPartyValue(module, callee.object, modules)) {
      gap(module, call, `${sourceText(module.text, callee, 40)}() cannot be followed into ${modules.get(imported.file)?.rel ?? imported.source}, which uses the AWS SDK`);
    }
  };

  for (const { module, fn } of scope.functions) {
    walk(fn.body, (node) => {
      if (seen.has(node)) return false;
      seen.add(node);
      visit(module, node);
      return undefined;
    });
  }
  // Module-level code runs when the module loads (cold start): its calls are the handler's too, and
  // so are those of the functions it calls (a wrapper that adds middlewares: `middify(handler, {ssm})`).
  const initFunctions: FunctionRef[] = [];
  const walked = new Set(scope.functions.map((f) => f.fn));
  for (const module of scopeModules) {
    for (const stmt of module.ast.body) {
      walk(stmt, (node) => {
        if (seen.has(node) || isFunction(node) || node.type === 'ClassBody') return false;
        seen.add(node);
        visit(module, node);
        if (node.type === 'CallExpression') {
          const target = functionOfValue(module, node.callee, modules);
          if (target && !walked.has(target.fn)) {
            for (const f of reachableFunctions(target, modules)) {
              if (walked.has(f.fn)) continue;
              walked.add(f.fn);
              initFunctions.push(f);
            }
          }
        }
        return undefined;
      });
    }
  }
  for (const { module, fn } of initFunctions) {
    walk(fn.body, (node) => {
      if (seen.has(node)) return false;
      seen.add(node);
      visit(module, node);
      return undefined;
    });
  }
  return { calls, gaps };

  function visit(module: ModuleInfo, node: AstNode): void {
    if (node.type === 'ImportExpression') {
      if (staticString(node.source) === undefined) gap(module, node, 'an import() of a module name computed at run time');
    } else if (node.type === 'NewExpression') {
      visitNew(module, node);
      checkArguments(module, node);
    } else if (node.type === 'CallExpression') {
      visitCall(module, node);
    }
  }
}

/** Receivers that are plainly not SDK clients: `JSON`, `Promise`, arrays, strings. */
function isKnownNonSdk(module: ModuleInfo, node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return ['JSON', 'Promise', 'Object', 'Array', 'Math', 'console', 'fetch', 'axios'].includes(n.name);
  return n.type === 'ArrayExpression' || n.type === 'Literal' || n.type === 'TemplateLiteral' || (n.type === 'CallExpression' && unwrap(n.callee).type === 'Identifier' && (unwrap(n.callee) as TSESTree.Identifier).name === 'fetch') || resourceValue(module, n) !== undefined;
}

/** A value made by a package that makes no AWS call (`export const log = pino()`): its methods are not the SDK's. */
function isThirdPartyValue(module: ModuleInfo, node: AstNode, modules: ModuleSource): boolean {
  const owner = definingExpression(module, node, modules);
  const n = owner && unwrap(owner.node);
  if (!n || (n.type !== 'CallExpression' && n.type !== 'NewExpression')) return false;
  const imp = importOf(owner.module, n.callee);
  if (!imp) return false;
  const kind = packageKind(imp.source);
  return kind === 'other' || kind === 'no-aws-calls';
}

/** A callee as the code writes it, on one line: `client\n  .postToConnection` reads `client.postToConnection`. */
function written(module: ModuleInfo, node: AstNode): string {
  return sourceText(module.text, node, 60).replace(/\s*\.\s*/g, '.').replace(/\s*\?\.\s*/g, '?.');
}
