import { ownTable } from '../own.js';
/**
 * What AWS's SDK service models do not say and faaslint must: each table cites where its facts
 * come from. scripts/build-sdk-index.mjs joins these to the models shipped in the `aws-sdk`
 * package; test/iam/sdk-services.test.ts checks every entry against the IAM data.
 */

/**
 * Operations whose IAM action is named differently from the API operation (AWS Service
 * Authorization Reference, "Actions defined by …" tables, and the S3 "Mapping of API operations
 * to policy actions" page). Every other operation maps to `prefix:Operation` when the IAM data
 * has that action, and to nothing known otherwise.
 */
export const RENAMED_OPERATIONS: Readonly<Record<string, readonly string[]>> = ownTable({
  's3:ListObjectsV2': ['s3:ListBucket'],
  's3:ListObjects': ['s3:ListBucket'],
  's3:ListObjectVersions': ['s3:ListBucketVersions'],
  's3:ListBuckets': ['s3:ListAllMyBuckets'],
  's3:ListMultipartUploads': ['s3:ListBucketMultipartUploads'],
  's3:ListParts': ['s3:ListMultipartUploadParts'],
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
  's3:GetBucketCors': ['s3:GetBucketCORS'],
  's3:PutBucketCors': ['s3:PutBucketCORS'],
  's3:DeleteBucketCors': ['s3:PutBucketCORS'],
  's3:GetBucketLifecycleConfiguration': ['s3:GetLifecycleConfiguration'],
  's3:PutBucketLifecycleConfiguration': ['s3:PutLifecycleConfiguration'],
  's3:DeleteBucketLifecycle': ['s3:PutLifecycleConfiguration'],
  's3:GetBucketNotificationConfiguration': ['s3:GetBucketNotification'],
  's3:PutBucketNotificationConfiguration': ['s3:PutBucketNotification'],
  's3:GetBucketEncryption': ['s3:GetEncryptionConfiguration'],
  's3:PutBucketEncryption': ['s3:PutEncryptionConfiguration'],
  's3:DeleteBucketEncryption': ['s3:PutEncryptionConfiguration'],
  's3:GetBucketReplication': ['s3:GetReplicationConfiguration'],
  's3:PutBucketReplication': ['s3:PutReplicationConfiguration'],
  's3:DeleteBucketReplication': ['s3:PutReplicationConfiguration'],
  's3:GetPublicAccessBlock': ['s3:GetBucketPublicAccessBlock'],
  's3:PutPublicAccessBlock': ['s3:PutBucketPublicAccessBlock'],
  's3:DeletePublicAccessBlock': ['s3:PutBucketPublicAccessBlock'],
  's3:DeleteBucketTagging': ['s3:PutBucketTagging'],
  's3:GetObjectLockConfiguration': ['s3:GetBucketObjectLockConfiguration'],
  's3:PutObjectLockConfiguration': ['s3:PutBucketObjectLockConfiguration'],
  's3:GetBucketAccelerateConfiguration': ['s3:GetAccelerateConfiguration'],
  's3:PutBucketAccelerateConfiguration': ['s3:PutAccelerateConfiguration'],
  's3:WriteGetObjectResponse': ['s3-object-lambda:WriteGetObjectResponse'],
  'sqs:SendMessageBatch': ['sqs:SendMessage'],
  'sqs:DeleteMessageBatch': ['sqs:DeleteMessage'],
  'sqs:ChangeMessageVisibilityBatch': ['sqs:ChangeMessageVisibility'],
  'sns:PublishBatch': ['sns:Publish'],
  'dynamodb:TransactGetItems': ['dynamodb:GetItem'],
  'lambda:Invoke': ['lambda:InvokeFunction'],
  'lambda:InvokeAsync': ['lambda:InvokeFunction'],
  'lambda:InvokeWithResponseStream': ['lambda:InvokeFunction'],
  'execute-api:PostToConnection': ['execute-api:ManageConnections'],
  'execute-api:GetConnection': ['execute-api:ManageConnections'],
  'execute-api:DeleteConnection': ['execute-api:ManageConnections'],
  's3:GetBucketLifecycle': ['s3:GetLifecycleConfiguration'],
  's3:PutBucketLifecycle': ['s3:PutLifecycleConfiguration'],
  's3:GetBucketAnalyticsConfiguration': ['s3:GetAnalyticsConfiguration'],
  's3:ListBucketAnalyticsConfigurations': ['s3:GetAnalyticsConfiguration'],
  's3:PutBucketAnalyticsConfiguration': ['s3:PutAnalyticsConfiguration'],
  's3:DeleteBucketAnalyticsConfiguration': ['s3:PutAnalyticsConfiguration'],
  's3:GetBucketInventoryConfiguration': ['s3:GetInventoryConfiguration'],
  's3:ListBucketInventoryConfigurations': ['s3:GetInventoryConfiguration'],
  's3:PutBucketInventoryConfiguration': ['s3:PutInventoryConfiguration'],
  's3:DeleteBucketInventoryConfiguration': ['s3:PutInventoryConfiguration'],
  's3:GetBucketMetricsConfiguration': ['s3:GetMetricsConfiguration'],
  's3:ListBucketMetricsConfigurations': ['s3:GetMetricsConfiguration'],
  's3:PutBucketMetricsConfiguration': ['s3:PutMetricsConfiguration'],
  's3:DeleteBucketMetricsConfiguration': ['s3:PutMetricsConfiguration'],
  's3:GetBucketIntelligentTieringConfiguration': ['s3:GetIntelligentTieringConfiguration'],
  's3:ListBucketIntelligentTieringConfigurations': ['s3:GetIntelligentTieringConfiguration'],
  's3:PutBucketIntelligentTieringConfiguration': ['s3:PutIntelligentTieringConfiguration'],
  's3:DeleteBucketIntelligentTieringConfiguration': ['s3:PutIntelligentTieringConfiguration'],
  's3:DeleteBucketOwnershipControls': ['s3:PutBucketOwnershipControls'],
  'kms:ReEncrypt': ['kms:ReEncryptFrom', 'kms:ReEncryptTo'],
  'lambda:GetLayerVersionByArn': ['lambda:GetLayerVersion'],
  'timestream:Query': ['timestream:Select'],
  'cloudfront:CreateDistributionWithTags': ['cloudfront:CreateDistribution', 'cloudfront:TagResource'],
  'budgets:DescribeBudget': ['budgets:ViewBudget'],
  'budgets:DescribeBudgets': ['budgets:ViewBudget'],
  'budgets:DescribeBudgetPerformanceHistory': ['budgets:ViewBudget'],
  'budgets:DescribeNotificationsForBudget': ['budgets:ViewBudget'],
  'budgets:DescribeSubscribersForNotification': ['budgets:ViewBudget'],
  'budgets:CreateBudget': ['budgets:ModifyBudget'],
  'budgets:UpdateBudget': ['budgets:ModifyBudget'],
  'budgets:DeleteBudget': ['budgets:ModifyBudget'],
  'budgets:CreateNotification': ['budgets:ModifyBudget'],
  'budgets:UpdateNotification': ['budgets:ModifyBudget'],
  'budgets:DeleteNotification': ['budgets:ModifyBudget'],
  'budgets:CreateSubscriber': ['budgets:ModifyBudget'],
  'budgets:UpdateSubscriber': ['budgets:ModifyBudget'],
  'budgets:DeleteSubscriber': ['budgets:ModifyBudget'],
  'bedrock:Converse': ['bedrock:InvokeModel'],
  'bedrock:ConverseStream': ['bedrock:InvokeModelWithResponseStream'],
});

/**
 * Operations whose actions depend on what the input holds (the kinds of items a transaction
 * writes, the verb of a PartiQL statement): the code's input decides, and without it any of these
 * may be needed. They count as used, and are never reported missing as a whole.
 */
export const INPUT_DEPENDENT_OPERATIONS: Readonly<Record<string, readonly string[]>> = ownTable({
  'dynamodb:TransactWriteItems': ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  'dynamodb:ExecuteStatement': ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
  'dynamodb:BatchExecuteStatement': ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
  'dynamodb:ExecuteTransaction': ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
});

/**
 * Operations that need no IAM permission although the models sign them: STS documents that
 * GetCallerIdentity needs none, and that the web-identity and SAML exchanges are called without
 * AWS credentials. (Operations the models mark `authtype: none` are found from the data.)
 */
export const NO_PERMISSION_OPERATIONS: ReadonlySet<string> = new Set([
  'sts:GetCallerIdentity',
  'sts:AssumeRoleWithWebIdentity',
  'sts:AssumeRoleWithSAML',
]);

/** Services whose IAM prefix is none of the names in their model (signing name, endpoint prefix, service id). */
export const IAM_PREFIX_OVERRIDES: Readonly<Record<string, string>> = ownTable({
  'IoT Data Plane': 'iot',
  'IoT Jobs Data Plane': 'iotjobsdata',
  'IoTSecureTunneling': 'iot',
  'IoT Events Data': 'iotevents',
  'MTurk': 'mechanicalturk',
  'Resource Groups Tagging API': 'tag',
  'CloudControl': 'cloudformation',
});

/**
 * API Gateway's management APIs are authorised by HTTP method on the resource path
 * (`apigateway:GET`, `apigateway:PATCH`, …), not by operation name.
 */
export const HTTP_METHOD_SERVICES: ReadonlySet<string> = new Set(['API Gateway', 'ApiGatewayV2']);

/**
 * Services that have no IAM actions for their operations, and why: clients of these make the
 * handler's IAM usage unknown rather than mapped.
 */
export const SERVICES_WITHOUT_IAM: Readonly<Record<string, string>> = ownTable({
  'SSO': 'the portal API is authorised by an access token from SSO OIDC, not by IAM',
  'ConnectParticipant': 'authorised by a participant connection token, not by IAM',
  'CodeCatalyst': 'authorised by a personal access token, not by IAM',
  'IoT 1Click Devices Service': 'the service was retired; the IAM data no longer lists it',
  'IoT 1Click Projects': 'the service was retired; the IAM data no longer lists it',
  'IoTThingsGraph': 'the service was retired; the IAM data no longer lists it',
  'Elastic Inference': 'the service was retired; the IAM data no longer lists it',
  'ApplicationCostProfiler': 'the service was retired; the IAM data no longer lists it',
});

/**
 * boto3/botocore service names of the services older than botocore's rule (the service id,
 * lower case, spaces as dashes), read from botocore's data directory names.
 */
export const BOTOCORE_LEGACY_NAMES: Readonly<Record<string, string>> = ownTable({
  'API Gateway': 'apigateway', 'Application Auto Scaling': 'application-autoscaling', 'Auto Scaling': 'autoscaling',
  'CloudSearch Domain': 'cloudsearchdomain', 'CloudWatch Logs': 'logs', 'Cognito Identity Provider': 'cognito-idp',
  'Config Service': 'config', 'Cost and Usage Report Service': 'cur', 'Data Pipeline': 'datapipeline', 'Device Farm': 'devicefarm',
  'Direct Connect': 'directconnect', 'Directory Service': 'ds', 'Application Discovery Service': 'discovery',
  'Database Migration Service': 'dms', 'DynamoDB Streams': 'dynamodbstreams', 'Elastic Beanstalk': 'elasticbeanstalk',
  'Elastic Load Balancing': 'elb', 'Elastic Load Balancing v2': 'elbv2', 'Elasticsearch Service': 'es',
  'Elastic Transcoder': 'elastictranscoder', 'IoT Data Plane': 'iot-data', 'Kinesis Analytics': 'kinesisanalytics',
  'Lex Runtime Service': 'lex-runtime', 'Machine Learning': 'machinelearning',
  'Marketplace Commerce Analytics': 'marketplacecommerceanalytics', 'Marketplace Metering': 'meteringmarketplace',
  'Resource Groups Tagging API': 'resourcegroupstaggingapi', 'Route 53': 'route53', 'Route 53 Domains': 'route53domains',
  'S3 Control': 's3control', 'Service Catalog': 'servicecatalog', 'SimpleDB': 'sdb', 'Storage Gateway': 'storagegateway',
  'SFN': 'stepfunctions', 'Lex Model Building Service': 'lex-models', 'Marketplace Entitlement Service': 'marketplace-entitlement',
  'Migration Hub': 'mgh', 'CloudHSM V2': 'cloudhsmv2', 'Cost Explorer': 'ce', 'IoT Jobs Data Plane': 'iot-jobs-data',
  'Kinesis Video': 'kinesisvideo', 'ServerlessApplicationRepository': 'serverlessrepo', 'Auto Scaling Plans': 'autoscaling-plans',
  'Secrets Manager': 'secretsmanager', 'IoT 1Click Devices Service': 'iot1click-devices', 'IoT 1Click Projects': 'iot1click-projects',
  'Pinpoint SMS Voice': 'sms-voice', 'Global Accelerator': 'globalaccelerator', 'Kinesis Analytics V2': 'kinesisanalyticsv2',
  'App Mesh': 'appmesh', 'IoT Events': 'iotevents', 'IoT Events Data': 'iotevents-data', 'EventBridge': 'events',
  'Service Catalog AppRegistry': 'servicecatalog-appregistry', 'IoT Wireless': 'iotwireless', 'Lex Models V2': 'lexv2-models',
  'Lex Runtime V2': 'lexv2-runtime',
});

/** SDK v3 client packages not named after the service id, and services with no v3 package. */
export const V3_PACKAGE_EXCEPTIONS: Readonly<Record<string, string | null>> = {
  // The v3 SDK never shipped these (the services were closed to new customers before it).
  'SimpleDB': null,
  'ImportExport': null,
  'Mobile Analytics': null,
  'Application Discovery Service': null,
  'IoT 1Click Devices Service': null,
};
