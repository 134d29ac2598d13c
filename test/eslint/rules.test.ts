import { RuleTester } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { afterAll, describe, it } from 'vitest';
import plugin from '../../src/eslint/plugin.js';

// ESLint's own RuleTester, run by vitest.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
void afterAll;

const tester = new RuleTester();
const ts = { parser: tsParser };
const lines = (...l: string[]) => l.join('\n');

/** The four shapes a handler file comes in: JS and TS, ES module and CommonJS. */
const esm = (code: string) => ({ code, filename: 'handler.mjs' });
const cjs = (code: string) => ({ code, filename: 'handler.cjs' });
const tsEsm = (code: string) => ({ code, filename: 'handler.ts', languageOptions: ts });
const tsCjs = (code: string) => ({ code, filename: 'handler.cts', languageOptions: { ...ts, sourceType: 'commonjs' as const } });

tester.run('handler-no-module-state', plugin.rules['handler-no-module-state']!, {
  valid: [
    esm(lines('let client;', 'export const handler = async () => {', '  client ??= createClient();', '  return client.get();', '};')),
    cjs(lines('let cold = true;', 'exports.handler = async () => {', '  if (cold) { cold = false; }', '  return 1;', '};')),
    tsEsm(lines('const counts = new Map<string, number>();', 'export function report(): number {', '  return counts.size;', '}')),
    tsCjs(lines('let total: number = 0;', 'exports.handler = async (): Promise<number> => {', '  const local = total + 1;', '  return local;', '};')),
    // A module-scope write the handler never reaches.
    esm(lines('let n = 0;', 'function reset() { n = 0; }', 'export const handler = async () => n;')),
  ],
  invalid: [
    {
      ...esm(lines('let count = 0;', 'export const handler = async () => {', '  count += 1;', '  return { count };', '};')),
      errors: [{ messageId: 'state', data: { variable: 'count', declaredLine: '1' }, line: 3, column: 3, endLine: 3, endColumn: 14 }],
    },
    {
      ...cjs(lines("'use strict';", 'const seen = [];', 'exports.handler = async () => {', '  seen.push(Date.now());', '  return seen.length;', '};')),
      errors: [{ messageId: 'state', line: 4, column: 3 }],
    },
    {
      ...tsEsm(lines('const cache: Map<string, number> = new Map();', 'export async function handler(): Promise<number> {', "  cache.set('last', Date.now());", '  return cache.size;', '}')),
      errors: [{ messageId: 'state', line: 3, column: 3 }],
    },
    {
      ...tsCjs(lines('let calls: number = 0;', 'const run = (): number => ++calls;', 'module.exports = { handler: async (): Promise<number> => run() };')),
      errors: [{ messageId: 'state', line: 2, column: 27 }],
    },
  ],
});

tester.run('handler-no-request-data-in-module-scope', plugin.rules['handler-no-request-data-in-module-scope']!, {
  valid: [
    esm(lines('export const handler = async (event) => {', '  const user = event.requestContext.authorizer.claims.sub;', '  return { user };', '};')),
    cjs(lines('let table;', 'exports.handler = async (event) => {', '  table ??= event.stageVariables.table;', '  return table;', '};')),
    tsEsm(lines('const cache = new Map<string, string>();', 'export const handler = async (event: { id: string }) => {', '  if (!cache.has("config")) cache.set("config", "loaded");', '  return event.id;', '};')),
    tsCjs(lines('let requests: number = 0;', 'exports.handler = async (event: { body: string }): Promise<string> => event.body;')),
  ],
  invalid: [
    {
      ...esm(lines('let lastUser;', 'export const handler = async (event) => {', '  lastUser = event.requestContext.authorizer.claims.sub;', '  return { statusCode: 200 };', '};')),
      errors: [{ messageId: 'stored', data: { variable: 'lastUser', declaredLine: '1' }, line: 3, column: 3, endLine: 3, endColumn: 57 }],
    },
    {
      ...cjs(lines('const recent = [];', 'exports.handler = async (event) => {', '  recent.push(JSON.parse(event.body));', '  return recent.length;', '};')),
      errors: [{ messageId: 'stored', line: 3, column: 3 }],
    },
    {
      ...tsEsm(lines('const byTenant = new Map<string, string>();', 'export const handler = async (event: { tenant: string; body: string }) => {', '  byTenant.set(event.tenant, event.body);', '};')),
      errors: [{ messageId: 'stored', line: 3, column: 3 }],
    },
    {
      ...tsCjs(lines('let last: string | undefined;', 'exports.handler = async (event: { body: string }): Promise<void> => {', '  const { body } = event;', '  last = body;', '};')),
      errors: [{ messageId: 'stored', line: 4, column: 3 }],
    },
  ],
});

tester.run('handler-no-tmp-persistence', plugin.rules['handler-no-tmp-persistence']!, {
  valid: [
    esm(lines("import fs from 'node:fs';", 'export const handler = async () => {', "  try { fs.writeFileSync('/tmp/r.csv', 'a'); } finally { fs.unlinkSync('/tmp/r.csv'); }", '};')),
    cjs(lines("const fs = require('node:fs');", 'exports.handler = async () => {', "  fs.writeFileSync('./out.csv', 'a');", '};')),
    tsEsm(lines("import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';", 'export const handler = async (): Promise<void> => {', "  const dir = mkdtempSync('/tmp/job-');", "  writeFileSync(`${dir}/x`, 'a');", '  rmSync(dir, { recursive: true });', '};')),
    tsCjs(lines("const fs = require('node:fs');", "exports.read = (): string => fs.readFileSync('/tmp/x', 'utf8');")),
  ],
  invalid: [
    {
      ...esm(lines("import fs from 'node:fs';", 'export const handler = async () => {', "  fs.writeFileSync('/tmp/report.csv', 'a,b');", "  return 'ok';", '};')),
      errors: [{ messageId: 'kept', data: { path: "'/tmp/report.csv'" }, line: 3, column: 3, endLine: 3, endColumn: 46 }],
    },
    {
      ...cjs(lines("const fs = require('node:fs');", 'exports.handler = async (event) => {', "  fs.writeFileSync('/tmp/' + event.name, event.body);", '};')),
      errors: [{ messageId: 'fromEvent', line: 3, column: 3 }],
    },
    {
      ...tsEsm(lines("import os from 'node:os';", "import path from 'node:path';", "import { writeFile } from 'node:fs/promises';", 'export const handler = async (data: string): Promise<void> => {', "  await writeFile(path.join(os.tmpdir(), 'cache.json'), data);", '};')),
      errors: [{ messageId: 'kept', line: 5, column: 3 }],
    },
    {
      ...tsCjs(lines("const fs = require('node:fs');", 'exports.handler = async (event: { key: string }): Promise<void> => {', '  fs.appendFileSync(`/tmp/${event.key}.log`, "seen");', '};')),
      errors: [{ messageId: 'fromEvent', line: 3, column: 3 }],
    },
  ],
});

tester.run('handler-no-background-work', plugin.rules['handler-no-background-work']!, {
  valid: [
    esm(lines('export const handler = async () => {', '  await new Promise((resolve) => setTimeout(resolve, 100));', '  return 1;', '};')),
    cjs(lines("const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');", 'const sqs = new SQSClient({});', 'exports.handler = async (event) => {', '  await sqs.send(new SendMessageCommand({ QueueUrl: "q", MessageBody: event.body }));', '};')),
    tsEsm(lines('export const handler = async (): Promise<Response> => {', "  return fetch('https://example.com');", '};')),
    tsCjs(lines('exports.handler = async (): Promise<number> => {', '  const results = await Promise.all([1, 2].map(async (n) => n * 2));', '  return results.length;', '};')),
  ],
  invalid: [
    {
      ...esm(lines('setInterval(() => refresh(), 60000);', 'export const handler = async () => {', '  setTimeout(() => flush(), 1000);', "  return 'ok';", '};')),
      errors: [
        { messageId: 'moduleTimer', line: 1, column: 1 },
        { messageId: 'handlerTimer', data: { detail: 'setTimeout(() => flush(), 1000)' }, line: 3, column: 3, endLine: 3, endColumn: 35 },
      ],
    },
    {
      ...cjs(lines('exports.handler = (event, context, callback) => {', '  context.callbackWaitsForEmptyEventLoop = false;', "  callback(null, 'ok');", '};')),
      errors: [{ messageId: 'callbackWaits', line: 2, column: 3 }],
    },
    {
      ...tsEsm(
        lines(
          "import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';",
          'const sns = new SNSClient({});',
          'export const handler = async (event: { id: string }): Promise<string> => {',
          "  sns.send(new PublishCommand({ TopicArn: 'arn', Message: event.id }));",
          "  return 'queued';",
          '};',
        ),
      ),
      errors: [{ messageId: 'floating', line: 4, column: 3 }],
    },
    {
      ...tsCjs(lines('exports.handler = async (event: { url: string }): Promise<number> => {', '  fetch(event.url).then((r) => r.status);', '  return 202;', '};')),
      errors: [{ messageId: 'floating', line: 2, column: 3 }],
    },
  ],
});

tester.run('handler-no-hardcoded-secret', plugin.rules['handler-no-hardcoded-secret']!, {
  valid: [
    esm(lines("const TABLE_NAME = 'orders';", 'export const handler = async () => TABLE_NAME;')),
    cjs(lines("const API_KEY_PARAM = '/prod/api-key';", 'exports.handler = async () => API_KEY_PARAM;')),
    tsEsm(lines('const password: string = process.env.DB_PASSWORD ?? "";', 'export const handler = async (): Promise<number> => password.length;')),
    tsCjs(lines("const token: string = '<your-token>';", 'exports.handler = async (): Promise<string> => token;')),
  ],
  invalid: [
    {
      ...esm(lines("const AWS_KEY = 'AKIA2E0A8F3B244C9986';", 'export const handler = async () => AWS_KEY;')),
      errors: [{ messageId: 'shaped', data: { kind: 'an AWS access key id', name: ' ("AWS_KEY")' }, line: 1, column: 1, endLine: 1, endColumn: 40 }],
    },
    {
      ...cjs(lines("'use strict';", "const dbPassword = 'hunter2hunter2';", 'exports.handler = async () => dbPassword.length;')),
      errors: [{ messageId: 'named', data: { nameOnly: '"dbPassword"' }, line: 2, column: 1 }],
    },
    {
      ...tsEsm(lines("const STRIPE: string = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';", 'export const handler = async (): Promise<number> => STRIPE.length;')),
      errors: [{ messageId: 'shaped', line: 1, column: 1 }],
    },
    {
      ...tsCjs(lines('const config = {', "  clientSecret: 'c7f0a1d2e3b4c5d6',", '};', 'exports.handler = async (): Promise<number> => config.clientSecret.length;')),
      errors: [{ messageId: 'named', line: 2, column: 3 }],
    },
    {
      // Each credential of a `credentials` object is a finding of its own, where it stands.
      ...cjs(
        lines(
          "const { S3Client } = require('@aws-sdk/client-s3');",
          'const s3 = new S3Client({',
          '  credentials: {',
          "    accessKeyId: 'AKIAZ7Q2N4W8R6T3Y5U1',",
          "    secretAccessKey: 'q3Rt8Vw2Xy6Za1Bc5De9Fg4Hi7Jk0Lm3No6Pq8Rs',",
          '  },',
          '});',
          'exports.handler = async () => s3;',
        ),
      ),
      errors: [
        { messageId: 'shaped', line: 4, column: 5 },
        { messageId: 'named', line: 5, column: 5 },
      ],
    },
  ],
});
