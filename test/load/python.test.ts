import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { lint } from '../../src/run.js';
import { tempProject } from '../helpers.js';

const HELPER = 'STATE = []\n\n\ndef save(item):\n    STATE.append(item)\n';
const CALLS_SAVE = (from: string) => `${from}\n\n\ndef handler(event, context):\n    save(1)\n    return {"ok": True}\n`;

const sls = (handler: string, extra = '', runtime = 'python3.12') =>
  `service: s\nprovider:\n  name: aws\n  runtime: ${runtime}\nfunctions:\n  f:\n    handler: ${handler}\n${extra}`;

async function analyse(files: Record<string, string | Buffer>) {
  const dir = tempProject(files);
  const result = await lint({ paths: [dir], rules: RULES });
  const project = result.project!;
  return {
    handlers: project.handlers.map((h) => ({ file: h.file, exportName: h.exportName, complete: h.complete, writes: h.moduleStateWrites.map((w) => `${w.loc.file}:${w.loc.line}`) })),
    findings: result.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column}`),
    messages: result.findings.map((f) => f.message),
    notAnalysed: result.notAnalysed.map((n) => `${n.function} [${n.kind}]`),
    parses: result.handlerParses,
  };
}

describe('Python handler resolution', () => {
  it.each([
    ['a serverless path handler', { 'serverless.yml': sls('src/orders/app.handler'), 'src/orders/app.py': CALLS_SAVE('from lib.store import save'), 'src/orders/lib/store.py': HELPER }, 'src/orders/app.py', 'src/orders/lib/store.py:5'],
    ['a dotted module path', { 'serverless.yml': sls('orders.app.handler'), 'orders/__init__.py': '', 'orders/app.py': CALLS_SAVE('from orders.store import save'), 'orders/store.py': HELPER }, 'orders/app.py', 'orders/store.py:5'],
    ['a package __init__.py', { 'serverless.yml': sls('orders.handler'), 'orders/__init__.py': CALLS_SAVE('from .store import save'), 'orders/store.py': HELPER }, 'orders/__init__.py', 'orders/store.py:5'],
    ['a function `module:` folder', { 'serverless.yml': sls('app.handler', '    module: orders\n'), 'orders/app.py': CALLS_SAVE('from store import save'), 'orders/store.py': HELPER }, 'orders/app.py', 'orders/store.py:5'],
    ['a src/ layout', { 'serverless.yml': sls('src/api/app.handler'), 'src/api/app.py': CALLS_SAVE('from shared.store import save'), 'src/shared/__init__.py': '', 'src/shared/store.py': HELPER }, 'src/api/app.py', 'src/shared/store.py:5'],
    ['a relative import two levels up', { 'serverless.yml': sls('pkg.api.app.handler'), 'pkg/__init__.py': '', 'pkg/api/__init__.py': '', 'pkg/api/app.py': CALLS_SAVE('from ..store import save'), 'pkg/store.py': HELPER }, 'pkg/api/app.py', 'pkg/store.py:5'],
    ['a submodule imported from a package', { 'serverless.yml': sls('app.handler'), 'app.py': 'from lib import store\n\n\ndef handler(event, context):\n    store.save(1)\n', 'lib/__init__.py': '', 'lib/store.py': HELPER }, 'app.py', 'lib/store.py:5'],
    [
      'a serverless layer in the repository',
      { 'serverless.yml': sls('app.handler', '    layers:\n      - Ref: CommonLambdaLayer\nlayers:\n  common:\n    path: layers/common\n'), 'app.py': CALLS_SAVE('from store import save'), 'layers/common/python/store.py': HELPER },
      'app.py',
      'layers/common/python/store.py:5',
    ],
    [
      'SAM Globals CodeUri and a layer built from the repository',
      {
        'template.yaml':
          'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.12\n    CodeUri: fn/\n    Layers:\n      - !Ref Common\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.lambda_handler\n  Common:\n    Type: AWS::Serverless::LayerVersion\n    Properties:\n      ContentUri: common/\n',
        'fn/app.py': 'from store import save\n\n\ndef lambda_handler(event, context):\n    save(1)\n',
        'common/store.py': HELPER,
      },
      'fn/app.py',
      'common/store.py:5',
    ],
    [
      'a CloudFormation local Code folder without a runtime-specific hint',
      {
        'template.yaml': 'Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r\n      Code: ./lambda\n',
        'lambda/index.py': CALLS_SAVE('from store import save'),
        'lambda/store.py': HELPER,
      },
      'lambda/index.py',
      'lambda/store.py:5',
    ],
  ])('%s', async (_name, files, handlerFile, write) => {
    const { handlers } = await analyse(files);
    expect(handlers.map((h) => [h.file, h.complete])).toEqual([[handlerFile, true]]);
    expect(handlers[0]!.writes).toEqual([write]);
  });

  it('does not follow a library installed into the code folder', async () => {
    const { handlers } = await analyse({
      'serverless.yml': sls('app.handler'),
      'app.py': CALLS_SAVE('from store import save'),
      'store/__init__.py': HELPER,
      'store-1.0.0.dist-info/METADATA': 'Name: store\n',
    });
    expect(handlers[0]!.writes).toEqual([]);
  });

  it('follows wrappers, decorators and callable instances to the handler function', async () => {
    const { handlers } = await analyse({
      'serverless.yml': `service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  a:\n    handler: app.wrapped\n  b:\n    handler: app.decorated\n  c:\n    handler: app.instance\n`,
      'app.py':
        'import functools\nSTATE = []\n\n\ndef middleware(fn):\n    @functools.wraps(fn)\n    def inner(event, context):\n        return fn(event, context)\n    return inner\n\n\ndef _impl(event, context):\n    STATE.append(1)\n\n\nwrapped = middleware(_impl)\n\n\n@middleware\ndef decorated(event, context):\n    STATE.append(2)\n\n\nclass Handler:\n    def __call__(self, event, context):\n        STATE.append(3)\n\n\ninstance = Handler()\n',
    });
    expect(handlers.map((h) => [h.exportName, h.writes])).toEqual([
      ['wrapped', ['app.py:13']],
      ['decorated', ['app.py:21']],
      ['instance', ['app.py:26']],
    ]);
  });

  it('parses each file once however many functions and imports share it', async () => {
    const functions = Array.from({ length: 50 }, (_, i) => `  f${i}:\n    handler: h${i % 5}.handler\n`).join('');
    const files: Record<string, string> = { 'serverless.yml': `service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n${functions}`, 'store.py': HELPER };
    for (let i = 0; i < 5; i++) files[`h${i}.py`] = CALLS_SAVE('from store import save');
    const { handlers, parses } = await analyse(files);
    expect(handlers).toHaveLength(5);
    expect(parses).toBe(6);
  });

  it('analyses a handler file that a later handler imports after its own functions were done with it', async () => {
    const { handlers, parses } = await analyse({
      'serverless.yml': `service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  a:\n    handler: store.handler\n  b:\n    handler: app.handler\n`,
      'store.py': `${HELPER}\n\ndef handler(event, context):\n    save(0)\n`,
      'app.py': CALLS_SAVE('from store import save'),
    });
    expect(handlers.map((h) => [h.file, h.complete, h.writes])).toEqual([
      ['store.py', true, ['store.py:5']],
      ['app.py', true, ['store.py:5']],
    ]);
    // store.py was let go after its own function, then parsed again for app.py's import.
    expect(parses).toBe(3);
  });

  it('lists a function whose handler function is missing, and still checks its literals', async () => {
    const { handlers, notAnalysed, findings } = await analyse({
      'serverless.yml': sls('app.nothere'),
      'app.py': 'TOKEN = "ghp_R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3s12"\n',
    });
    expect(handlers.map((h) => h.complete)).toEqual([false]);
    expect(notAnalysed).toEqual(['f [export not found]']);
    expect(findings).toContain('handler-no-hardcoded-secret app.py:1:1');
  });
});

describe('bad Python input', () => {
  const SECRET = 'KEY = "AKIAZ7Q2N4W8R6T3Y5U1"\n';
  const twoFunctions = (broken: string | Buffer) => ({
    'serverless.yml': `service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  broken:\n    handler: broken.handler\n  fine:\n    handler: fine.handler\n`,
    'broken.py': broken,
    'fine.py': `${SECRET}\n\ndef handler(event, context):\n    return KEY\n`,
  });

  it.each([
    ['a syntax error', `${SECRET}\n\ndef handler(event, context):\n    return (\n`, 5, 12, /syntax error at "\("/],
    ['Python 2 print statements', `${SECRET}\n\ndef handler(event, context):\n    print "hello"\n`, 5, 5, /Python 2 syntax \(print statement\)/],
    ['Python 2 except clauses', `${SECRET}\n\ndef handler(event, context):\n    try:\n        pass\n    except ValueError, e:\n        pass\n`, 7, 5, /Python 2 syntax/],
    ['tabs and spaces mixed inconsistently', `${SECRET}\n\ndef handler(event, context):\n        if event:\n\t    return 1\n\treturn 2\n`, 6, 1, /TabError/],
  ])('%s: a located parse error, no findings from that file, and the other files still checked', async (_name, source, line, column, message) => {
    const { findings, messages, notAnalysed } = await analyse(twoFunctions(source));
    const parseErrors = findings.filter((f) => f.startsWith('faaslint/parse-error'));
    expect(parseErrors).toEqual([`faaslint/parse-error broken.py:${line}:${column}`]);
    expect(messages.some((m) => message.test(m))).toBe(true);
    expect(findings.filter((f) => f.includes('broken.py') && !f.startsWith('faaslint/'))).toEqual([]);
    expect(findings).toContain('handler-no-hardcoded-secret fine.py:1:1');
    expect(notAnalysed).toEqual(['broken [unreadable handler]']);
  });

  it('non-UTF-8 source is a parse error at the line of the first bad byte; a declared latin-1 coding is read', async () => {
    const latin1 = Buffer.from('# -*- coding: latin-1 -*-\nNAME = "caf\xe9"\n\n\ndef handler(event, context):\n    return NAME\n', 'latin1');
    const bad = Buffer.concat([Buffer.from('X = 1\nNAME = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    const { findings, notAnalysed } = await analyse({ ...twoFunctions(bad), 'fine.py': latin1 });
    expect(findings.filter((f) => f.startsWith('faaslint/'))).toEqual(['faaslint/parse-error broken.py:2:1']);
    expect(notAnalysed).toEqual(['broken [unreadable handler]']);
  });

  it('a huge generated file is reported as too large, not parsed', async () => {
    const huge = `DATA = [\n${'    "0123456789abcdef0123456789abcdef",\n'.repeat(60_000)}]\n\n\ndef handler(event, context):\n    return DATA\n`;
    const { findings, notAnalysed } = await analyse(twoFunctions(huge));
    expect(findings.filter((f) => f.startsWith('faaslint/'))).toEqual(['faaslint/file-too-large broken.py:1:1']);
    expect(notAnalysed).toEqual(['broken [unreadable handler]']);
  });

  it('a broken helper module is reported and the handler importing it still analysed', async () => {
    const { findings, handlers } = await analyse({
      'serverless.yml': sls('app.handler'),
      'app.py': 'import helper\nSEEN = []\n\n\ndef handler(event, context):\n    SEEN.append(1)\n    helper.run()\n',
      'helper.py': 'def run(:\n    pass\n',
    });
    expect(findings.filter((f) => f.startsWith('faaslint/'))).toEqual(['faaslint/parse-error helper.py:1:9']);
    expect(handlers[0]!.writes).toEqual(['app.py:6']);
  });
});

describe('the Python tree copy', () => {
  it('reads the pinned web-tree-sitter through its cursor functions directly', async () => {
    const { lastTreeCopy, loadPythonParser, parsePython } = await import('../../src/load/handler/python/parser.js');
    await loadPythonParser();
    const root = parsePython('import boto3\n\n\ndef handler(event, context):\n    return {"ok": [1, 2]}\n');
    expect(lastTreeCopy()).toBe('direct');
    const shape = (n: typeof root): unknown => [n.type, n.start, n.end, n.children.map(shape)];
    expect(shape(root)).toMatchObject(['module', 0, 70, [['import_statement', 0, 12, expect.any(Array)], ['function_definition', 15, 69, expect.any(Array)]]]);
  });
});
