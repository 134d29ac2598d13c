import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerlessCode } from '../../src/load/serverless/code.js';
import type { Node } from '../../src/load/tree.js';
import { lint } from '../../src/run.js';
import { at, loadModel, repoRoot, tempProject } from '../helpers.js';

const TS = 'fixtures/load/serverless-ts';
const JS = 'fixtures/load/serverless-js';

async function modelOf(dir: string) {
  // Fixtures of this checkout are read with the checkout as the repository, .git or not.
  const root = path.resolve(dir).startsWith(`${repoRoot}${path.sep}`) ? { root: repoRoot } : {};
  const result = await lint({ paths: [dir], ...root, rules: [], config: false });
  return { project: result.project!, notes: result.notes };
}

describe('serverless.ts read statically (official aws-nodejs-typescript shape)', () => {
  it('evaluates literals, consts, spreads, JSON imports and process.env defaults at the lines they are written', async () => {
    const p = await loadModel(TS);
    expect(p.inputs.map((i) => i.file)).toEqual([`${TS}/serverless.ts`]);
    const addNote = p.functions.find((f) => f.name === 'addNote')!;
    expect(addNote.runtime!.values.map((v) => [v.value, v.loc.file, at(v.loc)])).toEqual([['nodejs16.x', `${TS}/serverless.ts`, '16:14']]);
    const env = Object.fromEntries(addNote.environment.map((e) => [e.name, e]));
    // `process.env.STAGE ?? 'dev'` takes the default, as `${env:STAGE, 'dev'}` does without --allow-env.
    expect(env.TABLE_NAME!.values).toMatchObject([{ value: 'notes-dev' }]);
    // Spread from another module: located where it is written there.
    expect(env.NODE_OPTIONS!.keyLoc).toMatchObject({ file: `${TS}/config/environment.ts`, line: 3 });
    const role = p.roles.find((r) => r.kind === 'serverless-provider')!;
    expect(role.statements[0]!.resources!.entries.map((e) => e.value)).toEqual(['arn:aws:dynamodb:eu-west-1:*:table/notes-dev']);
    expect(role.statements[1]!.actions!.entries.map((e) => [e.value, at(e.loc)])).toEqual([['sqs:*', '33:21']]);
  });

  it('follows tsconfig path aliases and re-exports to the functions files, with handlerPath(__dirname) made relative to the service', async () => {
    const p = await loadModel(TS);
    const addNote = p.functions.find((f) => f.name === 'addNote')!;
    expect(addNote.handler).toMatchObject({ handler: 'src/functions/addNote/handler.main', codeDir: TS });
    expect(addNote.handler!.loc).toMatchObject({ file: `${TS}/src/functions/addNote/index.ts`, line: 5 });
    const endpoint = p.endpoints.find((e) => e.targetFn === addNote.id)!;
    expect([endpoint.method, endpoint.path, endpoint.auth.type, endpoint.location.file, at(endpoint.location)]).toEqual([
      'POST',
      '/notes',
      'none',
      `${TS}/src/functions/addNote/index.ts`,
      '8:7',
    ]);
    const list = p.endpoints.find((e) => e.targetFn?.endsWith('#listNotes'))!;
    expect(list.auth.type).toBe('iam');
    // The handler behind it is analysed like any other.
    expect(p.handlers.map((h) => h.file)).toContain(`${TS}/src/functions/addNote/handler.ts`);
  });

  it('leaves what only running code could tell unknown, with a debug note', async () => {
    const { project, notes } = await modelOf(path.resolve(TS));
    const report = project.functions.find((f) => f.name === 'report')!;
    expect(report.events).toEqual([]);
    expect(notes.some((n) => n.includes('serverless.ts:45:15') && n.includes('scheduleFor(stage)'))).toBe(true);
  });
});

describe('serverless.js with module.exports', () => {
  it('reads require()d local modules and leaves calls into packages unknown', async () => {
    const { project, notes } = await modelOf(path.resolve(JS));
    const upload = project.functions.find((f) => f.name === 'upload')!;
    expect(upload.environment.find((e) => e.name === 'BUCKET')!.values).toMatchObject([{ value: 'uploads-dev' }]);
    expect(upload.environment.find((e) => e.name === 'BUILD')!.values).toMatchObject([{ value: undefined }]);
    expect(project.endpoints.map((e) => [e.method, e.path, e.location.file, e.location.line])).toEqual([['PUT', '/uploads/{name}', `${JS}/lib/functions.js`, 4]]);
    expect(notes.some((n) => n.includes('readFileSync'))).toBe(true);
  });
});

describe('serverless.ts: hostile and partial input', () => {
  it('never reads imports outside the repository', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-outside-'));
    fs.writeFileSync(path.join(outside, 'fns.ts'), "export default { f: { handler: 'h.f', events: [{ http: 'GET /x' }] } };\n");
    const dir = tempProject({ 'serverless.ts': `import fns from '../${path.basename(outside)}/fns';\nexport default { service: 's', provider: { name: 'aws' }, functions: fns };\n` });
    const result = await lint({ paths: [dir], config: false });
    expect(result.project!.functions).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId}:${f.location.line}`)).toEqual(['faaslint/not-analysed:2']);
    expect(result.notAnalysed.map((n) => `${n.file}:${n.line} ${n.kind}`)).toEqual(['serverless.ts:2 serverless.ts']);
  });

  it('a function computed by code is listed as not analysed, the others are analysed', async () => {
    const dir = tempProject({
      'serverless.ts': [
        "import { build } from './build';",
        "export default { service: 's', provider: { name: 'aws' }, functions: { made: build('x'), plain: { handler: 'h.f', events: [{ http: 'GET /p' }] } } };",
        '',
      ].join('\n'),
      'build.ts': 'export const build = (name: string) => ({ handler: `${name}.f` });\n',
      'h.ts': 'export const f = async () => ({ statusCode: 200 });\n',
    });
    const result = await lint({ paths: [dir], config: false });
    expect(result.project!.functions.map((f) => f.name)).toEqual(['plain']);
    expect(result.notAnalysed.map((n) => `${n.function} ${n.file}:${n.line}`)).toEqual(['made serverless.ts:2']);
    expect(result.findings.map((f) => `${f.ruleId}:${f.location.line}`)).toEqual(['faaslint/not-analysed:2', 'gateway-require-authorizer:2']);
  });

  it('an unknown spread keeps the written keys and makes what it may set unknown, not absent', async () => {
    const dir = tempProject({
      'serverless.ts': [
        "import { defaults } from '@acme/sls-defaults';",
        'export default {',
        "  service: 's',",
        "  provider: { ...defaults.provider, name: 'aws', runtime: 'nodejs22.x' },",
        '  functions: {',
        "    f: { handler: 'h.f', events: [{ http: { ...defaults.auth, method: 'get', path: 'x' } }] },",
        '  },',
        '};',
        '',
      ].join('\n'),
    });
    const { project } = await modelOf(dir);
    expect(project.functions[0]!.runtime!.values[0]!.value).toBe('nodejs22.x');
    expect(project.endpoints[0]!.auth.type).toBe('unknown');
    // The provider role may get statements from the spread: its grants are unknown.
    expect(project.roles[0]!.statements.map((s) => s.effect)).toEqual([undefined]);
  });

  it('a binding changed by code is unknown, a cycle is unknown, and a syntax error is located', async () => {
    const dir = tempProject({
      'serverless.ts': [
        "const provider = { name: 'aws', runtime: 'nodejs16.x' };",
        "provider.runtime = 'nodejs22.x';",
        'const a: any = { b: a };',
        "export default { service: 's', provider, custom: a };",
        '',
      ].join('\n'),
      'sub/serverless.ts': 'export default { service: ,\n',
    });
    const result = await lint({ paths: [dir], config: false });
    expect(result.project!.functions).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`)).toEqual(['faaslint/parse-error sub/serverless.ts:1']);
    expect(result.notes.some((n) => n.includes('provider is changed by code (line 2)'))).toBe(true);
  });
});

describe('serverless.ts expressions', () => {
  const evaluate = (files: Record<string, string>, env?: Record<string, string>) => {
    const dir = tempProject(files);
    return readServerlessCode(path.join(dir, 'serverless.ts'), { root: dir, maxFileSize: 1_000_000, ...(env ? { env } : {}) });
  };
  const plain = (node: Node | undefined): unknown => {
    if (node === undefined) return undefined;
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'seq') return node.items.map(plain);
    if (node.kind === 'map') return Object.fromEntries(node.entries.map((p) => [p.key, plain(p.value)]));
    return `<${node.kind}: ${node.kind === 'unresolved' ? node.text : ''}>`;
  };

  it('reads the forms configs use, and leaves the rest unknown', () => {
    const code = evaluate({
      'serverless.ts': [
        "import * as fns from './fns';",
        "import settings from './settings.json';",
        "const { STAGE = 'prod', REGION } = process.env;",
        "const base = { memorySize: 512, tags: ['a'] };",
        'export default {',
        '  stage: STAGE,',
        '  region: REGION,',
        "  provider: Object.assign({}, base, { runtime: 'nodejs22.x' }),",
        '  functions: { ...fns },',
        "  size: settings.big ? 'L' : 'S',",
        "  label: 'v' + 2,",
        "  first: base.tags[0],",
        '  missing: base.nothing,',
        "  list: [...base.tags, ...unknownList()],",
        '};',
        '',
      ].join('\n'),
      'fns.ts': "export const a = { handler: 'a.h' };\nexport const b = { handler: 'b.h' };\n",
      'settings.json': '{ "big": true }\n',
    });
    expect(code.diagnostics).toEqual([]);
    expect(plain(code.root)).toEqual({
      stage: 'prod',
      region: '<unresolved: process.env.REGION>',
      provider: { memorySize: 512, tags: ['a'], runtime: 'nodejs22.x' },
      functions: { a: { handler: 'a.h' }, b: { handler: 'b.h' } },
      size: 'L',
      label: 'v2',
      first: 'a',
      list: ['a', '<unresolved: unknownList()>'],
    });
    expect(code.files.map((f) => path.basename(f)).sort()).toEqual(['fns.ts', 'settings.json']);
  });

  it('takes process.env values only when --allow-env passes the environment', () => {
    const files = { 'serverless.ts': "export default { stage: process.env.STAGE ?? 'dev' };\n" };
    expect(plain(evaluate(files).root)).toEqual({ stage: 'dev' });
    expect(plain(evaluate(files, { STAGE: 'prod' }).root)).toEqual({ stage: 'prod' });
  });

  it('never follows an import into a package', () => {
    const code = evaluate({ 'serverless.ts': "import base from '@acme/base';\nexport default { provider: base };\n", 'node_modules/@acme/base/index.js': 'module.exports = { name: "aws" };\n' });
    expect(plain(code.root)).toEqual({ provider: '<unresolved: base>' });
    expect(code.files).toEqual([]);
  });
});
