import { describe, expect, it } from 'vitest';
import { expandAction, serviceActions } from '../../src/iam/actions.js';
import {
  BOTOCORE_LEGACY_NAMES,
  HTTP_METHOD_SERVICES,
  INPUT_DEPENDENT_OPERATIONS,
  NO_PERMISSION_OPERATIONS,
  RENAMED_OPERATIONS,
  SERVICES_WITHOUT_IAM,
  V3_PACKAGE_EXCEPTIONS,
} from '../../src/iam/sdk-curated.js';
import {
  boto3MethodName,
  boto3MethodNames,
  boto3MethodNamesFromModels,
  sdkOperation,
  sdkOperations,
  sdkServiceByBoto3,
  sdkServiceByV2Class,
  sdkServiceByV3Package,
  sdkServices,
} from '../../src/iam/sdk-services.js';

const services = sdkServices();

describe('SDK service data', () => {
  it('covers every service of the SDK models', () => {
    expect(services.length).toBeGreaterThan(350);
    expect(new Set(services.map((s) => s.v2Class)).size).toBe(services.length);
  });

  it('maps every v2 client class and v3 client package to a known IAM prefix, or lists why it cannot', () => {
    for (const s of services) {
      if (Object.hasOwn(SERVICES_WITHOUT_IAM, s.id)) {
        expect(s.iamPrefix, s.id).toBeUndefined();
        continue;
      }
      expect(s.iamPrefix, `${s.id} (${s.v2Class}, ${s.v3Package}) has no IAM prefix and is not listed with a reason`).toBeDefined();
      expect(serviceActions(s.iamPrefix!), `${s.id} → ${s.iamPrefix}`).toBeDefined();
    }
  });

  it('names v3 packages after the service id, except the services listed with a reason', () => {
    for (const s of services) {
      const expected = Object.hasOwn(V3_PACKAGE_EXCEPTIONS, s.id) ? V3_PACKAGE_EXCEPTIONS[s.id] : `@aws-sdk/client-${s.id.toLowerCase().replace(/\s+/g, '-')}`;
      expect(s.v3Package ?? null, s.id).toBe(expected);
      if (s.v3Package) expect(sdkServiceByV3Package(s.v3Package)).toBe(s);
    }
  });

  it('names boto3 clients after the service id, except the legacy names botocore keeps', () => {
    for (const s of services) {
      expect(s.boto3, s.id).toBe(BOTOCORE_LEGACY_NAMES[s.id] ?? s.id.toLowerCase().replace(/\s+/g, '-'));
    }
    expect(Object.keys(BOTOCORE_LEGACY_NAMES).filter((id) => !services.some((s) => s.id === id))).toEqual([]);
  });

  it('resolves the clients Lambda handlers use most, from every SDK', () => {
    const cases: [v2: string, v3: string, v3Class: string, boto3: string, prefix: string][] = [
      ['S3', '@aws-sdk/client-s3', 'S3', 's3', 's3'],
      ['DynamoDB', '@aws-sdk/client-dynamodb', 'DynamoDB', 'dynamodb', 'dynamodb'],
      ['StepFunctions', '@aws-sdk/client-sfn', 'SFN', 'stepfunctions', 'states'],
      ['EventBridge', '@aws-sdk/client-eventbridge', 'EventBridge', 'events', 'events'],
      ['CloudWatchLogs', '@aws-sdk/client-cloudwatch-logs', 'CloudWatchLogs', 'logs', 'logs'],
      ['SecretsManager', '@aws-sdk/client-secrets-manager', 'SecretsManager', 'secretsmanager', 'secretsmanager'],
      ['CognitoIdentityServiceProvider', '@aws-sdk/client-cognito-identity-provider', 'CognitoIdentityProvider', 'cognito-idp', 'cognito-idp'],
      ['IotData', '@aws-sdk/client-iot-data-plane', 'IoTDataPlane', 'iot-data', 'iot'],
      ['ApiGatewayManagementApi', '@aws-sdk/client-apigatewaymanagementapi', 'ApiGatewayManagementApi', 'apigatewaymanagementapi', 'execute-api'],
      ['SESV2', '@aws-sdk/client-sesv2', 'SESv2', 'sesv2', 'ses'],
      ['CloudWatch', '@aws-sdk/client-cloudwatch', 'CloudWatch', 'cloudwatch', 'cloudwatch'],
      ['SageMakerRuntime', '@aws-sdk/client-sagemaker-runtime', 'SageMakerRuntime', 'sagemaker-runtime', 'sagemaker'],
      ['RDSDataService', '@aws-sdk/client-rds-data', 'RDSData', 'rds-data', 'rds-data'],
      ['Pinpoint', '@aws-sdk/client-pinpoint', 'Pinpoint', 'pinpoint', 'mobiletargeting'],
      ['ES', '@aws-sdk/client-elasticsearch-service', 'ElasticsearchService', 'es', 'es'],
      ['ConfigService', '@aws-sdk/client-config-service', 'ConfigService', 'config', 'config'],
      ['APIGateway', '@aws-sdk/client-api-gateway', 'APIGateway', 'apigateway', 'apigateway'],
      ['Iot', '@aws-sdk/client-iot', 'IoT', 'iot', 'iot'],
      ['AppConfigData', '@aws-sdk/client-appconfigdata', 'AppConfigData', 'appconfigdata', 'appconfig'],
      ['OpenSearch', '@aws-sdk/client-opensearch', 'OpenSearch', 'opensearch', 'es'],
    ];
    for (const [v2, v3, v3Class, boto3, prefix] of cases) {
      const s = sdkServiceByV2Class(v2);
      expect(s, v2).toBeDefined();
      expect([s!.v3Package, s!.v3Class, s!.boto3, s!.iamPrefix], v2).toEqual([v3, v3Class, boto3, prefix]);
      expect(sdkServiceByV3Package(v3)).toBe(s);
      expect(sdkServiceByBoto3(boto3)).toBe(s);
      expect(sdkServiceByV2Class(v2.toLowerCase(), true)).toBe(s);
    }
  });

  it('agrees with the IAM data for every operation that has an IAM action of the same name', () => {
    let checked = 0;
    for (const s of services) {
      if (!s.iamPrefix || HTTP_METHOD_SERVICES.has(s.id)) continue;
      for (const op of sdkOperations(s)) {
        const key = `${s.iamPrefix}:${op.name}`;
        if (RENAMED_OPERATIONS[key] || INPUT_DEPENDENT_OPERATIONS[key] || NO_PERMISSION_OPERATIONS.has(key) || op.actions?.length === 0) continue;
        const same = expandAction(key)?.[0]?.name;
        if (same) {
          expect(op.actions, key).toEqual([same]);
          checked++;
        } else {
          expect(op.actions, `${key} has no IAM action of that name`).toBeUndefined();
        }
      }
    }
    expect(checked).toBeGreaterThan(12000);
  });

  it('renames only to actions the IAM data has, and only operations the models have', () => {
    for (const [key, actions] of [...Object.entries(RENAMED_OPERATIONS), ...Object.entries(INPUT_DEPENDENT_OPERATIONS)]) {
      for (const a of actions) expect(expandAction(a)?.length, `${key} → ${a}`).toBe(1);
      const [prefix, name] = key.split(':') as [string, string];
      expect(services.some((s) => s.iamPrefix === prefix && sdkOperation(s, name)), key).toBe(true);
    }
  });

  it('maps renamed, unauthenticated, input-dependent and HTTP-method operations', () => {
    const s3 = sdkServiceByV2Class('S3')!;
    expect(sdkOperation(s3, 'listObjectsV2')?.actions).toEqual(['s3:ListBucket']);
    expect(sdkOperation(s3, 'list_objects_v2')?.name).toBe('ListObjectsV2');
    expect(sdkOperation(s3, 'GetObject')?.actions).toEqual(['s3:GetObject']);
    expect(sdkOperation(s3, 'upload')).toBeUndefined();
    const cognito = sdkServiceByV2Class('CognitoIdentityServiceProvider')!;
    expect(sdkOperation(cognito, 'initiateAuth')?.actions).toEqual([]);
    expect(sdkOperation(cognito, 'adminGetUser')?.actions).toEqual(['cognito-idp:AdminGetUser']);
    const ddb = sdkServiceByV2Class('DynamoDB')!;
    expect(sdkOperation(ddb, 'transactWriteItems')).toMatchObject({ actions: [], alternatives: expect.arrayContaining(['dynamodb:UpdateItem']) });
    const apigw = sdkServiceByV2Class('APIGateway')!;
    expect(sdkOperation(apigw, 'getRestApis')?.actions).toEqual(['apigateway:GET']);
    expect(sdkOperation(apigw, 'updateStage')?.actions).toEqual(['apigateway:PATCH']);
    expect(sdkOperation(sdkServiceByV2Class('STS')!, 'getCallerIdentity')?.actions).toEqual([]);
    expect(sdkOperation(sdkServiceByV2Class('SSO')!, 'getRoleCredentials')?.actions).toBeUndefined();
  });

  it("lists boto3's method name of every operation, as built into dist/boto3-methods.json", () => {
    expect(boto3MethodName('PutItem')).toBe('put_item');
    expect(boto3MethodName('ListObjectsV2')).toBe('list_objects_v2');
    expect(boto3MethodName('GetBucketACL')).toBe('get_bucket_acl');
    const built = boto3MethodNames();
    expect(built.has('put_item')).toBe(true);
    expect(built.has('generate_data_key')).toBe(true);
    expect([...built].sort()).toEqual(boto3MethodNamesFromModels().sort());
  });
});
