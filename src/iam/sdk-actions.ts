import { expandAction } from './actions.js';

/**
 * From AWS SDK calls to IAM actions. The IAM prefix of each SDK v3 client package and v2
 * class, and the operations whose IAM action is named differently from the API (from AWS's
 * Service Authorization Reference); every other operation maps to `prefix:Operation`,
 * checked against IAM data.
 */
export const V3_PACKAGE_PREFIX: Readonly<Record<string, string>> = {
  's3': 's3', 's3-control': 's3', 'dynamodb': 'dynamodb', 'dynamodb-streams': 'dynamodb', 'sqs': 'sqs', 'sns': 'sns',
  'lambda': 'lambda', 'sfn': 'states', 'eventbridge': 'events', 'cloudwatch-events': 'events', 'secrets-manager': 'secretsmanager',
  'ssm': 'ssm', 'kms': 'kms', 'sts': 'sts', 'kinesis': 'kinesis', 'firehose': 'firehose', 'cloudwatch': 'cloudwatch',
  'cloudwatch-logs': 'logs', 'ses': 'ses', 'sesv2': 'ses', 'iot-data-plane': 'iot', 'apigatewaymanagementapi': 'execute-api',
  'cognito-identity-provider': 'cognito-idp', 'rekognition': 'rekognition', 'textract': 'textract', 'comprehend': 'comprehend',
  'athena': 'athena', 'glue': 'glue', 'ecs': 'ecs', 'ec2': 'ec2', 'iam': 'iam', 'scheduler': 'scheduler', 'appsync': 'appsync',
  'bedrock-runtime': 'bedrock', 'xray': 'xray', 'timestream-write': 'timestream', 'timestream-query': 'timestream',
  'codepipeline': 'codepipeline', 'ecr': 'ecr', 'organizations': 'organizations', 'cloudformation': 'cloudformation',
  'route-53': 'route53', 'acm': 'acm', 'polly': 'polly', 'translate': 'translate', 'mediaconvert': 'mediaconvert',
  'sagemaker-runtime': 'sagemaker', 'pinpoint': 'mobiletargeting', 'cognito-identity': 'cognito-identity', 'rds-data': 'rds-data',
  'personalize-runtime': 'personalize', 'location': 'geo', 'kafka': 'kafka', 'mq': 'mq', 'elasticache': 'elasticache',
};

export const V2_CLASS_PREFIX: Readonly<Record<string, string>> = {
  S3: 's3', DynamoDB: 'dynamodb', DynamoDBStreams: 'dynamodb', SQS: 'sqs', SNS: 'sns', Lambda: 'lambda', StepFunctions: 'states',
  EventBridge: 'events', CloudWatchEvents: 'events', SecretsManager: 'secretsmanager', SSM: 'ssm', KMS: 'kms', STS: 'sts',
  Kinesis: 'kinesis', Firehose: 'firehose', CloudWatch: 'cloudwatch', CloudWatchLogs: 'logs', SES: 'ses', SESV2: 'ses',
  IotData: 'iot', ApiGatewayManagementApi: 'execute-api', CognitoIdentityServiceProvider: 'cognito-idp', Rekognition: 'rekognition',
  Textract: 'textract', Comprehend: 'comprehend', Athena: 'athena', Glue: 'glue', ECS: 'ecs', EC2: 'ec2', IAM: 'iam',
  XRay: 'xray', CodePipeline: 'codepipeline', ECR: 'ecr', CloudFormation: 'cloudformation', Route53: 'route53', ACM: 'acm',
  Polly: 'polly', Translate: 'translate', MediaConvert: 'mediaconvert', RDSDataService: 'rds-data', Pinpoint: 'mobiletargeting',
};

/** Operations whose IAM action differs from the API name. */
const RENAMED: Readonly<Record<string, readonly string[]>> = {
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:ListObjects': ['s3:ListBucket'],
  's3:ListObjectVersions': ['s3:ListBucketVersions'],
  's3:HeadObject': ['s3:GetObject'],
  's3:HeadBucket': ['s3:ListBucket'],
  's3:CopyObject': ['s3:GetObject', 's3:PutObject'],
  's3:UploadPart': ['s3:PutObject'],
  's3:UploadPartCopy': ['s3:GetObject', 's3:PutObject'],
  's3:CreateMultipartUpload': ['s3:PutObject'],
  's3:CompleteMultipartUpload': ['s3:PutObject'],
  's3:DeleteObjects': ['s3:DeleteObject'],
  's3:GetObjectAttributes': ['s3:GetObject', 's3:GetObjectAttributes'],
  's3:SelectObjectContent': ['s3:GetObject'],
  's3:Upload': ['s3:PutObject', 's3:AbortMultipartUpload'],
  's3:CreatePresignedPost': ['s3:PutObject'],
  'sqs:SendMessageBatch': ['sqs:SendMessage'],
  'sqs:DeleteMessageBatch': ['sqs:DeleteMessage'],
  'sqs:ChangeMessageVisibilityBatch': ['sqs:ChangeMessageVisibility'],
  'sns:PublishBatch': ['sns:Publish'],
  'dynamodb:TransactGetItems': ['dynamodb:GetItem'],
  'dynamodb:TransactWriteItems': ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  'dynamodb:ExecuteStatement': ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
  'lambda:Invoke': ['lambda:InvokeFunction'],
  'lambda:InvokeAsync': ['lambda:InvokeFunction'],
  'lambda:InvokeWithResponseStream': ['lambda:InvokeFunction'],
  'execute-api:PostToConnection': ['execute-api:ManageConnections'],
  'execute-api:GetConnection': ['execute-api:ManageConnections'],
  'execute-api:DeleteConnection': ['execute-api:ManageConnections'],
  'bedrock:InvokeModelWithResponseStream': ['bedrock:InvokeModelWithResponseStream'],
  'bedrock:Converse': ['bedrock:InvokeModel'],
  'bedrock:ConverseStream': ['bedrock:InvokeModelWithResponseStream'],
  'ses:SendEmail': ['ses:SendEmail'],
  'kinesis:PutRecords': ['kinesis:PutRecords'],
  'rds-data:ExecuteStatement': ['rds-data:ExecuteStatement'],
};

/**
 * Permissions an operation needs besides its own action, because of what it passes along:
 * a role handed to a service needs iam:PassRole; tags on a new role need iam:TagRole.
 * `when` names the input parameter that triggers it (always, if absent).
 */
export const IMPLIED: Readonly<Record<string, readonly { readonly action: string; readonly when?: string }[]>> = {
  'mediaconvert:CreateJob': [{ action: 'iam:PassRole' }],
  'lambda:CreateFunction': [{ action: 'iam:PassRole' }],
  'lambda:UpdateFunctionConfiguration': [{ action: 'iam:PassRole', when: 'Role' }],
  'ecs:RunTask': [{ action: 'iam:PassRole' }],
  'states:CreateStateMachine': [{ action: 'iam:PassRole' }],
  'scheduler:CreateSchedule': [{ action: 'iam:PassRole' }],
  'events:PutTargets': [{ action: 'iam:PassRole', when: 'RoleArn' }],
  'cloudformation:CreateStack': [{ action: 'iam:PassRole', when: 'RoleARN' }],
  'glue:StartJobRun': [],
  'iam:CreateRole': [{ action: 'iam:TagRole', when: 'Tags' }],
  'iam:CreateUser': [{ action: 'iam:TagUser', when: 'Tags' }],
  'sagemaker:CreateTrainingJob': [{ action: 'iam:PassRole' }],
  'ec2:RunInstances': [{ action: 'iam:PassRole', when: 'IamInstanceProfile' }],
};

/** `@aws-sdk/lib-dynamodb` document commands and SDK v2 DocumentClient methods. */
export const DOCUMENT_OPERATIONS: Readonly<Record<string, string>> = {
  Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', Query: 'Query', Scan: 'Scan',
  BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactGet: 'TransactGetItems', TransactWrite: 'TransactWriteItems',
  ExecuteStatement: 'ExecuteStatement', BatchExecuteStatement: 'ExecuteStatement', ExecuteTransaction: 'ExecuteStatement',
};

/** IAM actions an operation needs; undefined when the operation is unknown (the analysis is then incomplete). */
export function actionsFor(prefix: string, operation: string): readonly string[] | undefined {
  const key = `${prefix}:${operation}`;
  const renamed = RENAMED[key];
  if (renamed) return renamed;
  const facts = expandAction(key);
  return facts && facts.length > 0 ? [facts[0]!.name] : undefined;
}
