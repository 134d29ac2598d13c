import { ownTable } from '../../own.js';
/**
 * SAM policy templates and the statements they stand for, written from the definitions AWS
 * publishes for the SAM translator (policy_templates.json). `{Name}` is a template
 * parameter; `${AWS::…}` is a pseudo parameter left for deployment time.
 */
export interface TemplateStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Condition keys the statement carries (their values do not matter to the rules). */
  readonly conditionKeys?: readonly string[];
}

const ARN = 'arn:${AWS::Partition}';
const REGIONAL = (service: string) => `${ARN}:${service}:\${AWS::Region}:\${AWS::AccountId}`;
const TABLE = `${REGIONAL('dynamodb')}:table/{TableName}`;
const BUCKET = `${ARN}:s3:::{BucketName}`;
const ddb = (...a: string[]) => a.map((x) => `dynamodb:${x}`);

export const SAM_POLICY_TEMPLATES: Readonly<Record<string, readonly TemplateStatement[]>> = ownTable({
  DynamoDBCrudPolicy: [
    {
      actions: ddb('GetItem', 'DeleteItem', 'PutItem', 'Scan', 'Query', 'UpdateItem', 'BatchWriteItem', 'BatchGetItem', 'DescribeTable', 'ConditionCheckItem'),
      resources: [TABLE, `${TABLE}/index/*`],
    },
  ],
  DynamoDBReadPolicy: [
    { actions: ddb('GetItem', 'Scan', 'Query', 'BatchGetItem', 'DescribeTable'), resources: [TABLE, `${TABLE}/index/*`] },
  ],
  DynamoDBWritePolicy: [{ actions: ddb('PutItem', 'UpdateItem', 'BatchWriteItem'), resources: [TABLE, `${TABLE}/index/*`] }],
  DynamoDBReconfigurePolicy: [{ actions: ddb('UpdateTable'), resources: [TABLE] }],
  DynamoDBStreamReadPolicy: [
    { actions: ddb('DescribeStream', 'GetRecords', 'GetShardIterator'), resources: [`${TABLE}/stream/{StreamName}`] },
    { actions: ddb('ListStreams'), resources: [`${TABLE}/stream/*`] },
  ],
  DynamoDBBackupFullAccessPolicy: [
    { actions: ddb('CreateBackup', 'DescribeContinuousBackups'), resources: [TABLE] },
    { actions: ddb('DeleteBackup', 'DescribeBackup', 'ListBackups'), resources: [`${TABLE}/backup/*`] },
  ],
  DynamoDBRestoreFromBackupPolicy: [
    { actions: ddb('RestoreTableFromBackup'), resources: [`${TABLE}/backup/*`] },
    { actions: ddb('PutItem', 'UpdateItem', 'DeleteItem', 'GetItem', 'Query', 'Scan', 'BatchWriteItem'), resources: [TABLE] },
  ],
  S3ReadPolicy: [
    { actions: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'], resources: [BUCKET, `${BUCKET}/*`] },
  ],
  S3WritePolicy: [
    { actions: ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], resources: [BUCKET, `${BUCKET}/*`] },
  ],
  S3CrudPolicy: [
    {
      actions: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration', 's3:DeleteObject'],
      resources: [BUCKET, `${BUCKET}/*`],
    },
  ],
  S3FullAccessPolicy: [
    {
      actions: ['s3:GetObject', 's3:GetObjectAcl', 's3:GetObjectVersion', 's3:PutObject', 's3:PutObjectAcl', 's3:DeleteObject', 's3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging', 's3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'],
      resources: [`${BUCKET}/*`],
    },
    { actions: ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration'], resources: [BUCKET] },
  ],
  SQSSendMessagePolicy: [{ actions: ['sqs:SendMessage*'], resources: [`${REGIONAL('sqs')}:{QueueName}`] }],
  SQSPollerPolicy: [
    {
      actions: ['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessage', 'sqs:DeleteMessageBatch', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
      resources: [`${REGIONAL('sqs')}:{QueueName}`],
    },
  ],
  SNSPublishMessagePolicy: [{ actions: ['sns:Publish'], resources: [`${REGIONAL('sns')}:{TopicName}`] }],
  SNSCrudPolicy: [
    { actions: ['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'], resources: [`${REGIONAL('sns')}:{TopicName}*`] },
  ],
  LambdaInvokePolicy: [{ actions: ['lambda:InvokeFunction'], resources: [`${REGIONAL('lambda')}:function:{FunctionName}*`] }],
  StepFunctionsExecutionPolicy: [{ actions: ['states:StartExecution'], resources: [`${REGIONAL('states')}:stateMachine:{StateMachineName}`] }],
  StepFunctionsCallbackPolicy: [
    { actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], resources: [`${REGIONAL('states')}:stateMachine:{StateMachineName}`] },
  ],
  SecretsManagerGetSecretValuePolicy: [{ actions: ['secretsmanager:GetSecretValue'], resources: ['{SecretArn}'] }],
  AWSSecretsManagerGetSecretValuePolicy: [{ actions: ['secretsmanager:GetSecretValue'], resources: ['{SecretArn}'] }],
  AWSSecretsManagerRotationPolicy: [
    {
      actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
      resources: [`${REGIONAL('secretsmanager')}:secret:*`],
      conditionKeys: ['secretsmanager:resource/AllowRotationLambdaArn'],
    },
    { actions: ['secretsmanager:GetRandomPassword'], resources: ['*'] },
  ],
  SSMParameterReadPolicy: [
    { actions: ['ssm:DescribeParameters'], resources: ['*'] },
    { actions: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], resources: [`${REGIONAL('ssm')}:parameter/{ParameterName}`] },
  ],
  SSMParameterWithSlashPrefixReadPolicy: [
    { actions: ['ssm:DescribeParameters'], resources: ['*'] },
    { actions: ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'], resources: [`${REGIONAL('ssm')}:parameter{ParameterName}`] },
  ],
  KMSDecryptPolicy: [{ actions: ['kms:Decrypt'], resources: [`${REGIONAL('kms')}:key/{KeyId}`] }],
  KMSEncryptPolicy: [{ actions: ['kms:Encrypt'], resources: [`${REGIONAL('kms')}:key/{KeyId}`] }],
  EventBridgePutEventsPolicy: [{ actions: ['events:PutEvents'], resources: [`${REGIONAL('events')}:event-bus/{EventBusName}`] }],
  KinesisStreamReadPolicy: [
    { actions: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], resources: [`${REGIONAL('kinesis')}:stream/*`] },
    { actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator'], resources: [`${REGIONAL('kinesis')}:stream/{StreamName}`] },
  ],
  KinesisCrudPolicy: [
    {
      actions: ['kinesis:AddTagsToStream', 'kinesis:CreateStream', 'kinesis:DecreaseStreamRetentionPeriod', 'kinesis:DeleteStream', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetShardIterator', 'kinesis:IncreaseStreamRetentionPeriod', 'kinesis:ListTagsForStream', 'kinesis:MergeShards', 'kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:SplitShard', 'kinesis:RemoveTagsFromStream'],
      resources: [`${REGIONAL('kinesis')}:stream/{StreamName}`],
    },
  ],
  FirehoseWritePolicy: [{ actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'], resources: [`${REGIONAL('firehose')}:deliverystream/{DeliveryStreamName}`] }],
  FirehoseCrudPolicy: [
    {
      actions: ['firehose:CreateDeliveryStream', 'firehose:DeleteDeliveryStream', 'firehose:DescribeDeliveryStream', 'firehose:PutRecord', 'firehose:PutRecordBatch', 'firehose:UpdateDestination'],
      resources: [`${REGIONAL('firehose')}:deliverystream/{DeliveryStreamName}`],
    },
  ],
  CloudWatchPutMetricPolicy: [{ actions: ['cloudwatch:PutMetricData'], resources: ['*'] }],
  CloudWatchDescribeAlarmHistoryPolicy: [{ actions: ['cloudwatch:DescribeAlarmHistory'], resources: ['*'] }],
  CloudWatchDashboardPolicy: [{ actions: ['cloudwatch:GetDashboard', 'cloudwatch:ListDashboards', 'cloudwatch:PutDashboard', 'cloudwatch:ListMetrics'], resources: ['*'] }],
  FilterLogEventsPolicy: [{ actions: ['logs:FilterLogEvents'], resources: [`${REGIONAL('logs')}:log-group:{LogGroupName}:log-stream:*`] }],
  VPCAccessPolicy: [
    { actions: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'], resources: ['*'] },
  ],
  SESCrudPolicy: [
    { actions: ['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:VerifyEmailIdentity'], resources: [`${REGIONAL('ses')}:identity/{IdentityName}`] },
  ],
  SESSendBouncePolicy: [{ actions: ['ses:SendBounce'], resources: [`${REGIONAL('ses')}:identity/{IdentityName}`] }],
  SESEmailTemplateCrudPolicy: [
    { actions: ['ses:CreateTemplate', 'ses:GetTemplate', 'ses:ListTemplates', 'ses:UpdateTemplate', 'ses:DeleteTemplate', 'ses:TestRenderTemplate'], resources: ['*'] },
  ],
  RekognitionDetectOnlyPolicy: [
    { actions: ['rekognition:DetectFaces', 'rekognition:DetectLabels', 'rekognition:DetectModerationLabels', 'rekognition:DetectText'], resources: ['*'] },
  ],
  RekognitionLabelsPolicy: [{ actions: ['rekognition:DetectLabels', 'rekognition:DetectModerationLabels'], resources: ['*'] }],
  ComprehendBasicAccessPolicy: [
    {
      actions: ['comprehend:BatchDetectKeyPhrases', 'comprehend:DetectDominantLanguage', 'comprehend:DetectEntities', 'comprehend:BatchDetectEntities', 'comprehend:DetectKeyPhrases', 'comprehend:DetectSentiment', 'comprehend:BatchDetectDominantLanguage', 'comprehend:BatchDetectSentiment'],
      resources: ['*'],
    },
  ],
  TextractPolicy: [{ actions: ['textract:*'], resources: ['*'] }],
  TextractDetectAnalyzePolicy: [
    { actions: ['textract:DetectDocumentText', 'textract:StartDocumentTextDetection', 'textract:StartDocumentAnalysis', 'textract:AnalyzeDocument'], resources: ['*'] },
  ],
  TextractGetResultPolicy: [{ actions: ['textract:GetDocumentTextDetection', 'textract:GetDocumentAnalysis'], resources: ['*'] }],
  PollyFullAccessPolicy: [
    { actions: ['polly:GetLexicon', 'polly:DeleteLexicon'], resources: [`${REGIONAL('polly')}:lexicon/{LexiconName}`] },
    { actions: ['polly:DescribeVoices', 'polly:ListLexicons', 'polly:PutLexicon', 'polly:SynthesizeSpeech'], resources: [`${REGIONAL('polly')}:lexicon/*`] },
  ],
  EC2DescribePolicy: [{ actions: ['ec2:DescribeRegions', 'ec2:DescribeInstances'], resources: ['*'] }],
  AMIDescribePolicy: [{ actions: ['ec2:DescribeImages'], resources: ['*'] }],
  EKSDescribePolicy: [{ actions: ['eks:DescribeCluster', 'eks:ListClusters'], resources: ['*'] }],
  CostExplorerReadOnlyPolicy: [
    { actions: ['ce:GetCostAndUsage', 'ce:GetDimensionValues', 'ce:GetReservationCoverage', 'ce:GetReservationPurchaseRecommendation', 'ce:GetReservationUtilization', 'ce:GetTags'], resources: ['*'] },
  ],
  OrganizationsListAccountsPolicy: [{ actions: ['organizations:ListAccounts'], resources: ['*'] }],
  CodePipelineLambdaExecutionPolicy: [{ actions: ['codepipeline:PutJobSuccessResult', 'codepipeline:PutJobFailureResult'], resources: ['*'] }],
  CloudFormationDescribeStacksPolicy: [{ actions: ['cloudformation:DescribeStacks'], resources: [`${REGIONAL('cloudformation')}:stack/*`] }],
  ElasticsearchHttpPostPolicy: [{ actions: ['es:ESHttpPost', 'es:ESHttpPut'], resources: [`${REGIONAL('es')}:domain/{DomainName}/*`] }],
  EcsRunTaskPolicy: [{ actions: ['ecs:RunTask'], resources: [`${REGIONAL('ecs')}:task-definition/{TaskDefinition}`] }],
  AcmGetCertificatePolicy: [{ actions: ['acm:GetCertificate'], resources: ['{CertificateArn}'] }],
  Route53ChangeResourceRecordSetsPolicy: [{ actions: ['route53:ChangeResourceRecordSets'], resources: [`${ARN}:route53:::hostedzone/{HostedZoneId}`] }],
  MobileAnalyticsWriteOnlyAccessPolicy: [{ actions: ['mobileanalytics:PutEvents'], resources: ['*'] }],
  ServerlessRepoReadWriteAccessPolicy: [
    {
      actions: ['serverlessrepo:CreateApplication', 'serverlessrepo:CreateApplicationVersion', 'serverlessrepo:GetApplication', 'serverlessrepo:ListApplications', 'serverlessrepo:ListApplicationVersions'],
      resources: [`${REGIONAL('serverlessrepo')}:applications/*`],
    },
  ],
  AthenaQueryPolicy: [
    { actions: ['athena:ListWorkGroups', 'athena:GetExecutionEngine', 'athena:GetExecutionEngines', 'athena:GetNamespace', 'athena:GetCatalogs', 'athena:GetNamespaces', 'athena:GetTables', 'athena:GetTable'], resources: ['*'] },
    {
      actions: ['athena:StartQueryExecution', 'athena:GetQueryResults', 'athena:DeleteNamedQuery', 'athena:GetNamedQuery', 'athena:ListQueryExecutions', 'athena:StopQueryExecution', 'athena:GetQueryResultsStream', 'athena:ListNamedQueries', 'athena:CreateNamedQuery', 'athena:GetQueryExecution', 'athena:BatchGetNamedQuery', 'athena:BatchGetQueryExecution', 'athena:GetWorkGroup'],
      resources: [`${REGIONAL('athena')}:workgroup/{WorkGroupName}`],
    },
  ],
});
