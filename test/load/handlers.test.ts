import { describe, expect, it } from 'vitest';
import { lint } from '../../src/run.js';
import { tempProject } from '../helpers.js';


const STATEFUL = 'let n = 0;\n';
const BODY = '{ n++; return n; }';

async function handlers(files: Record<string, string>) {
  const dir = tempProject(files);
  const result = await lint({ paths: [dir], rules: [] });
  return {
    found: result.project!.handlers.map((h) => [h.file, h.exportName, h.complete, h.moduleStateWrites.length]),
    notes: result.notes,
    notAnalysed: result.notAnalysed.map((n) => `${n.file}:${n.line} ${n.function} [${n.kind}] ${n.reason}`),
    parses: result.handlerParses,
  };
}

const sls = (handler: string, runtime = 'nodejs22.x') => `service: s\nprovider:\n  name: aws\n  runtime: ${runtime}\nfunctions:\n  f:\n    handler: ${handler}\n`;

describe('handler resolution', () => {
  it.each([
    ['export const (TS)', 'src/handlers/users.ts', `${STATEFUL}export const create = async () => ${BODY};\n`],
    ['export async function (ESM)', 'src/handlers/users.mjs', `${STATEFUL}export async function create() ${BODY}\n`],
    ['exports.create (CommonJS)', 'src/handlers/users.js', `${STATEFUL}exports.create = async () => ${BODY};\n`],
    ['module.exports = {create}', 'src/handlers/users.cjs', `${STATEFUL}async function create() ${BODY}\nmodule.exports = { create };\n`],
    ['an index file', 'src/handlers/users/index.ts', `${STATEFUL}export const create = async () => ${BODY};\n`],
  ])('serverless.yml handler → %s', async (_name, file, source) => {
    const { found } = await handlers({ 'serverless.yml': sls('src/handlers/users.create'), [file]: source });
    expect(found).toEqual([[file, 'create', true, 1]]);
  });

  it('follows a re-export one hop away', async () => {
    const { found } = await handlers({
      'serverless.yml': sls('src/api.create'),
      'src/api.ts': "export { create } from './impl/create.js';\n",
      'src/impl/create.ts': `${STATEFUL}export const create = async () => ${BODY};\n`,
    });
    expect(found).toEqual([['src/api.ts', 'create', true, 1]]);
  });

  it('maps build output (dist/) back to sources', async () => {
    const { found } = await handlers({ 'serverless.yml': sls('dist/users.create'), 'src/users.ts': `${STATEFUL}export const create = async () => ${BODY};\n` });
    expect(found).toEqual([['src/users.ts', 'create', true, 1]]);
  });

  it('uses SAM CodeUri from Globals and Handler', async () => {
    const template = `Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: nodejs22.x\n    CodeUri: hello-world/\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.lambdaHandler\n`;
    const { found } = await handlers({ 'template.yaml': template, 'hello-world/app.mjs': `${STATEFUL}export const lambdaHandler = async () => ${BODY};\n` });
    expect(found).toEqual([['hello-world/app.mjs', 'lambdaHandler', true, 1]]);
  });

  it('uses SAM esbuild EntryPoints', async () => {
    const template = `Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      CodeUri: app/\n      Handler: main.handler\n    Metadata:\n      BuildMethod: esbuild\n      BuildProperties:\n        EntryPoints:\n          - src/main.ts\n`;
    const { found } = await handlers({ 'template.yaml': template, 'app/src/main.ts': `${STATEFUL}export const handler = async () => ${BODY};\n` });
    expect(found).toEqual([['app/src/main.ts', 'handler', true, 1]]);
  });

  it('uses a CloudFormation local Code path', async () => {
    const template = `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n      Code: ./lambda\n`;
    const { found } = await handlers({ 'template.yaml': template, 'lambda/index.js': `${STATEFUL}exports.handler = async () => ${BODY};\n` });
    expect(found).toEqual([['lambda/index.js', 'handler', true, 1]]);
  });

  it('lists (never reports) a missing source, a runtime without an analyser and a missing export as not analysed', async () => {
    const { found, notes, notAnalysed } = await handlers({
      'a/serverless.yml': sls('src/missing.handler'),
      'b/serverless.yml': sls('com.example.App::handleRequest', 'java21'),
      'c/serverless.yml': sls('src/x.nothere'),
      'c/src/x.js': 'exports.other = async () => 1;\n',
    });
    expect(found).toEqual([['c/src/x.js', 'nothere', false, 0]]);
    expect(notAnalysed).toEqual([
      'a/serverless.yml:6 f [handler not found] handler source for "src/missing.handler" not found under a',
      'b/serverless.yml:6 f [java21] runtime java21 has no handler analyser (JavaScript, TypeScript and Python have)',
      'c/serverless.yml:6 f [export not found] export "nothere" not found in c/src/x.js: only its literals are checked',
    ]);
    // --debug shows the same list.
    expect(notes.join('\n')).toMatch(/a\/serverless\.yml:6: function f: handler source for "src\/missing\.handler" not found/);
  });

  it('reports a handler that cannot be parsed as a diagnostic at its position', async () => {
    const dir = tempProject({ 'serverless.yml': sls('src/broken.handler'), 'src/broken.js': 'exports.handler = async () => {\n  return (;\n};\n' });
    const result = await lint({ paths: [dir], rules: [] });
    const d = result.findings.find((f) => f.ruleId === 'faaslint/parse-error')!;
    expect([d.location.file, d.location.line]).toEqual(['src/broken.js', 2]);
  });

  it('parses each source file once, however many functions share it', async () => {
    const functions = Array.from({ length: 200 }, (_, i) => `  f${i}:\n    handler: src/h${i % 20}.handler\n`).join('');
    const files: Record<string, string> = { 'serverless.yml': `service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n${functions}` };
    for (let i = 0; i < 20; i++) files[`src/h${i}.js`] = `const shared = require('./lib/shared');\nexports.handler = async () => shared.run();\n`;
    files['src/lib/shared.js'] = `${STATEFUL}exports.run = () => ${BODY};\n`;
    const { found, parses } = await handlers(files);
    expect(found).toHaveLength(20);
    expect(found.every((h) => h[3] === 1)).toBe(true);
    expect(parses).toBe(21);
  });
});
