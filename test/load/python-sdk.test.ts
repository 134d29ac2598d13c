import { describe, expect, it } from 'vitest';
import { lint } from '../../src/run.js';
import { tempProject } from '../helpers.js';

const SLS = 'service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  f:\n    handler: app.handler\n';

/** The boto3 calls faaslint sees in one handler: `line operation actions [resource] [own]`, and the gaps. */
async function sdk(source: string, extra: Record<string, string> = {}) {
  const dir = tempProject({ 'serverless.yml': SLS, 'app.py': source, ...extra });
  const result = await lint({ paths: [dir], rules: [] });
  const h = result.project!.handlers[0]!;
  return {
    calls: h.sdkCalls.map((c) => {
      const r = c.resource ? ` ${c.resource.param}=${c.resource.literal ?? (c.resource.envVar ? `$${c.resource.envVar}` : '?')}` : '';
      return `${c.loc.line} ${c.operation} ${c.actions.join('+')}${c.mayUse?.length ? ` may:${c.mayUse.join('+')}` : ''}${r}${c.ownCredentials ? ' own' : ''}`;
    }),
    gaps: h.sdkGaps.map((g) => g.replace(/^[^:]+:(\d+): /, '$1: ')),
  };
}

describe('boto3 calls', () => {
  it('maps client methods (snake_case) to operations and their IAM actions, with the resource they name', async () => {
    const { calls, gaps } = await sdk(
      'import os\nimport boto3\n\ns3 = boto3.client("s3")\nBUCKET = os.environ["BUCKET"]\n\n\ndef handler(event, context):\n    s3.list_objects_v2(Bucket=BUCKET)\n    s3.put_object(Bucket="archive", Key="k", Body=b"x", ACL="private")\n    boto3.client("stepfunctions").start_execution(stateMachineArn=os.getenv("SM"), input="{}")\n    boto3.client("lambda").invoke(FunctionName="worker")\n',
    );
    expect(gaps).toEqual([]);
    expect(calls).toEqual([
      '9 s3:ListObjectsV2 s3:ListBucket Bucket=$BUCKET',
      '10 s3:PutObject s3:PutObject+s3:PutObjectAcl may:kms:GenerateDataKey Bucket=archive',
      '11 states:StartExecution states:StartExecution',
      '12 lambda:Invoke lambda:InvokeFunction FunctionName=worker',
    ]);
  });

  it('follows a getter called from several places, and getters that call themselves', async () => {
    const { calls, gaps } = await sdk(
      [
        'import boto3',
        '_t = None',
        '_q = None',
        '',
        '',
        'def table():',
        '    global _t',
        '    if _t is None:',
        '        _t = boto3.resource("dynamodb").Table("orders")',
        '    return _t',
        '',
        '',
        'def queue():',
        '    global _q',
        '    if _q:',
        '        return _q',
        '    _q = boto3.resource("sqs").Queue("https://q")',
        '    return queue()',
        '',
        '',
        'def other():',
        '    return _q or other()',
        '',
        '',
        'def handler(event, context):',
        '    table().put_item(Item={})',
        '    table().get_item(Key={})',
        '    queue().send_message(MessageBody="x")',
        '    queue().send_message(MessageBody="y")',
        '    other().send_message(MessageBody="z")',
        '',
      ].join('\n'),
    );
    // `other()` returns `_q or other()`: not followed, so the handler's AWS usage is said incomplete.
    expect(gaps).toEqual(['30: other().send_message(…): a call on an object faaslint cannot identify, named like an AWS operation']);
    expect(calls).toEqual([
      '26 dynamodb:PutItem dynamodb:PutItem TableName=orders',
      '27 dynamodb:GetItem dynamodb:GetItem TableName=orders',
      '28 sqs:SendMessage sqs:SendMessage may:kms:GenerateDataKey QueueUrl=https://q',
      '29 sqs:SendMessage sqs:SendMessage may:kms:GenerateDataKey QueueUrl=https://q',
    ]);
  });

  it('follows resources, their sub-resources, sessions, getters, helpers and attributes of self', async () => {
    const { calls, gaps } = await sdk(
      [
        'import os',
        'import boto3',
        '',
        'session = boto3.session.Session()',
        'dynamodb = session.resource("dynamodb")',
        '_table = None',
        '',
        '',
        'def table():',
        '    global _table',
        '    if _table is None:',
        '        _table = dynamodb.Table(os.environ["TABLE"])',
        '    return _table',
        '',
        '',
        'class Store:',
        '    def __init__(self):',
        '        self.bucket = boto3.resource("s3").Bucket("media")',
        '',
        '    def save(self, key, path):',
        '        self.bucket.upload_file(path, key)',
        '        self.bucket.Object(key).get()',
        '',
        '',
        'def drain(queue):',
        '    for message in queue.receive_messages():',
        '        message.delete()',
        '',
        '',
        'def handler(event, context):',
        '    table().put_item(Item={"id": "1"})',
        '    with table().batch_writer() as batch:',
        '        batch.put_item(Item={"id": "2"})',
        '    Store().save("k", "/var/task/x")',
        '    drain(boto3.resource("sqs").Queue(os.environ["QUEUE_URL"]))',
        '    for obj in boto3.resource("s3").Bucket("media").objects.filter(Prefix="a/"):',
        '        pass',
      ].join('\n') + '\n',
    );
    expect(calls).toEqual([
      '31 dynamodb:PutItem dynamodb:PutItem TableName=$TABLE',
      '32 dynamodb:BatchWriteItem dynamodb:BatchWriteItem TableName=$TABLE',
      '33 dynamodb:BatchWriteItem dynamodb:BatchWriteItem TableName=$TABLE',
      '36 s3:ListObjects s3:ListBucket Bucket=media',
      '21 s3:Upload s3:PutObject may:s3:AbortMultipartUpload+kms:GenerateDataKey Bucket=media',
      '22 s3:GetObject s3:GetObject may:s3:ListBucket Bucket=media',
      '26 sqs:ReceiveMessage sqs:ReceiveMessage QueueUrl=$QUEUE_URL',
    ]);
    expect(gaps).toEqual([]);
  });

  it('reads paginators, presigned URLs and S3 transfers as the operations they call', async () => {
    const { calls, gaps } = await sdk(
      'import boto3\n\ns3 = boto3.client("s3")\nddb = boto3.client("dynamodb")\n\n\ndef handler(event, context):\n    for page in ddb.get_paginator("scan").paginate(TableName="orders"):\n        pass\n    url = s3.generate_presigned_url("get_object", Params={"Bucket": "media", "Key": "k"})\n    s3.download_file("media", "k", "/tmp/k")\n    s3.generate_presigned_post("uploads", "k")\n    return url\n',
    );
    expect(gaps).toEqual([]);
    expect(calls).toEqual([
      '8 dynamodb:Scan dynamodb:Scan TableName=orders',
      '10 s3:GetObject s3:GetObject may:s3:ListBucket Bucket=media',
      '11 s3:GetObject s3:GetObject may:s3:ListBucket Bucket=media',
      '12 s3:CreatePresignedPost s3:PutObject Bucket=uploads',
    ]);
  });

  it('knows the item kinds of a transaction and the verb of a PartiQL statement', async () => {
    const { calls } = await sdk(
      'import boto3\n\nddb = boto3.client("dynamodb")\n\n\ndef handler(event, context):\n    ddb.transact_write_items(TransactItems=[{"Update": {"TableName": "stock", "Key": {}}}, {"Put": {"TableName": "orders", "Item": {}}}])\n    ddb.execute_statement(Statement="SELECT * FROM orders")\n',
    );
    expect(calls).toEqual([
      '7 dynamodb:TransactWriteItems dynamodb:UpdateItem TableName=stock',
      '7 dynamodb:TransactWriteItems dynamodb:PutItem TableName=orders',
      '8 dynamodb:ExecuteStatement dynamodb:PartiQLSelect',
    ]);
  });

  it('marks calls with credentials of their own, which do not use the role', async () => {
    const { calls } = await sdk(
      'import boto3\n\n\ndef handler(event, context):\n    creds = boto3.client("sts").assume_role(RoleArn="arn:aws:iam::123456789012:role/x", RoleSessionName="s")["Credentials"]\n    other = boto3.Session(aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])\n    other.client("s3").list_buckets()\n',
    );
    expect(calls).toEqual(['5 sts:AssumeRole sts:AssumeRole', '7 s3:ListBuckets s3:ListAllMyBuckets own']);
  });

  it('reads Powertools parameters, providers and idempotency as their AWS calls', async () => {
    const { calls, gaps } = await sdk(
      'from aws_lambda_powertools import Logger\nfrom aws_lambda_powertools.utilities import parameters\nfrom aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer, idempotent\n\nlogger = Logger()\npersistence = DynamoDBPersistenceLayer(table_name="idempotency")\nssm = parameters.SSMProvider()\n\n\n@idempotent(persistence_store=persistence)\ndef handler(event, context):\n    logger.info("x")\n    parameters.get_secret("db")\n    ssm.get("/app/flag")\n',
    );
    expect(gaps).toEqual([]);
    expect(calls).toEqual([
      '13 secretsmanager:GetSecretValue secretsmanager:GetSecretValue SecretId=db',
      '14 ssm:GetParameter ssm:GetParameter Name=/app/flag',
      '6 dynamodb:GetItem dynamodb:GetItem TableName=idempotency',
      '6 dynamodb:PutItem dynamodb:PutItem TableName=idempotency',
      '6 dynamodb:UpdateItem dynamodb:UpdateItem TableName=idempotency',
      '6 dynamodb:DeleteItem dynamodb:DeleteItem TableName=idempotency',
    ]);
  });

  it.each([
    ['a service named at run time', 'import boto3\n\n\ndef handler(event, context):\n    boto3.client(event["service"]).list_tags()\n', /5: boto3\.client\(event\["service"\]\) creates a client for a service named at run time/],
    ['an operation chosen at run time', 'import boto3\n\nsqs = boto3.client("sqs")\n\n\ndef handler(event, context):\n    getattr(sqs, event["op"])()\n', /7: getattr\(sqs, event\["op"\]\) calls an operation chosen at run time/],
    ['a client handed to a library', 'import boto3\nimport somelib\n\ns3 = boto3.client("s3")\n\n\ndef handler(event, context):\n    somelib.sync(s3)\n', /8: somelib\.sync\(…\) is given an AWS client/],
    ['a waiter', 'import boto3\n\ns3 = boto3.client("s3")\n\n\ndef handler(event, context):\n    s3.get_waiter("bucket_exists").wait(Bucket="b")\n', /7: s3\.get_waiter\(…\): a waiter/],
    ['a library that calls AWS itself', 'import awswrangler as wr\n\n\ndef handler(event, context):\n    return wr.s3.read_csv("s3://b/k.csv")\n', /5: wr\.s3\.read_csv\(\) from awswrangler/],
    ['an object named like a client that cannot be identified', 'import boto3\n\n\ndef handler(event, context, table=None):\n    return table.put_item(Item={})\n', /5: table\.put_item\(…\): a call on an object faaslint cannot identify/],
    ['a method that is no operation of the service', 'import boto3\n\ns3 = boto3.client("s3")\n\n\ndef handler(event, context):\n    s3.put_item(Item={})\n', /7: s3\.put_item: not a known S3 operation/],
    ['a Powertools utility faaslint does not map', 'from aws_lambda_powertools.utilities.feature_flags import FeatureFlags\n\n\ndef handler(event, context):\n    FeatureFlags(store=None)\n', /5: FeatureFlags from aws_lambda_powertools\.utilities\.feature_flags/],
  ])('%s makes the handler incomplete', async (_name, source, gap) => {
    const { gaps } = await sdk(source);
    expect(gaps.join('\n')).toMatch(gap);
  });

  it('follows a package that imports its own submodules, and `from x import *` of local modules', async () => {
    const { calls, gaps } = await sdk('from api import handler\n', {
      'api/__init__.py': 'from api import store\nfrom .helpers import *\n\n\ndef handler(event, context):\n    store.load(event["key"])\n    archive(event["key"])\n',
      'api/store.py': 'import boto3\n\n\ndef load(key):\n    return boto3.client("s3").get_object(Bucket="data", Key=key)\n',
      'api/helpers.py': 'from .impl import *\n',
      'api/impl.py': 'import boto3\n\n\ndef archive(key):\n    boto3.client("s3").put_object(Bucket="archive", Key=key, Body=b"")\n',
    });
    expect(gaps).toEqual([]);
    expect(calls).toEqual(['5 s3:GetObject s3:GetObject may:s3:ListBucket Bucket=data', '5 s3:PutObject s3:PutObject may:kms:GenerateDataKey Bucket=archive']);
  });

  it('counts the calls of functions the handler stores to call them later (a dispatch table)', async () => {
    const { calls, gaps } = await sdk(
      'import boto3\n\nsqs = boto3.client("sqs")\n\n\ndef create(props):\n    sqs.purge_queue(QueueUrl=props["Queue"])\n\n\ndef delete(props):\n    return None\n\n\ndef handler(event, context):\n    action = {"Create": create, "Delete": delete}.get(event["RequestType"], lambda p: None)\n    return action(event["ResourceProperties"])\n',
    );
    expect(gaps).toEqual([]);
    expect(calls).toEqual(['7 sqs:PurgeQueue sqs:PurgeQueue QueueUrl=?']);
  });

  it('makes the handler incomplete when it calls local code faaslint cannot find', async () => {
    const { gaps } = await sdk('import tools\nfrom tools import save\n\n\ndef handler(event, context):\n    save(event)\n    tools.publish(event)\n', {
      'tools/__init__.py': 'import importlib\n\nglobals().update(vars(importlib.import_module("tools.impl")))\n',
      'tools/impl.py': 'import boto3\n\n\ndef save(e):\n    boto3.client("s3").put_object(Bucket="b", Key="k", Body=b"")\n',
    });
    expect(gaps).toEqual(['6: save(…): local code faaslint cannot find, which may call AWS', '7: tools.publish(…): local code faaslint cannot find, which may call AWS']);
  });

  it('counts calls made while the module loads, and nothing from libraries that make no AWS call', async () => {
    const { calls, gaps } = await sdk(
      'import json\nimport logging\n\nimport boto3\nimport requests\n\nCONFIG = json.loads(boto3.client("ssm").get_parameter(Name="/app/config")["Parameter"]["Value"])\nlog = logging.getLogger()\n\n\ndef handler(event, context):\n    log.info("start")\n    return requests.get(CONFIG["url"]).json()\n',
    );
    expect(gaps).toEqual([]);
    expect(calls).toEqual(['7 ssm:GetParameter ssm:GetParameter Name=/app/config']);
  });
});
