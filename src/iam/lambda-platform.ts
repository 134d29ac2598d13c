/**
 * What the Lambda service itself does with a function's execution role: write its logs, send its
 * traces, attach it to a VPC, poll its event sources and deliver to its destinations. These
 * permissions are needed although no line of the handler calls them.
 */
import type { EventType, Fn } from '../model.js';
import { append } from '../arrays.js';
import { ownTable } from '../own.js';

const LOG_ACTIONS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
const TRACING_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'];
/** Network interfaces of a function in a VPC. */
export const VPC_ACTIONS = [
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:DescribeSubnets',
  'ec2:DescribeVpcs', 'ec2:DescribeSecurityGroups', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
  'ec2:DetachNetworkInterface',
];
/** Whatever its events: logs, traces, VPC networking, and decrypting its environment with a customer key. */
const ALWAYS = [...LOG_ACTIONS, ...TRACING_ACTIONS, ...VPC_ACTIONS, 'kms:Decrypt'];

/** Event sources Lambda polls with the function's role, and destinations it delivers to. */
const BY_EVENT: Readonly<Partial<Record<EventType, readonly string[]>>> = {
  sqs: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
  stream: [
    'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams',
    'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator',
    'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', 'kinesis:DescribeStreamConsumer',
  ],
  msk: ['kafka:*', 'ec2:*'],
  kafka: ['kafka:*', 'ec2:*'],
  mq: ['mq:DescribeBroker', 'secretsmanager:GetSecretValue', 'ec2:*'],
  // Dead-letter queues and async destinations: Lambda delivers there with the function's role.
  destination: ['sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction', 'events:PutEvents'],
};

/** The actions Lambda uses with this function's role: never "unused" because the code does not call them. */
export function lambdaActions(fn: Fn): string[] {
  const out = [...ALWAYS];
  for (const e of fn.events) append(out, BY_EVENT[e.type] ?? []);
  // The Datadog Lambda extension reads its API key from this secret with the function's role.
  if (fn.environment.some((e) => e.name === 'DD_API_KEY_SECRET_ARN')) out.push('secretsmanager:GetSecretValue');
  return out;
}

/** AWS-managed policies for execution roles, with what they grant (as patterns): other managed policies' grants are unknown. */
export const EXECUTION_POLICIES: Readonly<Record<string, readonly string[]>> = ownTable({
  AWSLambdaBasicExecutionRole: LOG_ACTIONS,
  AWSLambdaVPCAccessExecutionRole: [...LOG_ACTIONS, 'ec2:*NetworkInterface*', 'ec2:Describe*', 'ec2:*PrivateIpAddresses'],
  AWSXRayDaemonWriteAccess: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSampling*'],
  AWSLambdaSQSQueueExecutionRole: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:*'],
  AWSLambdaDynamoDBExecutionRole: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams', 'logs:*'],
  AWSLambdaKinesisExecutionRole: [
    'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator',
    'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', 'logs:*',
  ],
});

/**
 * Actions AWS's own execution policies (AWSLambdaBasicExecutionRole, AWSLambdaVPCAccessExecutionRole)
 * grant on "*": the documented way to let a function log and reach a VPC, not a wildcard to report.
 */
export const EXECUTION_ROLE_WILDCARD_ACTIONS: ReadonlySet<string> = new Set([...LOG_ACTIONS, ...VPC_ACTIONS]);
