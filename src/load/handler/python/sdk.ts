import type { SdkCall, SdkResource } from '../../../model.js';
import { conditionalUse, HELPER_OPERATIONS, IMPLIED } from '../../../iam/sdk-actions.js';
import { boto3MethodNames, sdkOperation, sdkServiceByBoto3, sdkServices, type SdkService } from '../../../iam/sdk-services.js';
import type { PyAnalysis } from './analysis.js';
import { argumentsFor } from './calls.js';
import { moduleOf, resolveName, type PyModule } from './module.js';
import { loadTimeCode, originVariable, ownCode } from './reach.js';
import { callArguments, enclosingStatement, field, locationOf, named, shortText, stringValue, textOf, unparen, walk, type CallArguments, type PyNode } from './tree.js';
import { valueOf } from './values.js';
import { ownTable } from '../../../own.js';

/** A boto3 object an expression holds: a client, a service resource, a resource of it (`Table`, `Bucket`), a session. */
interface Boto {
  readonly kind: 'client' | 'resource' | 'sub' | 'collection' | 'session' | 'batch-writer';
  readonly service?: SdkService;
  /** A resource's type (`Table`, `Object`), or a collection's operation (`ListObjects`). */
  readonly type?: string;
  /** What a resource's identifiers name: `Table(os.environ["TABLE"])` → TableName from TABLE. */
  readonly resource?: SdkResource;
  /** Created with credentials of its own: its calls do not use the function's role. */
  readonly ownCredentials?: boolean;
}

/** Resource types, the input parameter their first identifier names, and their keyword. */
const SUB_RESOURCES: Readonly<Record<string, readonly [string, string]>> = ownTable({
  Table: ['TableName', 'name'], Bucket: ['Bucket', 'name'], Object: ['Bucket', 'bucket_name'], ObjectSummary: ['Bucket', 'bucket_name'],
  Queue: ['QueueUrl', 'url'], Topic: ['TopicArn', 'arn'], MultipartUpload: ['Bucket', 'bucket_name'], ObjectVersion: ['Bucket', 'bucket_name'],
});

/** Resource actions whose operation is not the method's own name (boto3 resource models). */
const RESOURCE_ACTIONS: Readonly<Record<string, string>> = ownTable({
  'Table.batch_writer': 'BatchWriteItem', 'Table.delete': 'DeleteTable', 'Table.load': 'DescribeTable', 'Table.reload': 'DescribeTable', 'Table.update': 'UpdateTable',
  'Bucket.delete': 'DeleteBucket', 'Bucket.create': 'CreateBucket', 'Bucket.copy': 'CopyObject', 'Bucket.download_file': 'GetObject', 'Bucket.download_fileobj': 'GetObject',
  'Bucket.upload_file': 'Upload', 'Bucket.upload_fileobj': 'Upload',
  'Object.get': 'GetObject', 'Object.put': 'PutObject', 'Object.delete': 'DeleteObject', 'Object.load': 'HeadObject', 'Object.reload': 'HeadObject',
  'Object.copy_from': 'CopyObject', 'Object.copy': 'CopyObject', 'Object.download_file': 'GetObject', 'Object.download_fileobj': 'GetObject',
  'Object.upload_file': 'Upload', 'Object.upload_fileobj': 'Upload', 'Object.initiate_multipart_upload': 'CreateMultipartUpload', 'Object.restore_object': 'RestoreObject',
  'ObjectSummary.get': 'GetObject', 'ObjectSummary.put': 'PutObject', 'ObjectSummary.delete': 'DeleteObject', 'ObjectSummary.load': 'HeadObject',
  'Queue.send_messages': 'SendMessageBatch', 'Queue.receive_messages': 'ReceiveMessage', 'Queue.delete_messages': 'DeleteMessageBatch',
  'Queue.change_message_visibility_batch': 'ChangeMessageVisibilityBatch', 'Queue.purge': 'PurgeQueue', 'Queue.delete': 'DeleteQueue', 'Queue.load': 'GetQueueAttributes',
  'Queue.set_attributes': 'SetQueueAttributes',
  'Topic.delete': 'DeleteTopic', 'Topic.load': 'GetTopicAttributes', 'Topic.set_attributes': 'SetTopicAttributes',
  'service.get_queue_by_name': 'GetQueueUrl', 'service.create_table': 'CreateTable', 'service.create_bucket': 'CreateBucket', 'service.create_queue': 'CreateQueue', 'service.create_topic': 'CreateTopic',
});
/** Collections of a resource and the operation that lists them. */
const COLLECTIONS: Readonly<Record<string, string>> = ownTable({
  'Bucket.objects': 'ListObjects', 'Bucket.object_versions': 'ListObjectVersions', 'Bucket.multipart_uploads': 'ListMultipartUploads',
  'service.buckets': 'ListBuckets', 'service.tables': 'ListTables', 'service.queues': 'ListQueues', 'service.topics': 'ListTopics',
  'Queue.dead_letter_source_queues': 'ListDeadLetterSourceQueues', 'Topic.subscriptions': 'ListSubscriptionsByTopic',
});
const COLLECTION_METHODS = new Set(['all', 'filter', 'limit', 'page_size', 'pages']);
/** S3 transfer helpers on a client (boto3.s3.transfer): what they call. */
const CLIENT_HELPERS: Readonly<Record<string, string>> = ownTable({
  upload_file: 'Upload', upload_fileobj: 'Upload', download_file: 'GetObject', download_fileobj: 'GetObject', copy: 'CopyObject',
});
/** Client and resource members that call nothing. */
const INERT = new Set(['meta', 'exceptions', 'can_paginate', 'close', 'get_available_subresources', '__aenter__', '__aexit__', '__enter__', '__exit__']);
/** The input parameters naming what an operation acts on, in the order they are looked for. */
const RESOURCE_PARAMS = [
  'TableName', 'Bucket', 'QueueUrl', 'TopicArn', 'TargetArn', 'FunctionName', 'StateMachineArn', 'SecretId', 'Name',
  'EventBusName', 'StreamName', 'StreamARN', 'DeliveryStreamName', 'KeyId', 'QueueName', 'LogGroupName',
];
const TRANSACT_KINDS: Readonly<Record<string, string>> = ownTable({
  Put: 'dynamodb:PutItem', Update: 'dynamodb:UpdateItem', Delete: 'dynamodb:DeleteItem', ConditionCheck: 'dynamodb:ConditionCheckItem', Get: 'dynamodb:GetItem',
});
/** Services reading an S3 object named in the input with the caller's credentials (Rekognition, Textract, Transcribe). */
const READS_S3_INPUT = /^(rekognition:(Detect|Recognize|Index|Search|Compare|Start)|textract:(Detect|Analyze|Start)|transcribe:StartTranscriptionJob)/;
/** Libraries that call AWS on the code's behalf in ways faaslint does not model. */
const AWS_LIBRARIES = /^(awswrangler|pynamodb|s3fs|smart_open|aws_requests_auth|requests_aws4auth|aws_encryption_sdk|boto|dynamodb_encryption_sdk|chalice|zappa)(\.|\(|$)/;
/** Powertools modules that make no AWS call. */
const POWERTOOLS_INERT =
  /^aws_lambda_powertools\.(logging|tracing|metrics|event_handler|shared|middleware_factory|Logger|Tracer|Metrics|single_metric|utilities\.(typing|data_classes|parser|validation|batch|jmespath_utils|serialization|idempotency\.(config|exceptions)|parameters\.exceptions))(\.|\(|$)/;

interface PyInput {
  readonly keywords: ReadonlyMap<string, PyNode>;
  /** Built at run time (`**params` of something not literal): parameters may be set that are not seen. */
  readonly open: boolean;
}

function inputOf(module: PyModule, args: CallArguments, call: PyNode): PyInput {
  const keywords = new Map(args.keywords);
  let open = false;
  const list = field(call, 'arguments');
  for (const a of list ? named(list) : []) {
    if (a.type !== 'dictionary_splat') continue;
    const dict = literalDict(module, named(a)[0]);
    if (!dict) {
      open = true;
      continue;
    }
    for (const [k, v] of dict) keywords.set(k, v);
  }
  return { keywords, open };
}

/** A dictionary literal (or a variable holding one) as key → value node. */
function literalDict(module: PyModule, node: PyNode | undefined, depth = 0): Map<string, PyNode> | undefined {
  const n = node ? unparen(node) : undefined;
  if (!n || depth > 4) return undefined;
  if (n.type === 'identifier') {
    const v = resolveName(module, n);
    const values = v?.bindings.filter((b) => b.kind === 'assign') ?? [];
    const only = values.length === 1 ? values[0] : undefined;
    return only?.kind === 'assign' && only.value && !only.augmented ? literalDict(module, only.value, depth + 1) : undefined;
  }
  if (n.type !== 'dictionary') return undefined;
  const out = new Map<string, PyNode>();
  for (const p of named(n)) {
    if (p.type !== 'pair') return undefined;
    const key = stringValue(module.text, field(p, 'key'));
    const value = field(p, 'value');
    if (key === undefined || !value) return undefined;
    out.set(key, value);
  }
  return out;
}

/** A string an expression holds: a literal, a constant holding one, `os.environ["X"]`/`os.getenv("X")` as its variable. */
export function pyResourceValue(a: PyAnalysis, module: PyModule, node: PyNode | undefined, depth = 0): Omit<SdkResource, 'param'> | undefined {
  const n = node ? unparen(node) : undefined;
  if (!n || depth > 5) return undefined;
  const literal = stringValue(module.text, n);
  if (literal !== undefined) return { literal };
  if (n.type === 'subscript' && valuePath(a, module, field(n, 'value')) === 'os.environ') {
    const key = stringValue(module.text, n.children.find((c) => c.field === 'subscript'));
    return key ? { envVar: key } : undefined;
  }
  if (n.type === 'call') {
    const path = valuePath(a, module, field(n, 'function'));
    if (path === 'os.environ.get' || path === 'os.getenv') {
      const key = stringValue(module.text, callArguments(module.text, n).positional[0]);
      return key ? { envVar: key } : undefined;
    }
    return undefined;
  }
  if (n.type === 'boolean_operator') return pyResourceValue(a, module, field(n, 'left'), depth + 1);
  if (n.type === 'string') {
    // f"{TABLE}": one field and nothing else.
    const parts = n.children.filter((c) => c.type === 'interpolation' || c.type === 'string_content');
    const only = parts.length === 1 && parts[0]!.type === 'interpolation' ? named(parts[0]!)[0] : undefined;
    return only ? pyResourceValue(a, module, only, depth + 1) : undefined;
  }
  if (n.type === 'identifier') {
    const v = resolveName(module, n);
    const assigns = v?.bindings.filter((b) => b.kind === 'assign' || b.kind === 'import') ?? [];
    if (assigns.length !== 1) return undefined;
    const b = assigns[0]!;
    return b.kind === 'assign' && b.value && !b.augmented ? pyResourceValue(a, module, b.value, depth + 1) : undefined;
  }
  return undefined;
}

function valuePath(a: PyAnalysis, module: PyModule, node: PyNode | undefined): string | undefined {
  const v = valueOf(a.ctx, module, node);
  return v?.kind === 'external' ? v.path : undefined;
}

function resourceOf(a: PyAnalysis, module: PyModule, input: PyInput): SdkResource | undefined {
  for (const param of RESOURCE_PARAMS) {
    const value = input.keywords.get(param);
    if (!value) continue;
    const v = pyResourceValue(a, module, value);
    return v ? { param, ...v } : { param };
  }
  return undefined;
}

const BOTO_ROOTS = /^(boto3|aioboto3|botocore|aiobotocore)(\.|$)/;

/** In the memo while an expression's boto3 object is being worked out. */
const PENDING = Symbol('pending');

/**
 * The boto3 calls a handler makes — clients (`boto3.client("s3").put_object`, snake_case
 * methods → the API's operations), paginators, presigned URLs, S3 transfers, resources
 * (`boto3.resource("dynamodb").Table(t).put_item`, `Bucket(b).upload_file`, `Object(…).get()`),
 * sessions, botocore clients and Powertools utilities — each with the IAM actions it needs and
 * the resource it names. Whatever could reach AWS unseen is a gap with its call site.
 */
export function pythonSdkCalls(a: PyAnalysis): { calls: SdkCall[]; gaps: string[] } {
  const calls: SdkCall[] = [];
  const gaps: string[] = [];
  const memo = new Map<PyNode, Boto | null | typeof PENDING>();
  const gap = (module: PyModule, node: PyNode, reason: string) => {
    const text = `${module.rel}:${node.line}: ${reason}`;
    if (!gaps.includes(text)) gaps.push(text);
  };

  /** What boto3 object an expression holds, if any. */
  const botoOf = (module: PyModule, node: PyNode | undefined, depth = 0): Boto | undefined => {
    if (!node || depth > 8) return undefined;
    const n = unparen(node);
    const known = memo.get(n);
    if (known !== undefined) {
      if (known === PENDING) {
        cycles++;
        return undefined;
      }
      return known ?? undefined;
    }
    memo.set(n, PENDING);
    const found = botoOfUncached(module, n, depth);
    memo.set(n, found ?? null);
    return found;
  };
  /** How often an expression whose `botoOf` was being worked out was met again (a cycle: its answer was not final yet). */
  let cycles = 0;

  const serviceOf = (module: PyModule, call: PyNode, args: CallArguments): SdkService | undefined | 'dynamic' => {
    const nameNode = args.keywords.get('service_name') ?? args.positional[0];
    const value = pyResourceValue(a, module, nameNode);
    if (value?.literal === undefined) {
      gap(module, call, `${shortText(module.text, call, 60)} creates a client for a service named at run time`);
      return 'dynamic';
    }
    const service = sdkServiceByBoto3(value.literal);
    if (!service) gap(module, call, `boto3 service "${value.literal}" is not one faaslint knows`);
    return service;
  };

  const hasOwnCredentials = (args: CallArguments) => args.keywords.has('aws_access_key_id') || args.keywords.has('aws_session_token') || args.keywords.has('botocore_session');

  const botoOfUncached = (module: PyModule, n: PyNode, depth: number): Boto | undefined => {
    if (n.type === 'await') return botoOf(module, named(n)[0], depth + 1);
    if (n.type === 'call') {
      const callee = unparen(field(n, 'function') ?? n);
      const args = callArguments(module.text, n);
      const path = valuePath(a, module, callee);
      if (path && BOTO_ROOTS.test(path)) {
        if (/^(boto3|aioboto3)(\.session)?\.Session$|^(botocore|aiobotocore)\.session\.(get_session|Session)$/.test(path)) {
          return { kind: 'session', ...(hasOwnCredentials(args) ? { ownCredentials: true } : {}) };
        }
        const factory = /\.(client|resource|create_client)$/.exec(path)?.[1];
        // The default session's factories; a session's own go through the session (its credentials count).
        if (factory && /^(boto3|aioboto3)\.(client|resource)$/.test(path)) {
          const service = serviceOf(module, n, args);
          if (!service || service === 'dynamic') return undefined;
          return { kind: factory === 'resource' ? 'resource' : 'client', service, ...(hasOwnCredentials(args) ? { ownCredentials: true } : {}) };
        }
      }
      if (callee.type === 'attribute') {
        const method = textOf(module.text, field(callee, 'attribute') ?? callee);
        const owner = botoOf(module, field(callee, 'object'), depth + 1);
        if (owner?.kind === 'session' && (method === 'client' || method === 'resource' || method === 'create_client')) {
          const service = serviceOf(module, n, args);
          if (!service || service === 'dynamic') return undefined;
          const own = owner.ownCredentials || hasOwnCredentials(args);
          return { kind: method === 'resource' ? 'resource' : 'client', service, ...(own ? { ownCredentials: true } : {}) };
        }
        if ((owner?.kind === 'resource' || owner?.kind === 'sub') && /^[A-Z]/.test(method)) {
          const spec = SUB_RESOURCES[method];
          let resource: SdkResource | undefined;
          // `s3.Bucket(b).Object(key)`: the object is in the bucket already named.
          if (owner.kind === 'sub' && owner.resource && spec && owner.resource.param === spec[0]) resource = owner.resource;
          else if (spec) {
            const id = args.keywords.get(spec[1]) ?? args.positional[0];
            const value = id ? pyResourceValue(a, module, id) : undefined;
            resource = { param: spec[0], ...(value ?? {}) };
          }
          return { kind: 'sub', service: owner.service!, type: method, ...(resource ? { resource } : {}), ...(owner.ownCredentials ? { ownCredentials: true } : {}) };
        }
        if (owner?.kind === 'sub' && method === 'batch_writer') return { ...owner, kind: 'batch-writer' };
        if (owner?.kind === 'resource' && method === 'get_queue_by_name') return { kind: 'sub', service: owner.service!, type: 'Queue', resource: { param: 'QueueUrl' } };
      }
      // A local getter returns the client or table it creates (`def table(): … return _table`).
      const v = valueOf(a.ctx, module, callee);
      if (v?.kind === 'function' && v.node.type === 'function_definition') return returned(v.module, v.node, depth + 1);
      return undefined;
    }
    if (n.type === 'attribute') {
      const name = textOf(module.text, field(n, 'attribute') ?? n);
      const object = field(n, 'object');
      const owner = botoOf(module, object, depth + 1);
      if (owner) {
        if (name === 'meta') return { ...owner, kind: owner.kind === 'client' ? 'client' : owner.kind, type: 'meta' };
        if (owner.type === 'meta' && name === 'client') return { kind: 'client', service: owner.service!, ...(owner.ownCredentials ? { ownCredentials: true } : {}) };
        const collection = COLLECTIONS[`${owner.kind === 'resource' ? 'service' : owner.type}.${name}`];
        if (collection) return { kind: 'collection', service: owner.service!, type: collection, ...(owner.resource ? { resource: owner.resource } : {}) };
        return undefined;
      }
      // `self.table`, set in a method of the class: the value assigned there.
      const objectValue = valueOf(a.ctx, module, object);
      if (objectValue?.kind === 'instance') return attributeAssigned(objectValue.module, objectValue.node, name, depth + 1);
      if (objectValue?.kind === 'module' && objectValue.target.file) {
        const m = a.ctx.modules.get(objectValue.target.file);
        const variable = m?.moduleScope.vars.get(name);
        for (const b of variable?.bindings ?? []) if (b.kind === 'assign' && b.value && !b.augmented) {
          const found = botoOf(m!, b.value, depth + 1);
          if (found) return found;
        }
      }
      return undefined;
    }
    if (n.type === 'identifier') {
      const variable = resolveName(module, n);
      if (!variable) return undefined;
      for (const b of variable.bindings) {
        let found: Boto | undefined;
        if ((b.kind === 'assign' && !b.augmented) || b.kind === 'with') {
          if (b.value && b.value !== n) found = botoOf(moduleOf(variable) ?? module, b.value, depth + 1);
        } else if (b.kind === 'import') {
          // `from clients import table`: the variable in that module.
          const origin = originVariable(a.ctx, module, n);
          const m = origin && origin !== variable ? moduleOf(origin) : undefined;
          for (const ob of m ? origin!.bindings : []) if (ob.kind === 'assign' && ob.value && !ob.augmented) found ??= botoOf(m!, ob.value, depth + 1);
        } else if (b.kind === 'param') {
          for (const arg of argumentsFor(a, b.node, b.keyword)) found ??= botoOf(arg.module, arg.node, depth + 1);
        }
        if (found) return found;
      }
      return undefined;
    }
    return undefined;
  };

  /**
   * What a local function returns (a getter of a client or table), once per function: every
   * `botoOf` below is memoised by node whatever its depth, so a second walk would only repeat
   * the first one's answers (unless past the depth limit, where all of them are undefined, or
   * when the first met a cycle).
   */
  const returnedMemo = new Map<PyNode, Boto | undefined>();
  const returned = (module: PyModule, fn: PyNode, depth: number): Boto | undefined => {
    if (depth + 1 > 8) return undefined;
    if (returnedMemo.has(fn)) return returnedMemo.get(fn);
    let found: Boto | undefined;
    const body = field(fn, 'body');
    if (!body) return undefined;
    const cyclesBefore = cycles;
    walk(body, (x) => {
      if (found || x.type === 'function_definition' || x.type === 'class_definition' || x.type === 'lambda') return false;
      if (x.type === 'return_statement') found = botoOf(module, named(x)[0], depth + 1);
      return undefined;
    });
    // An answer that met an expression still being worked out may change: not kept.
    if (cycles === cyclesBefore) returnedMemo.set(fn, found);
    return found;
  };

  const attributeAssigned = (module: PyModule, cls: PyNode, name: string, depth: number): Boto | undefined => {
    let found: Boto | undefined;
    walk(cls, (x) => {
      if (found) return false;
      if (x.type === 'assignment') {
        const left = unparen(field(x, 'left') ?? x);
        if (left.type === 'attribute' && textOf(module.text, field(left, 'attribute') ?? left) === name && textOf(module.text, field(left, 'object') ?? left) === 'self') {
          found = botoOf(module, field(x, 'right'), depth + 1);
        }
      }
      return undefined;
    });
    return found;
  };

  const push = (module: PyModule, call: PyNode, key: string, detail: string, actions: readonly string[], mayUse: readonly string[], resource: SdkResource | undefined, boto: Boto) => {
    calls.push({
      loc: locationOf(enclosingStatement(call), module.rel),
      operation: key,
      detail,
      actions,
      ...(mayUse.length > 0 ? { mayUse } : {}),
      ...(resource ? { resource } : {}),
      ...(boto.ownCredentials ? { ownCredentials: true } : {}),
    });
  };

  /** One operation of a service, with what its input says. */
  const record = (module: PyModule, call: PyNode, boto: Boto, operation: string, input: PyInput, detail: string, resource?: SdkResource) => {
    const service = boto.service!;
    const helper = HELPER_OPERATIONS[`${service.iamPrefix}:${operation}`];
    const op = helper ? { name: operation, actions: helper.actions, alternatives: helper.mayUse } : sdkOperation(service, operation);
    if (!op?.actions) {
      gap(module, call, op ? `${detail}: ${service.id} ${op.name} has no known IAM action` : `${detail}: not a known ${service.id} operation`);
      return;
    }
    const key = `${service.iamPrefix}:${op.name}`;
    const rules = (IMPLIED[key] ?? []).map((i) => ({ action: i.action, set: !i.when || input.keywords.has(i.when) ? true : input.open ? 'unknown' : false }));
    const implied = rules.filter((r) => r.set === true).map((r) => r.action);
    if (service.iamPrefix === 'timestream') implied.push('timestream:DescribeEndpoints');
    let actions: readonly string[] = op.actions;
    let mayUse: string[] = [...(op.alternatives ?? []), ...rules.filter((r) => r.set === 'unknown').map((r) => r.action), ...conditionalUse(key)];
    if (READS_S3_INPUT.test(key)) mayUse.push('s3:GetObject', 's3:PutObject');
    const target = resource ?? resourceOf(a, module, input);
    if (key === 'dynamodb:TransactWriteItems' || key === 'dynamodb:TransactGetItems') {
      const parts = transactionParts(module, input.keywords.get('TransactItems'));
      for (const p of parts.parts) push(module, call, key, `${detail} call with ${p.kind} items`, [p.action], [], p.resource, boto);
      if (parts.parts.length > 0) actions = [];
      if (parts.complete && parts.parts.length > 0) mayUse = [];
    } else if (op.alternatives && op.alternatives.length > 0 && !helper) {
      const statement = stringValue(module.text, input.keywords.get('Statement'));
      const verb = statement?.trim().split(/\s+/)[0]?.toUpperCase();
      const action = verb ? ({ SELECT: 'dynamodb:PartiQLSelect', INSERT: 'dynamodb:PartiQLInsert', UPDATE: 'dynamodb:PartiQLUpdate', DELETE: 'dynamodb:PartiQLDelete' } as Record<string, string>)[verb] : undefined;
      if (action) [actions, mayUse] = [[action], []];
    }
    if (actions.length === 0 && implied.length === 0 && mayUse.length === 0) return;
    push(module, call, key, `${detail} call`, [...actions, ...implied], mayUse, target, boto);
  };

  const transactionParts = (module: PyModule, items: PyNode | undefined): { parts: { action: string; resource?: SdkResource; kind: string }[]; complete: boolean } => {
    const list = items ? unparen(items) : undefined;
    if (list?.type !== 'list') return { parts: [], complete: false };
    const parts: { action: string; resource?: SdkResource; kind: string }[] = [];
    let complete = true;
    for (const element of named(list)) {
      const item = literalDict(module, element);
      const kind = item ? Object.keys(TRANSACT_KINDS).find((k) => item.has(k)) : undefined;
      if (!item || !kind) {
        complete = false;
        continue;
      }
      const inner = literalDict(module, item.get(kind));
      const table = inner?.get('TableName');
      const value = table ? pyResourceValue(a, module, table) : undefined;
      parts.push({ action: TRANSACT_KINDS[kind]!, kind, ...(table ? { resource: { param: 'TableName', ...(value ?? {}) } } : {}) });
    }
    return { parts, complete };
  };


  /** `pkg.helper()`, or `helper()` imported from a local module, where faaslint cannot find what `helper` is. */
  const unfollowedLocal = (module: PyModule, callee: PyNode): boolean => {
    if (valueOf(a.ctx, module, callee)) return false;
    if (callee.type === 'attribute') return valueOf(a.ctx, module, field(callee, 'object'))?.kind === 'module';
    if (callee.type !== 'identifier') return false;
    const bindings = resolveName(module, callee)?.bindings ?? [];
    const only = bindings.length === 1 ? bindings[0] : undefined;
    return only?.kind === 'import' && only.name !== undefined && a.ctx.imports.resolve(only.module, only.level, module.file, a.ctx.roots) !== undefined;
  };

  const visitCall = (module: PyModule, call: PyNode) => {
    const callee = unparen(field(call, 'function') ?? call);
    const args = callArguments(module.text, call);
    const path = valuePath(a, module, callee);
    if (path === 'builtins.getattr' && botoOf(module, args.positional[0])) {
      gap(module, call, `${shortText(module.text, call, 60)} calls an operation chosen at run time`);
      return;
    }
    const provider = callee.type === 'attribute' ? powertoolsProvider(module, field(callee, 'object')) : undefined;
    if (provider) return providerCall(module, call, provider, textOf(module.text, field(callee, 'attribute') ?? callee), args);
    if (path && /^aws_lambda_powertools\./.test(path)) return powertools(module, call, path, args);
    if (path && AWS_LIBRARIES.test(path)) {
      gap(module, call, `${shortText(module.text, callee, 50)}() from ${path.split('.')[0]}, which may call AWS in ways faaslint does not see`);
      return;
    }
    if (unfollowedLocal(module, callee)) {
      gap(module, call, `${shortText(module.text, callee, 50)}(…): local code faaslint cannot find, which may call AWS`);
      return;
    }
    if (callee.type !== 'attribute') {
      handOff(module, call, args, path);
      return;
    }
    const method = textOf(module.text, field(callee, 'attribute') ?? callee);
    const receiver = field(callee, 'object');
    const boto = botoOf(module, receiver);
    if (!boto) {
      // A method named like an AWS operation on something faaslint cannot identify may be a client.
      if (usesBoto(module) && !valueOf(a.ctx, module, receiver) && isOperationName(method)) {
        gap(module, call, `${shortText(module.text, callee, 50)}(…): a call on an object faaslint cannot identify, named like an AWS operation`);
      }
      handOff(module, call, args, path);
      return;
    }
    const detail = shortText(module.text, callee, 60).replace(/\s*\.\s*/g, '.');
    const input = inputOf(module, args, call);
    if (INERT.has(method) || boto.type === 'meta') return;
    if (boto.kind === 'session') return;
    if (boto.kind === 'collection') {
      if (COLLECTION_METHODS.has(method) || method === 'delete') {
        record(module, call, boto, boto.type!, input, detail, boto.resource);
        if (method === 'delete' && boto.type === 'ListObjects') record(module, call, boto, 'DeleteObjects', input, detail, boto.resource);
      }
      return;
    }
    if (boto.kind === 'batch-writer') {
      if (method === 'put_item' || method === 'delete_item') record(module, call, boto, 'BatchWriteItem', input, detail, boto.resource);
      return;
    }
    if (boto.kind === 'client') {
      if (method === 'get_paginator' || method === 'generate_presigned_url') {
        const opNode = args.keywords.get(method === 'get_paginator' ? 'operation_name' : 'ClientMethod') ?? args.positional[0];
        const op = stringValue(module.text, opNode);
        if (!op) {
          gap(module, call, `${detail}(…) for an operation chosen at run time`);
          return;
        }
        // The paginator's input is given to `.paginate(…)`; a presigned URL's to Params.
        const parent = call.parent?.type === 'attribute' ? call.parent.parent : undefined;
        const paged = parent?.type === 'call' ? inputOf(module, callArguments(module.text, parent), parent) : { keywords: new Map(), open: true };
        const params = method === 'generate_presigned_url' ? literalDict(module, args.keywords.get('Params') ?? args.positional[1]) : undefined;
        record(module, call, boto, op, method === 'generate_presigned_url' ? { keywords: params ?? new Map(), open: !params } : paged, `${detail}("${op}")`);
        return;
      }
      if (method === 'get_waiter') {
        gap(module, call, `${detail}(…): a waiter, whose polled operation faaslint does not map`);
        return;
      }
      if (method === 'generate_presigned_post') {
        record(module, call, boto, 'CreatePresignedPost', { keywords: new Map([['Bucket', args.keywords.get('Bucket') ?? args.positional[0]!]].filter((e) => e[1]) as [string, PyNode][]), open: false }, detail);
        return;
      }
      const helper = boto.service?.iamPrefix === 's3' ? CLIENT_HELPERS[method] : undefined;
      if (helper) {
        // upload_file(Filename, Bucket, Key), download_file(Bucket, Key, Filename), copy(CopySource, Bucket, Key).
        const bucket = args.keywords.get('Bucket') ?? args.positional[method.startsWith('upload') || method === 'copy' ? 1 : 0];
        const value = bucket ? pyResourceValue(a, module, bucket) : undefined;
        record(module, call, boto, helper, { keywords: new Map(), open: false }, detail, { param: 'Bucket', ...(value ?? {}) });
        return;
      }
      record(module, call, boto, method, input, detail);
      return;
    }
    // A service resource or one of its resources.
    if (/^[A-Z]/.test(method)) return;
    const type = boto.kind === 'resource' ? 'service' : boto.type!;
    const curated = RESOURCE_ACTIONS[`${type}.${method}`];
    const op = curated ?? (sdkOperation(boto.service!, method) ? method : sdkOperation(boto.service!, `${method}_${type}`) ? `${method}_${type}` : method);
    if (op === 'GetQueueUrl') {
      const name = args.keywords.get('QueueName') ?? args.positional[0];
      const value = name ? pyResourceValue(a, module, name) : undefined;
      record(module, call, boto, op, input, detail, { param: 'QueueName', ...(value ?? {}) });
      return;
    }
    record(module, call, boto, op, input, detail, boto.resource);
  };

  /** A boto3 object handed to code outside the project: what it calls is not seen. */
  const handOff = (module: PyModule, call: PyNode, args: CallArguments, path: string | undefined) => {
    const callee = valueOf(a.ctx, module, field(call, 'function'));
    if (callee && callee.kind !== 'external') return;
    if (path && (BOTO_ROOTS.test(path) || /^builtins\.(print|isinstance|type|id|repr|str|hasattr|getattr|len|bool)$|^logging\.|^aws_xray_sdk\./.test(path))) return;
    if (!path && callee === undefined && field(call, 'function')?.type === 'attribute') {
      // A method on an object the analysis does not know (`logger.info(client)`) is not followed either.
      const receiverRoot = unparen(field(field(call, 'function')!, 'object') ?? call);
      if (receiverRoot.type === 'identifier' && /^(log|logger|LOG|LOGGER)$/.test(textOf(module.text, receiverRoot))) return;
    }
    for (const arg of [...args.positional, ...args.keywords.values()]) {
      const u = unparen(arg);
      if ((u.type === 'identifier' || u.type === 'attribute') && botoOf(module, u)) {
        gap(module, call, `${shortText(module.text, field(call, 'function') ?? call, 50)}(…) is given an AWS client: what it calls is not seen`);
        return;
      }
    }
  };

  const usesBotoMemo = new Map<PyModule, boolean>();
  const usesBoto = (module: PyModule) => {
    let uses = usesBotoMemo.get(module);
    if (uses === undefined) {
      uses = [...module.scopes.values()].some((s) => [...s.vars.values()].some((v) => v.bindings.some((b) => b.kind === 'import' && BOTO_ROOTS.test(b.module))));
      usesBotoMemo.set(module, uses);
    }
    return uses;
  };

  /** Powertools utilities: parameters, secrets, AppConfig, idempotency; the rest makes no AWS call. */
  const powertools = (module: PyModule, call: PyNode, path: string, args: CallArguments) => {
    const name = path.replace(/\(\)$/, '').split('.').pop()!;
    const one = (operation: string, param: string, arg: PyNode | undefined, mayUse: string[] = []) => {
      const value = arg ? pyResourceValue(a, module, arg) : undefined;
      const [prefix] = operation.split(':');
      const service = sdkServices().find((s) => s.iamPrefix === prefix);
      if (!service) return;
      calls.push({ loc: locationOf(enclosingStatement(call), module.rel), operation, detail: `${name} (Powertools) call`, actions: [operation], ...(mayUse.length > 0 ? { mayUse } : {}), ...(param ? { resource: { param, ...(value ?? {}) } } : {}) });
    };
    if (/\.parameters(\.\w+)*\.get_parameter$/.test(path)) return one('ssm:GetParameter', 'Name', args.keywords.get('name') ?? args.positional[0]);
    if (/\.parameters(\.\w+)*\.get_parameters$/.test(path)) return one('ssm:GetParametersByPath', 'Name', args.keywords.get('path') ?? args.positional[0]);
    if (/\.parameters(\.\w+)*\.get_parameters_by_name$/.test(path)) return one('ssm:GetParameters', '', undefined, ['ssm:GetParameter']);
    if (/\.parameters(\.\w+)*\.set_parameter$/.test(path)) return one('ssm:PutParameter', 'Name', args.keywords.get('name') ?? args.positional[0]);
    if (/\.parameters(\.\w+)*\.get_secret$/.test(path)) return one('secretsmanager:GetSecretValue', 'SecretId', args.keywords.get('name') ?? args.positional[0]);
    if (/\.parameters(\.\w+)*\.set_secret$/.test(path)) return one('secretsmanager:PutSecretValue', 'SecretId', args.keywords.get('name') ?? args.positional[0], ['secretsmanager:CreateSecret']);
    if (/\.parameters(\.\w+)*\.get_app_config$/.test(path)) {
      calls.push({ loc: locationOf(enclosingStatement(call), module.rel), operation: 'appconfig:GetLatestConfiguration', detail: `${name} (Powertools) call`, actions: ['appconfig:StartConfigurationSession', 'appconfig:GetLatestConfiguration'] });
      return;
    }
    if (/\.parameters(\.\w+)*\.(SSMProvider|SecretsProvider|DynamoDBProvider|AppConfigProvider)$/.test(path)) return;
    if (/\.idempotency(\.\w+)*\.DynamoDBPersistenceLayer$/.test(path)) {
      const table = args.keywords.get('table_name') ?? args.positional[0];
      const value = table ? pyResourceValue(a, module, table) : undefined;
      for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']) {
        calls.push({ loc: locationOf(enclosingStatement(call), module.rel), operation: action, detail: 'DynamoDBPersistenceLayer (Powertools idempotency) call', actions: [action], resource: { param: 'TableName', ...(value ?? {}) } });
      }
      return;
    }
    if (/\.idempotency(\.\w+)*\.(idempotent|idempotent_function|IdempotencyConfig)$/.test(path)) return;
    if (POWERTOOLS_INERT.test(path)) return;
    gap(module, call, `${name} from ${path.split('.').slice(0, -1).join('.')}, which faaslint does not map`);
  };

  const powertoolsProvider = (module: PyModule, receiver: PyNode | undefined): { kind: string; call: PyNode; module: PyModule } | undefined => {
    const r = receiver ? unparen(receiver) : undefined;
    if (r?.type !== 'identifier') return undefined;
    const variable = resolveName(module, r);
    for (const b of variable?.bindings ?? []) {
      if (b.kind !== 'assign' || !b.value) continue;
      const v = unparen(b.value);
      const path = v.type === 'call' ? valuePath(a, module, field(v, 'function')) : undefined;
      const kind = path ? /\.parameters(\.\w+)*\.(SSMProvider|SecretsProvider|DynamoDBProvider|AppConfigProvider)$/.exec(path)?.[2] : undefined;
      if (kind) return { kind, call: v, module };
    }
    return undefined;
  };

  const providerCall = (module: PyModule, call: PyNode, provider: { kind: string; call: PyNode; module: PyModule }, method: string, args: CallArguments) => {
    const table = callArguments(provider.module.text, provider.call).keywords.get('table_name');
    const spec: Record<string, Record<string, [string, string, PyNode | undefined]>> = {
      SSMProvider: { get: ['ssm:GetParameter', 'Name', args.positional[0]], get_multiple: ['ssm:GetParametersByPath', 'Name', args.positional[0]], set: ['ssm:PutParameter', 'Name', args.positional[0]] },
      SecretsProvider: { get: ['secretsmanager:GetSecretValue', 'SecretId', args.positional[0]] },
      DynamoDBProvider: { get: ['dynamodb:GetItem', 'TableName', table], get_multiple: ['dynamodb:Query', 'TableName', table] },
      AppConfigProvider: { get: ['appconfig:GetLatestConfiguration', '', undefined] },
    };
    const m = spec[provider.kind]?.[method];
    if (!m) return;
    const [operation, param, arg] = m;
    const value = arg ? pyResourceValue(a, arg === table ? provider.module : module, arg) : undefined;
    const actions = operation === 'appconfig:GetLatestConfiguration' ? ['appconfig:StartConfigurationSession', operation] : [operation];
    calls.push({ loc: locationOf(enclosingStatement(call), module.rel), operation, detail: `${provider.kind}.${method} (Powertools) call`, actions, ...(param ? { resource: { param, ...(value ?? {}) } } : {}) });
  };

  // The functions' own code and the modules' load-time code never overlap: each call is visited once.
  const visit = (module: PyModule, n: PyNode) => {
    if (n.type === 'call') visitCall(module, n);
    // `async with session.client("s3") as s3:` — the client is made here, its calls are visited as calls.
    return undefined;
  };
  for (const { module, node } of a.functions) ownCode(node, (n) => visit(module, n));
  // Code that runs when the module loads (a parameter read at cold start) is the handler's too.
  for (const module of new Set(a.functions.map((f) => f.module))) {
    loadTimeCode(module, (n) => visit(module, n));
  }
  return { calls, gaps };
}

/** Names shared with everyday Python objects: a method so named says nothing. */
const COMMON_METHODS = new Set(['get', 'put', 'delete', 'update', 'search', 'send', 'start', 'stop', 'list', 'describe', 'close', 'open', 'copy', 'tag', 'cancel', 'retry', 'execute', 'commit', 'rollback', 'evaluate', 'predict', 'verify', 'sign']);

/** A boto3 method name of an AWS operation (`put_item`, `get_object`), for spotting unidentified clients. */
function isOperationName(method: string): boolean {
  return !COMMON_METHODS.has(method) && boto3MethodNames().has(method);
}
