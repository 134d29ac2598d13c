// How many worker threads pay off: the CLI on a generated monorepo of N services (a serverless.yml
// and three handlers each, in a real git repository) and on ../shared/corpus, with --threads 1, 2
// and the default, interleaved so drift in the machine's speed hits every setting alike.
// `node bench/threads.mjs [services]` (after `npm run build`). Prints medians of BENCH_RUNS runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'faaslint.js');
const SERVICES = Number(process.argv[2] ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function service(i) {
  return `service: svc-${i}
provider:
  name: aws
  runtime: nodejs22.x
  environment:
    TABLE_NAME: \${self:service}-items
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/svc-${i}-items
        - Effect: Allow
          Action: sqs:SendMessage
          Resource: arn:aws:sqs:us-east-1:123456789012:svc-${i}-queue
functions:
  create:
    handler: src/create.handler
    events:
      - httpApi: 'POST /items'
  get:
    handler: src/get.handler
    events:
      - httpApi: 'GET /items/{id}'
  worker:
    handler: src/worker.handler
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:svc-${i}-queue
`;
}

const HANDLERS = {
  'create.mjs': `import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const db = new DynamoDBClient({});
const sqs = new SQSClient({});
export const handler = async (event) => {
  const body = JSON.parse(event.body ?? '{}');
  await db.send(new PutItemCommand({ TableName: process.env.TABLE_NAME, Item: { pk: { S: body.id } } }));
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: body.id }));
  return { statusCode: 201, body: JSON.stringify(body) };
};
`,
  'get.mjs': `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async (event) => {
  const r = await db.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: event.pathParameters.id } } }));
  return r.Item ? { statusCode: 200, body: JSON.stringify(r.Item) } : { statusCode: 404 };
};
`,
  'worker.mjs': `import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async (event) => {
  for (const record of event.Records) {
    await db.send(new QueryCommand({ TableName: process.env.TABLE_NAME, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: record.body } } }));
  }
};
`,
};

const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-threads-'));
for (let i = 0; i < SERVICES; i++) {
  const dir = path.join(repo, `svc-${i}`);
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'serverless.yml'), service(i));
  for (const [name, text] of Object.entries(HANDLERS)) fs.writeFileSync(path.join(dir, 'src', name), text);
}
spawnSync('git', ['init', '-q'], { cwd: repo });
spawnSync('git', ['add', '-A'], { cwd: repo });

function timed(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args, '-f', 'json', '--allow-empty'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`faaslint ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const corpus = path.resolve(here, '..', '..', 'shared', 'corpus');
const targets = [[`${SERVICES}-service monorepo`, repo], ...(fs.existsSync(corpus) ? [['shared corpus', corpus]] : [])];
const settings = [['--threads 1', ['--threads', '1']], ['--threads 2', ['--threads', '2']], ['default', []]];
const lines = [`machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism?.() ?? os.cpus().length}, Node ${process.version}; median of ${RUNS}`];
for (const [name, target] of targets) {
  const times = Object.fromEntries(settings.map(([label]) => [label, []]));
  for (let i = 0; i < RUNS; i++) for (const [label, args] of settings) times[label].push(timed([target, ...args]));
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  lines.push(`${name}: ${settings.map(([label]) => `${label} ${median(times[label]).toFixed(0)} ms`).join(', ')}`);
}
fs.rmSync(repo, { recursive: true, force: true });
console.log(lines.join('\n'));
