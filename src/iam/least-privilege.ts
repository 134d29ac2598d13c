import type { Fn, Project, SdkCall } from '../model.js';
import { expandAction } from './actions.js';
import { isConditionalUse } from './sdk-actions.js';
import { isStandaloneRole, roleOf } from './roles.js';
import { functionCalls } from './usage.js';

/** A resource in a policy: a literal ARN pattern, or an intrinsic the config's own syntax understands. */
export type ResourceExpr = string | { readonly Ref: string } | { readonly 'Fn::GetAtt': readonly [string, string] } | { readonly 'Fn::Sub': string };

export interface PolicyStatement {
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly ResourceExpr[];
}

export interface FunctionPolicy {
  readonly function: string;
  readonly functionId: string;
  readonly file: string;
  readonly kind: Fn['input']['kind'];
  /** The role it runs with, when that role is a resource of its own (then the statements belong in its PolicyDocument). */
  readonly role?: string;
  /** Every SDK call was found: the policy is all the code needs. */
  readonly complete: boolean;
  readonly gaps: readonly string[];
  readonly statements: readonly PolicyStatement[];
  /** Scopable actions whose resource the code does not make knowable (granted on "*" for now). */
  readonly unscoped: readonly string[];
}

/** How the config names the resource an SDK parameter points at. */
type Target = { readonly literal: string } | { readonly logicalId: string; readonly attribute?: string };

function envTarget(fn: Fn, name: string): Target | undefined {
  const values = fn.environment.find((e) => e.name === name)?.values ?? [];
  // A value that differs by `Fn::If` branch names no one resource.
  const v = values.length === 1 && values[0]!.when.length === 0 ? values[0]! : undefined;
  if (!v) return undefined;
  if (v.value !== undefined && v.scalarType === undefined && v.value !== '') return { literal: v.value };
  if (v.ref?.kind === 'resource') return v.ref.attribute ? { logicalId: v.ref.name, attribute: v.ref.attribute } : { logicalId: v.ref.name };
  return undefined;
}

const getAtt = (id: string, attribute = 'Arn'): ResourceExpr => ({ 'Fn::GetAtt': [id, attribute] });

function isObjectAction(action: string): boolean {
  return /Object|MultipartUpload/.test(action);
}

/** The ARN (pattern) an SDK call's target stands for in IAM, per service. */
function resourceFor(action: string, param: string, target: Target): ResourceExpr[] | undefined {
  const [prefix] = action.split(':') as [string, string];
  const lit = 'literal' in target ? target.literal : undefined;
  const id = 'logicalId' in target ? target.logicalId : undefined;
  if (id && target && 'attribute' in target && target.attribute === 'Arn') {
    return prefix === 's3' && isObjectAction(action) ? [{ 'Fn::Sub': `\${${id}.Arn}/*` }] : [getAtt(id)];
  }
  switch (`${prefix}:${param}`) {
    case 'dynamodb:TableName': {
      const indexToo = /:(Query|Scan)$/.test(action);
      if (lit) return [`arn:aws:dynamodb:*:*:table/${lit}`, ...(indexToo ? [`arn:aws:dynamodb:*:*:table/${lit}/index/*`] : [])];
      return [getAtt(id!), ...(indexToo ? [{ 'Fn::Sub': `\${${id}.Arn}/index/*` }] : [])];
    }
    case 's3:Bucket':
      if (lit) return [isObjectAction(action) ? `arn:aws:s3:::${lit}/*` : `arn:aws:s3:::${lit}`];
      return [isObjectAction(action) ? { 'Fn::Sub': `\${${id}.Arn}/*` } : getAtt(id!)];
    case 'sqs:QueueUrl': {
      if (id) return [getAtt(id)];
      const m = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/(\d+)\/([^/?]+)$/.exec(lit!);
      return m ? [`arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}`] : undefined;
    }
    case 'sns:TopicArn':
    case 'sns:TargetArn':
    case 'states:StateMachineArn':
      return lit ? (lit.startsWith('arn:') ? [lit] : undefined) : [{ Ref: id! }];
    case 'lambda:FunctionName':
      if (lit) return [lit.startsWith('arn:') ? lit : `arn:aws:lambda:*:*:function:${lit}`];
      return [getAtt(id!)];
    case 'secretsmanager:SecretId':
      if (lit) return [lit.startsWith('arn:') ? lit : `arn:aws:secretsmanager:*:*:secret:${lit}-*`];
      return [{ Ref: id! }];
    case 'ssm:Name':
      if (lit) return [`arn:aws:ssm:*:*:parameter/${lit.replace(/^\//, '')}`];
      return [{ 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/\${${id}}` }];
    case 'events:EventBusName':
      if (lit) return [lit.startsWith('arn:') ? lit : `arn:aws:events:*:*:event-bus/${lit}`];
      return [getAtt(id!)];
    case 'kinesis:StreamName':
      return lit ? [`arn:aws:kinesis:*:*:stream/${lit}`] : [getAtt(id!)];
    case 'kinesis:StreamARN':
      return lit ? [lit] : [getAtt(id!)];
    case 'firehose:DeliveryStreamName':
      return lit ? [`arn:aws:firehose:*:*:deliverystream/${lit}`] : [getAtt(id!)];
    case 'kms:KeyId':
      return lit ? (lit.startsWith('arn:') ? [lit] : undefined) : [getAtt(id!)];
    default:
      return undefined;
  }
}

function standaloneRoleName(project: Project, fn: Fn): { role?: string } {
  const role = roleOf(project, fn);
  return role && isStandaloneRole(role) ? { role: role.name } : {};
}

/** The resources one call's action reaches, as the config can name them; undefined when the code hides them. */
export function callResources(fn: Fn, call: SdkCall, action: string): ResourceExpr[] | undefined {
  const r = call.resource;
  const target: Target | undefined = r?.literal !== undefined ? { literal: r.literal } : r?.envVar ? envTarget(fn, r.envVar) : undefined;
  if (target && r) return resourceFor(action, r.param, target);
  // Events without a bus name go to the account's default bus.
  return action.startsWith('events:') && !r ? ['arn:aws:events:*:*:event-bus/default'] : undefined;
}

function keyOf(resources: readonly ResourceExpr[]): string {
  return JSON.stringify(resources);
}

/**
 * The least-privilege statements a function's code needs: one per group of actions on the same
 * resources, narrowed where the code or the config makes the resource knowable, `"*"` for actions
 * that accept nothing else (and, flagged, for targets the code hides).
 */
export function leastPrivilege(project: Project, fn: Fn): FunctionPolicy {
  const usage = functionCalls(project, fn);
  const byResources = new Map<string, { resources: ResourceExpr[]; actions: Set<string> }>();
  const unscoped = new Set<string>();
  const add = (action: string, resources: ResourceExpr[]) => {
    const key = keyOf(resources);
    const group = byResources.get(key) ?? { resources, actions: new Set<string>() };
    group.actions.add(action);
    byResources.set(key, group);
  };
  for (const call of usage.calls.filter((c) => !c.ownCredentials)) {
    // A policy must let every outcome through: the actions an input may need are granted too.
    // (KMS actions a write may need depend on the target's encryption, and s3:ListBucket only changes how a missing
    // object fails; the code says neither: not granted blindly.)
    for (const action of [...call.actions, ...(call.mayUse ?? []).filter((a) => !a.startsWith('kms:') && !isConditionalUse(call.operation, a))]) {
      const scopable = expandAction(action)?.[0]?.scopable ?? true;
      if (!scopable) {
        add(action, ['*']);
        continue;
      }
      const resources = callResources(fn, call, action);
      if (resources) add(action, resources);
      else {
        unscoped.add(action);
        add(action, ['*']);
      }
    }
  }
  const statements = [...byResources.values()]
    .map((g) => ({ Effect: 'Allow' as const, Action: [...g.actions].sort(), Resource: g.resources }))
    .sort((a, b) => (a.Action[0]! < b.Action[0]! ? -1 : 1));
  return {
    function: fn.name,
    functionId: fn.id,
    file: fn.input.file,
    kind: fn.input.kind,
    ...standaloneRoleName(project, fn),
    complete: usage.gaps.length === 0,
    gaps: usage.gaps,
    statements,
    unscoped: [...unscoped].sort(),
  };
}
