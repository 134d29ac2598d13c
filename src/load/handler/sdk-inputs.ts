import type { SdkResource } from '../../model.js';
import { memberPath, staticString, type AstNode } from './ast.js';
import type { ModuleInfo } from './modules.js';
import { followConstants } from './sdk-clients.js';
import { propertyValue } from './values.js';
import { ownTable } from '../../own.js';

/** What an SDK call's input says: the resource it names, and what decides its IAM actions. */

const RESOURCE_PARAMS = [
  'TableName', 'Bucket', 'QueueUrl', 'TopicArn', 'TargetArn', 'FunctionName', 'StateMachineArn', 'SecretId', 'Name',
  'EventBusName', 'StreamName', 'StreamARN', 'DeliveryStreamName', 'KeyId', 'QueueName', 'LogGroupName',
];

/** The value of an input property: a literal, `process.env.X`, or a constant holding either. */
export function resourceValue(module: ModuleInfo, node: AstNode, depth = 0): Omit<SdkResource, 'param'> | undefined {
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

/** Whether an input sets a parameter: `unknown` when the input is built at run time (or spreads another object). */
export function hasParam(module: ModuleInfo, input: AstNode | undefined, name: string): boolean | 'unknown' {
  if (!input) return false;
  const n = followConstants(module, input);
  if (n?.type !== 'ObjectExpression') return 'unknown';
  if (propertyValue(n, name) !== undefined) return true;
  return n.properties.some((p) => p.type === 'SpreadElement') ? 'unknown' : false;
}

export function resourceOf(module: ModuleInfo, input: AstNode | undefined, depth = 0): SdkResource | undefined {
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

/** One part of an input that needs its own action on its own resource (a transaction's item, a batch's table). */
export interface InputPart {
  readonly action: string;
  readonly resource?: SdkResource;
  readonly label: string;
}

const TRANSACT_KINDS: Readonly<Record<string, string>> = ownTable({
  Put: 'dynamodb:PutItem', Update: 'dynamodb:UpdateItem', Delete: 'dynamodb:DeleteItem', ConditionCheck: 'dynamodb:ConditionCheckItem', Get: 'dynamodb:GetItem',
});

/**
 * The item kinds a DynamoDB transaction holds (`TransactItems: [{ Update: {…} }]`): each needs its
 * own action on its own table. `complete` is false when some items are built at run time.
 */
export function transactionParts(module: ModuleInfo, input: AstNode | undefined): { parts: InputPart[]; complete: boolean } {
  const n = followConstants(module, input);
  const items = n?.type === 'ObjectExpression' ? followConstants(module, propertyValue(n, 'TransactItems')) : undefined;
  if (items?.type !== 'ArrayExpression') return { parts: [], complete: false };
  const parts: InputPart[] = [];
  let complete = true;
  for (const element of items.elements) {
    const item = element && element.type !== 'SpreadElement' ? followConstants(module, element) : undefined;
    const kind = item?.type === 'ObjectExpression' ? Object.keys(TRANSACT_KINDS).find((k) => propertyValue(item, k)) : undefined;
    if (!item || item.type !== 'ObjectExpression' || !kind) {
      complete = false;
      continue;
    }
    const resource = resourceOf(module, propertyValue(item, kind));
    parts.push({ action: TRANSACT_KINDS[kind]!, ...(resource ? { resource } : {}), label: `with ${kind} items` });
  }
  return { parts, complete };
}

/** The tables a batch names (`RequestItems: { [process.env.TABLE]: […] }`): one part per table. */
export function batchTables(module: ModuleInfo, input: AstNode | undefined, action: string): InputPart[] | undefined {
  const n = followConstants(module, input);
  const items = n?.type === 'ObjectExpression' ? followConstants(module, propertyValue(n, 'RequestItems')) : undefined;
  if (items?.type !== 'ObjectExpression' || items.properties.length === 0) return undefined;
  const parts: InputPart[] = [];
  for (const p of items.properties) {
    if (p.type !== 'Property') return undefined;
    const key = p.computed ? resourceValue(module, p.key) : p.key.type === 'Identifier' ? { literal: p.key.name } : resourceValue(module, p.key);
    parts.push({ action, ...(key ? { resource: { param: 'TableName', ...key } } : {}), label: 'with items for that table' });
  }
  return parts;
}

const PARTIQL_VERBS: Readonly<Record<string, string>> = ownTable({
  SELECT: 'dynamodb:PartiQLSelect', INSERT: 'dynamodb:PartiQLInsert', UPDATE: 'dynamodb:PartiQLUpdate', DELETE: 'dynamodb:PartiQLDelete',
});

/** The PartiQL action a literal statement needs (`SELECT * FROM "t"` → dynamodb:PartiQLSelect). */
export function partiqlAction(module: ModuleInfo, input: AstNode | undefined): string | undefined {
  const n = followConstants(module, input);
  const statement = n?.type === 'ObjectExpression' ? followConstants(module, propertyValue(n, 'Statement')) : undefined;
  const text = statement ? (staticString(statement) ?? (statement.type === 'TemplateLiteral' ? statement.quasis[0]?.value.cooked : undefined)) : undefined;
  const verb = text?.trim().split(/\s+/)[0]?.toUpperCase();
  return verb ? PARTIQL_VERBS[verb] : undefined;
}

/**
 * Operations whose input names an S3 object that the service reads, or a bucket it writes, with
 * the caller's credentials (Rekognition, Textract and Transcribe documentation: the calling
 * identity needs s3:GetObject on the input, s3:PutObject on the output bucket).
 */
const SERVICE_SIDE_S3: Readonly<Record<string, readonly { readonly path: readonly string[]; readonly action: string; readonly uri?: boolean }[]>> = {};
function image(ops: string[], service: string, paths: string[][]): void {
  for (const op of ops) (SERVICE_SIDE_S3 as Record<string, unknown>)[`${service}:${op}`] = paths.map((path) => ({ path: [...path, 'S3Object'], action: 's3:GetObject' }));
}
image(['DetectLabels', 'DetectFaces', 'DetectText', 'DetectModerationLabels', 'DetectProtectiveEquipment', 'DetectCustomLabels', 'RecognizeCelebrities', 'IndexFaces', 'SearchFacesByImage'], 'rekognition', [['Image']]);
image(['CompareFaces'], 'rekognition', [['SourceImage'], ['TargetImage']]);
image(['StartLabelDetection', 'StartFaceDetection', 'StartCelebrityRecognition', 'StartContentModeration', 'StartTextDetection', 'StartPersonTracking', 'StartSegmentDetection', 'StartFaceSearch'], 'rekognition', [['Video']]);
image(['DetectDocumentText', 'AnalyzeDocument', 'AnalyzeExpense'], 'textract', [['Document']]);
image(['StartDocumentTextDetection', 'StartDocumentAnalysis', 'StartExpenseAnalysis', 'StartLendingAnalysis'], 'textract', [['DocumentLocation']]);
for (const op of ['StartDocumentTextDetection', 'StartDocumentAnalysis', 'StartExpenseAnalysis', 'StartLendingAnalysis']) {
  (SERVICE_SIDE_S3 as Record<string, unknown[]>)[`textract:${op}`]!.push({ path: ['OutputConfig', 'S3Bucket'], action: 's3:PutObject' });
}
(SERVICE_SIDE_S3 as Record<string, unknown>)['transcribe:StartTranscriptionJob'] = [
  { path: ['Media', 'MediaFileUri'], action: 's3:GetObject', uri: true },
  { path: ['OutputBucketName'], action: 's3:PutObject' },
];

/** The S3 reads and writes a service makes for this call with the caller's credentials; `unknown` when the input is not literal enough to tell. */
export function serviceSideS3(module: ModuleInfo, operation: string, input: AstNode | undefined): { parts: InputPart[]; unknown: string[] } {
  const rules = SERVICE_SIDE_S3[operation];
  const parts: InputPart[] = [];
  const unknown: string[] = [];
  for (const rule of rules ?? []) {
    let cur: AstNode | undefined = followConstants(module, input);
    let applies = true;
    for (const key of rule.path) {
      if (cur?.type !== 'ObjectExpression') {
        cur = undefined;
        break;
      }
      const value = propertyValue(cur, key);
      if (!value) {
        // `Image: { Bytes }` instead of an S3 object: nothing read from S3.
        applies = false;
        break;
      }
      cur = followConstants(module, value) ?? value;
    }
    if (!applies) continue;
    if (!cur) {
      unknown.push(rule.action);
      continue;
    }
    let value: Omit<SdkResource, 'param'> | undefined;
    if (rule.uri) {
      const text = staticString(cur) ?? (cur.type === 'TemplateLiteral' ? (cur.quasis[0]?.value.cooked ?? undefined) : undefined);
      const bucket = text ? /^s3:\/\/([^/]+)\//.exec(text)?.[1] : undefined;
      value = bucket ? { literal: bucket } : undefined;
    } else if (rule.path.at(-1) === 'S3Object') {
      const bucket = cur.type === 'ObjectExpression' ? propertyValue(cur, 'Bucket') : undefined;
      value = bucket ? resourceValue(module, bucket) : undefined;
    } else {
      value = resourceValue(module, cur);
    }
    parts.push({ action: rule.action, resource: { param: 'Bucket', ...(value ?? {}) }, label: rule.action === 's3:GetObject' ? '(the service reads the S3 object it names with the caller\'s credentials)' : '(the service writes to the S3 bucket it names with the caller\'s credentials)' });
  }
  return { parts, unknown };
}
