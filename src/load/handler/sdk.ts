import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SdkCall, SdkResource } from '../../model.js';
import { DOCUMENT_OPERATIONS, HELPER_OPERATIONS, IMPLIED } from '../../iam/sdk-actions.js';
import { sdkOperation, sdkServiceByV2Class, sdkServiceByV3Package, type SdkService } from '../../iam/sdk-services.js';
import { enclosingStatement, isFunction, locationOf, memberPath, sourceText, staticString, unwrap, walk, type AstNode } from './ast.js';
import { definitionOf, type ModuleInfo } from './modules.js';
import { functionOfValue, type ModuleSource } from './reach.js';
import type { AnalysisScope } from './facts.js';

/** What an expression holds, as far as the AWS SDK is concerned. */
interface Client {
  readonly kind: 'v3' | 'aggregated' | 'v2';
  readonly service: SdkService;
  readonly document: boolean;
  /** Created with `credentials:` of its own (or `accessKeyId:`): its calls do not use the function's role. */
  readonly ownCredentials?: boolean;
}

/** What an expression stands for once identifiers are followed to their initialisers (`const input = {…}`). */
function followConstants(module: ModuleInfo, node: AstNode | null | undefined): AstNode | undefined {
  let n = node ? unwrap(node) : undefined;
  for (let hops = 0; n?.type === 'Identifier' && hops < 4; hops++) {
    const variable = module.resolved.get(n);
    const init = variable && definitionOf(variable);
    n = init ? unwrap(init) : undefined;
  }
  return n;
}

function hasOwnCredentials(module: ModuleInfo, options: AstNode | undefined): boolean {
  const n = followConstants(module, options);
  if (n?.type !== 'ObjectExpression') return false;
  return n.properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && (p.key.name === 'credentials' || p.key.name === 'accessKeyId'));
}

/** A client class from its import: v3 `XClient` or aggregated `X`, lib-dynamodb, or v2 `AWS.X`. */
function classifyConstructor(imp: { source: string; name: string }): Client | undefined {
  if (imp.source.startsWith('@aws-sdk/client-')) {
    const service = sdkServiceByV3Package(imp.source);
    if (!service) return undefined;
    if (imp.name === `${service.v3Class}Client`) return { kind: 'v3', service, document: false };
    return imp.name === service.v3Class ? { kind: 'aggregated', service, document: false } : undefined;
  }
  if (imp.source === '@aws-sdk/lib-dynamodb') return { kind: imp.name.endsWith('Client') ? 'v3' : 'aggregated', service: dynamodb(), document: true };
  if (imp.source === 'aws-sdk' || imp.source.startsWith('aws-sdk/clients/')) {
    if (imp.name === 'DocumentClient') return { kind: 'v2', service: dynamodb(), document: true };
    const service = imp.source.startsWith('aws-sdk/clients/') ? sdkServiceByV2Class(imp.source.slice(16), true) : sdkServiceByV2Class(imp.name);
    return service ? { kind: 'v2', service, document: false } : undefined;
  }
  return undefined;
}

function s3(): SdkService {
  return sdkServiceByV3Package('@aws-sdk/client-s3')!;
}

function dynamodb(): SdkService {
  return sdkServiceByV3Package('@aws-sdk/client-dynamodb')!;
}

const RESOURCE_PARAMS = [
  'TableName', 'Bucket', 'QueueUrl', 'TopicArn', 'TargetArn', 'FunctionName', 'StateMachineArn', 'SecretId', 'Name',
  'EventBusName', 'StreamName', 'StreamARN', 'DeliveryStreamName', 'KeyId', 'QueueName', 'LogGroupName',
];
/** Client methods that are not API operations. */
const NOT_OPERATIONS = new Set(['send', 'destroy', 'config', 'middlewareStack', 'promise', 'on', 'makeRequest', 'makeUnauthenticatedRequest', 'waitFor', 'setupRequestListeners', 'then', 'catch']);

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The package an imported binding comes from, and its imported name. */
function importOf(module: ModuleInfo, node: AstNode): { source: string; name: string } | undefined {
  const n = unwrap(node);
  if (n.type === 'Identifier') {
    const imp = module.imports.get(n.name);
    return imp ? { source: imp.source, name: imp.name === 'default' || imp.name === '*' ? n.name : imp.name } : undefined;
  }
  // `AWS.S3` from `import AWS from 'aws-sdk'`, `sdk.S3Client` from a namespace import.
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const object = unwrap(n.object);
    if (object.type === 'Identifier') {
      const imp = module.imports.get(object.name);
      if (imp && (imp.name === '*' || imp.name === 'default')) return { source: imp.source, name: n.property.name };
    }
    // `AWS.DynamoDB.DocumentClient`
    const path = memberPath(n);
    if (path?.endsWith('.DynamoDB.DocumentClient')) {
      const root = module.imports.get(path.split('.')[0]!);
      if (root) return { source: root.source, name: 'DocumentClient' };
    }
  }
  return undefined;
}

/** Classifies a constructor or factory: `new S3Client()`, `new AWS.S3()`, `DynamoDBDocumentClient.from(c)`. */
function clientFromCreation(module: ModuleInfo, node: AstNode): Client | undefined {
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
      return { kind: imp.name.endsWith('Client') ? 'v3' : 'aggregated', service: dynamodb(), document: true };
    }
    // Tracing wrappers return the client they are given: `AWSXRay.captureAWSv3Client(new S3Client({}))`.
    if (/^capture/.test(n.callee.property.name) && n.arguments[0]) return clientFromCreation(module, n.arguments[0]);
  }
  return undefined;
}

/** What client an expression evaluates to: a creation, a variable holding one, or a local getter returning one. */
function clientOf(module: ModuleInfo, node: AstNode | null | undefined, modules: ModuleSource, depth = 0): Client | undefined {
  if (!node || depth > 4) return undefined;
  const n = unwrap(node);
  const created = clientFromCreation(module, n);
  if (created) return created;
  if (n.type === 'AwaitExpression') return clientOf(module, n.argument, modules, depth + 1);
  if (n.type === 'LogicalExpression' || n.type === 'AssignmentExpression') return clientOf(module, n.right, modules, depth + 1) ?? (n.type === 'LogicalExpression' ? clientOf(module, n.left, modules, depth + 1) : undefined);
  if (n.type === 'Identifier') {
    const variable = module.resolved.get(n);
    if (!variable) return undefined;
    const writes = [definitionOf(variable), ...variable.references.filter((r) => r.isWrite()).map((r) => r.writeExpr as AstNode | null)];
    for (const w of writes) {
      const found = w && w !== node ? clientOf(module, w, modules, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  if (n.type === 'CallExpression') {
    const getter = functionOfValue(module, n.callee, modules);
    if (getter && isFunction(getter.fn)) {
      const body = getter.fn.body;
      if (body.type !== 'BlockStatement') return clientOf(getter.module, body, modules, depth + 1);
      let found: Client | undefined;
      walk(body, (s) => {
        if (found || (s !== body && isFunction(s))) return false;
        if (s.type === 'ReturnStatement' && s.argument) found = clientOf(getter.module, s.argument, modules, depth + 1);
        return undefined;
      });
      return found;
    }
  }
  return undefined;
}

/** The value of an input property: a literal, `process.env.X`, or a constant holding either. */
function resourceValue(module: ModuleInfo, node: AstNode, depth = 0): Omit<SdkResource, 'param'> | undefined {
  const n = followConstants(module, node);
  if (!n || depth > 4) return undefined;
  const literal = staticString(n);
  if (literal !== undefined) return { literal };
  const path = memberPath(n);
  if (path?.startsWith('process.env.')) return { envVar: path.slice(12) };
  if (n.type === 'MemberExpression' && n.computed && memberPath(n.object) === 'process.env') {
    const key = staticString(n.property);
    if (key) return { envVar: key };
  }
  if (n.type === 'TemplateLiteral' && n.quasis.every((q) => q.value.cooked === '') && n.expressions.length === 1) return resourceValue(module, n.expressions[0]!, depth + 1);
  if (n.type === 'LogicalExpression') return resourceValue(module, n.left, depth + 1);
  return undefined;
}

function hasParam(input: AstNode | undefined, name: string): boolean {
  const n = input ? unwrap(input) : undefined;
  return n?.type === 'ObjectExpression' && n.properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === name);
}

function resourceOf(module: ModuleInfo, input: AstNode | undefined, depth = 0): SdkResource | undefined {
  const n = followConstants(module, input);
  if (n?.type !== 'ObjectExpression' || depth > 3) return undefined;
  for (const param of RESOURCE_PARAMS) {
    for (const p of n.properties) {
      if (p.type !== 'Property' || p.computed) continue;
      const key = p.key.type === 'Identifier' ? p.key.name : staticString(p.key);
      if (key === 'Entries' && p.value.type === 'ArrayExpression' && p.value.elements[0]) return resourceOf(module, p.value.elements[0], depth + 1);
      if (key !== param) continue;
      const value = resourceValue(module, p.value);
      return value ? { param, ...value } : { param };
    }
  }
  return undefined;
}

/**
 * The AWS SDK calls a handler makes (v3 `send(new XCommand())`, paginators, aggregated clients,
 * lib-dynamodb, lib-storage `Upload`, v2 clients and DocumentClient), each with the IAM actions it
 * needs and the resource it names where the code makes that knowable. Dynamic use is recorded as a gap.
 */
export function sdkCalls(scope: AnalysisScope, modules: ModuleSource): { calls: SdkCall[]; gaps: string[] } {
  const calls: SdkCall[] = [];
  const gaps: string[] = [];
  const seen = new Set<AstNode>();
  const record = (module: ModuleInfo, node: AstNode, service: SdkService, operation: string, input: AstNode | undefined, client?: Client) => {
    const helper = HELPER_OPERATIONS[`${service.iamPrefix}:${operation}`];
    const op = helper ? { name: operation, actions: helper.actions, ...(helper.mayUse ? { alternatives: helper.mayUse } : {}) } : sdkOperation(service, operation);
    if (!op?.actions) {
      gaps.push(`${module.rel}:${node.loc.start.line}: ${op ? `${service.id} ${op.name} has no known IAM action` : `${operation} is not a known ${service.id} operation`}`);
      return;
    }
    const key = `${service.iamPrefix}:${op.name}`;
    const implied = (IMPLIED[key] ?? []).filter((i) => !i.when || hasParam(input, i.when)).map((i) => i.action);
    // Timestream's SDK discovers its endpoint with DescribeEndpoints before every first call.
    if (service.iamPrefix === 'timestream') implied.push('timestream:DescribeEndpoints');
    const resource = resourceOf(module, input);
    calls.push({
      loc: locationOf(enclosingStatement(node, module.parents), module.rel),
      operation: key,
      actions: [...op.actions, ...implied],
      ...(op.alternatives ? { mayUse: op.alternatives } : {}),
      ...(resource ? { resource } : {}),
      ...(client?.ownCredentials ? { ownCredentials: true } : {}),
    });
  };
  const commandOf = (module: ModuleInfo, node: AstNode | undefined): { service: SdkService; operation: string; input?: AstNode } | undefined => {
    const n = followConstants(module, node);
    if (n?.type !== 'NewExpression') return undefined;
    const imp = importOf(module, n.callee);
    if (!imp || !imp.name.endsWith('Command')) return undefined;
    const name = imp.name.slice(0, -'Command'.length);
    const input = n.arguments[0] as AstNode | undefined;
    if (imp.source === '@aws-sdk/lib-dynamodb') {
      const op = DOCUMENT_OPERATIONS[name];
      return op ? { service: dynamodb(), operation: op, ...(input ? { input } : {}) } : undefined;
    }
    const service = sdkServiceByV3Package(imp.source);
    return service ? { service, operation: name, ...(input ? { input } : {}) } : undefined;
  };

  for (const { module, fn } of scope.functions) {
    walk(fn.body, (node) => {
      if (seen.has(node)) return false;
      seen.add(node);
      if (node.type === 'NewExpression') {
        const imp = importOf(module, node.callee);
        if (imp?.source === '@aws-sdk/lib-storage' && imp.name === 'Upload') {
          const options = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
          const params = options?.type === 'ObjectExpression'
            ? options.properties.find((p) => p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'params')
            : undefined;
          record(module, node, s3(), 'Upload', params?.type === 'Property' ? (params.value as AstNode) : undefined);
        }
        return undefined;
      }
      if (node.type !== 'CallExpression') return undefined;
      const call = node as TSESTree.CallExpression;
      const callee = unwrap(call.callee);
      // Paginators: `paginateScan(config, input)`.
      if (callee.type === 'Identifier' && /^paginate[A-Z]/.test(callee.name)) {
        const imp = importOf(module, callee);
        const service = imp?.source === '@aws-sdk/lib-dynamodb' ? dynamodb() : imp ? sdkServiceByV3Package(imp.source) : undefined;
        if (service) {
          const op = callee.name.slice('paginate'.length);
          record(module, call, service, imp?.source === '@aws-sdk/lib-dynamodb' ? (DOCUMENT_OPERATIONS[op] ?? op) : op, call.arguments[1] as AstNode | undefined);
        }
        return undefined;
      }
      // v3 presigned URLs: `getSignedUrl(client, new GetObjectCommand(…))` needs the command's action.
      if (callee.type === 'Identifier' && importOf(module, callee)?.source === '@aws-sdk/s3-request-presigner') {
        const command = commandOf(module, call.arguments[1] as AstNode | undefined);
        if (command) record(module, call, command.service, command.operation, command.input, clientOf(module, call.arguments[0] as AstNode | undefined, modules));
        return undefined;
      }
      if (callee.type !== 'MemberExpression') return undefined;
      const client = clientOf(module, callee.object, modules);
      if (callee.computed) {
        if (client) gaps.push(`${module.rel}:${call.loc.start.line}: ${sourceText(module.text, callee, 40)} calls an operation chosen at run time`);
        return undefined;
      }
      if (callee.property.type !== 'Identifier') return undefined;
      const method = callee.property.name;
      if (method === 'send') {
        const command = commandOf(module, call.arguments[0] as AstNode | undefined);
        if (command) record(module, call, command.service, command.operation, command.input, client);
        else if (client) gaps.push(`${module.rel}:${call.loc.start.line}: ${sourceText(module.text, call, 40)} sends a command built at run time`);
        return undefined;
      }
      if (!client || client.kind === 'v3' || NOT_OPERATIONS.has(method)) return undefined;
      // SDK v2 presigned URLs are signed with the role: they need the operation they name.
      if (method === 'getSignedUrl' || method === 'getSignedUrlPromise') {
        const op = staticString(call.arguments[0] as AstNode | undefined);
        if (op) record(module, call, client.service, op, call.arguments[1] as AstNode | undefined, client);
        else gaps.push(`${module.rel}:${call.loc.start.line}: a presigned URL for an operation chosen at run time`);
        return undefined;
      }
      const op = client.document ? DOCUMENT_OPERATIONS[pascal(method)] : pascal(method);
      if (!op) {
        gaps.push(`${module.rel}:${call.loc.start.line}: DocumentClient.${method} is not a known operation`);
        return undefined;
      }
      record(module, call, client.service, op, call.arguments[0] as AstNode | undefined, client);
      return undefined;
    });
  }
  return { calls, gaps };
}
