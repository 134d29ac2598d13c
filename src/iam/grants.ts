import type { Role, Statement } from '../model.js';
import { actionMatches } from './actions.js';

/** AWS-managed policies whose grants faaslint knows (Lambda's execution roles): others make a role's grants unknown. */
const KNOWN_MANAGED: Readonly<Record<string, readonly string[]>> = {
  AWSLambdaBasicExecutionRole: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
  AWSLambdaVPCAccessExecutionRole: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'ec2:*NetworkInterface*', 'ec2:Describe*', 'ec2:*PrivateIpAddresses'],
  AWSXRayDaemonWriteAccess: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSampling*'],
  AWSLambdaSQSQueueExecutionRole: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:*'],
  AWSLambdaDynamoDBExecutionRole: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'logs:*'],
  AWSLambdaKinesisExecutionRole: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', 'logs:*'],
};

function managedName(text: string): string {
  return text.split('/').pop() ?? text;
}

export type Grant = 'granted' | 'denied' | 'not-granted' | 'unknown';

function actionsCover(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.entries.some((e) => e.value === undefined || actionMatches(e.value, action));
  if (s.notActions) return !s.notActions.entries.some((e) => e.value !== undefined && actionMatches(e.value, action));
  return false;
}

function resourcesCover(s: Statement, arn: string | undefined): boolean {
  if (s.notResources) return true;
  const entries = s.resources?.entries ?? [];
  // An unresolved resource (a !Ref, a variable) might be the one: only literals can rule a call out.
  if (arn === undefined || entries.length === 0 || entries.some((e) => e.value === undefined)) return true;
  return entries.some((e) => globsOverlap(e.value!, arn));
}

/** Whether two ARN patterns can name a common resource: their literal heads (up to the first wildcard) agree. */
function globsOverlap(a: string, b: string): boolean {
  const head = (s: string) => s.split(/[*?]/)[0]!.toLowerCase();
  const [ha, hb] = [head(a), head(b)];
  const exactA = !/[*?]/.test(a);
  const exactB = !/[*?]/.test(b);
  if (exactA && exactB) return a.toLowerCase() === b.toLowerCase();
  if (exactA) return actionMatches(b, a);
  if (exactB) return actionMatches(a, b);
  return ha.startsWith(hb) || hb.startsWith(ha);
}

/** Whether a role lets `action` reach `arn` (when known). Unknown managed policies or roles make the answer unknown. */
export function grantOf(role: Role, action: string, arn?: string): Grant {
  if (role.kind === 'external') return 'unknown';
  for (const s of role.statements) {
    if (s.effect === 'Deny' && s.when.length === 0 && actionsCover(s, action) && resourcesCover(s, arn) && !s.condition) return 'denied';
  }
  for (const s of role.statements) if (s.effect === 'Allow' && actionsCover(s, action) && resourcesCover(s, arn)) return 'granted';
  let unknown = role.statements.some((s) => s.effect === undefined);
  for (const m of role.managedPolicies) {
    const known = KNOWN_MANAGED[managedName(m.value ?? m.text)];
    if (!known) unknown = true;
    else if (known.some((p) => actionMatches(p, action))) return 'granted';
  }
  // serverless.yml and SAM add CloudWatch Logs permissions to the roles they generate.
  if ((role.kind === 'serverless-provider' || role.kind === 'serverless-function' || role.kind === 'sam-function') && action.startsWith('logs:')) return 'granted';
  return unknown ? 'unknown' : 'not-granted';
}
