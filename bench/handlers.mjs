// Handler analysis cost: parser load time (in a fresh process) and per-file analysis time
// over a generated project of realistic handlers. Part of `npm run bench`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../dist/src/run.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FILES = Number(process.env.BENCH_HANDLERS ?? 300);

function parserLoadMs() {
  const script = `const { createRequire } = require('node:module'); const r = createRequire(${JSON.stringify(path.join(here, '..', 'package.json'))});
const t = process.hrtime.bigint(); r('@typescript-eslint/typescript-estree'); r('@typescript-eslint/scope-manager');
console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
  const runs = [0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  return runs.sort((a, b) => a - b)[1];
}

function handlerSource(i) {
  return `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { validate } from './lib/validate.js';

let doc;
const client = () => (doc ??= DynamoDBDocumentClient.from(new DynamoDBClient({})));
const TABLE = process.env.TABLE_NAME;

export const handler = async (event) => {
  const body = JSON.parse(event.body ?? '{}');
  const errors = validate(body);
  if (errors.length > 0) return { statusCode: 400, body: JSON.stringify({ errors }) };
  const existing = await client().send(new GetCommand({ TableName: TABLE, Key: { pk: body.id } }));
  if (existing.Item) return { statusCode: 409, body: 'exists' };
  const item = { pk: body.id, n: ${i}, createdAt: new Date().toISOString(), ...body };
  await client().send(new PutCommand({ TableName: TABLE, Item: item }));
  return { statusCode: 201, body: JSON.stringify(item) };
};
`;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-handlers-'));
fs.mkdirSync(path.join(dir, '.git'));
fs.mkdirSync(path.join(dir, 'src', 'lib'), { recursive: true });
const functions = [];
for (let i = 0; i < FILES; i++) {
  fs.writeFileSync(path.join(dir, 'src', `h${i}.mjs`), handlerSource(i));
  functions.push(`  f${i}:\n    handler: src/h${i}.handler\n`);
}
fs.writeFileSync(path.join(dir, 'src', 'lib', 'validate.mjs'), "export const validate = (b) => (b && b.id ? [] : ['id is required']);\n");
fs.writeFileSync(path.join(dir, 'serverless.yml'), `service: bench\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n${functions.join('')}`);

await lint({ paths: [dir] }); // warm-up (loads the parser)
const times = [];
let result;
for (let i = 0; i < 3; i++) {
  const t = process.hrtime.bigint();
  result = await lint({ paths: [dir] });
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
const total = times[1];
const load = parserLoadMs();
console.log(`handlers:       ${FILES} handler files + 1 shared module (${result.handlerParses} parses, once each)`);
console.log(`parser load:    ${load.toFixed(0)} ms (typescript-estree + scope-manager, cold, once per run)`);
console.log(`scan (warm):    ${total.toFixed(0)} ms median of 3, ${(total / result.handlerParses).toFixed(2)} ms per handler file (parse + analysis + config)`);
fs.rmSync(dir, { recursive: true, force: true });
