import { ownTable } from '../own.js';
/**
 * Permissions an operation needs besides its own action, because of what it passes along:
 * a role handed to a service needs iam:PassRole; tags on a new role need iam:TagRole.
 * `when` names the input parameter that triggers it (always, if absent); an input the code builds
 * at run time may hold it, so the action then counts as possibly used.
 */
export const IMPLIED: Readonly<Record<string, readonly { readonly action: string; readonly when?: string }[]>> = ownTable({
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
  'appsync:CreateGraphqlApi': [{ action: 'iam:PassRole', when: 'logConfig' }],
  'appsync:UpdateGraphqlApi': [{ action: 'iam:PassRole', when: 'logConfig' }],
  'appsync:CreateDataSource': [{ action: 'iam:PassRole', when: 'serviceRoleArn' }],
  'appsync:UpdateDataSource': [{ action: 'iam:PassRole', when: 'serviceRoleArn' }],
  // An ACL or tags sent with the object are authorised by their own actions (S3 user guide).
  's3:PutObject': [{ action: 's3:PutObjectAcl', when: 'ACL' }, { action: 's3:PutObjectTagging', when: 'Tagging' }],
  's3:CopyObject': [{ action: 's3:PutObjectAcl', when: 'ACL' }, { action: 's3:PutObjectTagging', when: 'Tagging' }],
});

/** `@aws-sdk/lib-dynamodb` document commands and SDK v2 DocumentClient methods. */
export const DOCUMENT_OPERATIONS: Readonly<Record<string, string>> = ownTable({
  Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', Query: 'Query', Scan: 'Scan',
  BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactGet: 'TransactGetItems', TransactWrite: 'TransactWriteItems',
  ExecuteStatement: 'ExecuteStatement', BatchExecuteStatement: 'BatchExecuteStatement', ExecuteTransaction: 'ExecuteTransaction',
});


/**
 * What the SDKs' own helpers call: a managed upload (`s3.upload()`, lib-storage `Upload`) puts the
 * object, in parts when it is large, and aborts the multipart upload only when a part fails, so
 * AbortMultipartUpload is used if granted but never needed; a presigned POST is signed for PutObject.
 */
export const HELPER_OPERATIONS: Readonly<Record<string, { readonly actions: readonly string[]; readonly mayUse?: readonly string[] }>> = ownTable({
  's3:Upload': { actions: ['s3:PutObject'], mayUse: ['s3:AbortMultipartUpload'] },
  's3:CreatePresignedPost': { actions: ['s3:PutObject'] },
});

/**
 * KMS actions a write needs when its target is encrypted with a customer managed key (SQS and SNS
 * server-side encryption, S3 SSE-KMS, Kinesis): whether it is, the code does not say, so they
 * count as possibly used (never reported missing, never unused).
 */
export const ENCRYPTION_MAY_USE: Readonly<Record<string, readonly string[]>> = ownTable({
  'sqs:SendMessage': ['kms:GenerateDataKey'],
  'sqs:SendMessageBatch': ['kms:GenerateDataKey'],
  'sns:Publish': ['kms:GenerateDataKey'],
  'sns:PublishBatch': ['kms:GenerateDataKey'],
  's3:PutObject': ['kms:GenerateDataKey'],
  's3:CopyObject': ['kms:GenerateDataKey'],
  's3:CreateMultipartUpload': ['kms:GenerateDataKey'],
  's3:Upload': ['kms:GenerateDataKey'],
  'kinesis:PutRecord': ['kms:GenerateDataKey'],
  'kinesis:PutRecords': ['kms:GenerateDataKey'],
});

/**
 * Actions that change only how a read fails: with s3:ListBucket on the bucket, reading a missing
 * object fails with 404 (NoSuchKey) instead of 403 (AccessDenied), and code that branches on "not
 * found" relies on it. Granted, they are possibly used (never reported unused); never needed.
 */
export const NOT_FOUND_MAY_USE: Readonly<Record<string, readonly string[]>> = ownTable({
  's3:GetObject': ['s3:ListBucket'],
  's3:HeadObject': ['s3:ListBucket'],
  's3:GetObjectAttributes': ['s3:ListBucket'],
});

/** What a call may use depending on things the code does not say (the target's encryption, how a miss fails). */
export function conditionalUse(key: string): readonly string[] {
  const encryption = ENCRYPTION_MAY_USE[key];
  const notFound = NOT_FOUND_MAY_USE[key];
  return encryption && notFound ? [...encryption, ...notFound] : (encryption ?? notFound ?? []);
}

/** Whether a policy written for the call leaves the action out: it is needed only in circumstances the code does not show. */
export function isConditionalUse(key: string, action: string): boolean {
  return conditionalUse(key).includes(action);
}
