/**
 * What an imported package means for the handler's AWS usage: the SDK itself, a helper of it, a
 * library faaslint models (middy and Powertools middlewares and utilities, SigV4 signers), one
 * known to make no AWS call, or one that may call AWS in ways faaslint cannot see.
 */
export type PackageKind = 'sdk-v2' | 'sdk-v3-client' | 'sdk-helper' | 'modelled' | 'no-aws-calls' | 'calls-aws' | 'other';

/** SDK helpers faaslint understands (`lib-dynamodb`, `lib-storage`, presigners). */
const SDK_HELPERS = new Set([
  '@aws-sdk/lib-dynamodb', '@aws-sdk/lib-storage', '@aws-sdk/s3-request-presigner', '@aws-sdk/s3-presigned-post',
  '@aws-sdk/credential-providers', '@aws-sdk/signature-v4', '@smithy/signature-v4',
]);

/** Libraries whose AWS calls faaslint models as the actions they perform. */
const MODELLED = new Set([
  '@middy/ssm', '@middy/secrets-manager', 'middy/middlewares',
  '@aws-lambda-powertools/parameters/ssm', '@aws-lambda-powertools/parameters/secrets',
  '@aws-lambda-powertools/parameters/dynamodb', '@aws-lambda-powertools/parameters/appconfig',
  '@aws-lambda-powertools/idempotency/dynamodb', '@aws-lambda-powertools/tracer',
  'aws-xray-sdk', 'aws-xray-sdk-core', 'aws4', 'aws4-axios',
]);

/** Packages from AWS's namespaces (or named after AWS) that make no AWS API call with the role. */
const NO_AWS_CALLS = [
  /^@aws-sdk\/(types|util-[a-z-]+|smithy-client|protocol-http|node-http-handler|url-parser|middleware-[a-z-]+|credential-provider-(env|ini|node|process|imds))$/,
  /^@smithy\//,
  /^@aws-lambda-powertools\/(logger|metrics|commons|batch|parser|jmespath|event-handler|idempotency)(\/.*)?$/,
  /^@middy\/(core|util|http-[a-z-]+|validator|event-normalizer|error-logger|input-output-logger|sqs-partial-batch-failure|do-not-wait-for-empty-event-loop|warmup|cloudwatch-metrics|ws-[a-z-]+|router|cors|json-body-parser)$/,
  /^middy$/,
  /^aws-lambda$/, /^@types\//, /^aws-embedded-metrics$/, /^aws-jwt-verify(\/.*)?$/, /^@aws-crypto\/(sha256-[a-z]+|crc32[a-z]*|util)$/,
  /^aws-serverless-express$/, /^@vendia\/serverless-express$/, /^@codegenie\/serverless-express$/, /^serverless-http$/,
  /^aws-cdk-lib(\/.*)?$/, /^constructs$/, /^amazon-cognito-identity-js$/, /^aws-lambda-fastify$/,
];

/** A package name that says it works with AWS (a client, an ORM over DynamoDB, a wrapper): unknown ones may call AWS. */
const AWS_NAMED = /(^|[/@._-])(aws|amazon|dynamo|dynamodb|dynamoose|electrodb|s3|sqs|sns|ssm|kinesis|cognito|xray|lambda-powertools|middy|secrets-?manager|eventbridge|firehose|athena|appsync|amplify)([/._-]|$)/i;

export function packageKind(source: string): PackageKind {
  if (source === 'aws-sdk' || source.startsWith('aws-sdk/')) return 'sdk-v2';
  if (source.startsWith('@aws-sdk/client-')) return 'sdk-v3-client';
  if (SDK_HELPERS.has(source)) return 'sdk-helper';
  if (MODELLED.has(source)) return 'modelled';
  if (source.startsWith('.') || source.startsWith('/') || source.startsWith('node:')) return 'other';
  if (NO_AWS_CALLS.some((re) => re.test(source))) return 'no-aws-calls';
  return AWS_NAMED.test(source) ? 'calls-aws' : 'other';
}

export function isSdkPackage(source: string): boolean {
  const kind = packageKind(source);
  return kind === 'sdk-v2' || kind === 'sdk-v3-client' || source.startsWith('@aws-sdk/');
}
