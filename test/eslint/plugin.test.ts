import fs from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import plugin, { HANDLER_GLOBS } from '../../src/eslint/plugin.js';
import { ruleHelpUri } from '../../src/package-info.js';
import { repoRoot, tempProject } from '../helpers.js';

const linter = new Linter();
/** A project folder for settings (Linter reads no file, but matches configs under its cwd). */
const APP = path.join(process.cwd(), 'app');
const lines = (...l: string[]) => l.join('\n');
const findings = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.messageId ?? m.message}`);

/** Every faaslint rule on, as `configs.recommended` turns them on. */
function verify(code: string, filename: string, extra: Linter.Config = {}): Linter.LintMessage[] {
  return linter.verify(code, [{ ...plugin.configs.recommended, files: ['**/*'], ignores: [] }, { files: ['**/*.{ts,cts,mts,tsx}'], languageOptions: { parser: tsParser } }, { files: ['**/*'], ...extra }], {
    filename,
  });
}

const TWO_EXPORTS = lines(
  'let last;', //
  'export const create = async (event) => {',
  '  last = event.body;',
  '};',
  'export function list() {',
  '  last = undefined;',
  '}',
);

describe('the plugin', () => {
  it('has every handler rule of the CLI, under the same id, with its messages and a link to its README', () => {
    const handlerRules = RULES.filter((r) => r.id.startsWith('handler-')).map((r) => r.id);
    // A new handler rule that needs more than one file (config, other handlers) must be listed here as CLI-only, with the reason.
    expect(Object.keys(plugin.rules).sort()).toEqual(handlerRules.sort());
    for (const rule of RULES.filter((r) => r.id in plugin.rules)) {
      const meta = plugin.rules[rule.id]!.meta!;
      expect(meta.docs?.url).toBe(ruleHelpUri(rule.id));
      expect(fs.existsSync(path.join(repoRoot, 'rules', rule.id, 'README.md'))).toBe(true);
      expect(meta.messages).toMatchObject(rule.meta.messages);
      expect(meta.docs?.description).toBe(rule.meta.description);
    }
  });

  it('configs.recommended turns every rule on at its CLI severity for the handler globs', () => {
    expect(plugin.configs.recommended.files).toEqual(HANDLER_GLOBS);
    expect(plugin.configs.recommended.rules).toEqual({
      'faaslint/handler-no-module-state': 'warn',
      'faaslint/handler-no-request-data-in-module-scope': 'error',
      'faaslint/handler-no-tmp-persistence': 'warn',
      'faaslint/handler-no-background-work': 'warn',
      'faaslint/handler-no-hardcoded-secret': 'error',
    });
    const config = [plugin.configs.recommended];
    const code = lines('let n = 0;', 'export const handler = async () => { n++; };');
    expect(findings(linter.verify(code, config, { filename: 'src/functions/count.mjs' }))).toEqual(['2:38 faaslint/handler-no-module-state state']);
    expect(findings(linter.verify(code, config, { filename: 'handlers/billing/count.js' }))).toEqual(['2:38 faaslint/handler-no-module-state state']);
    // Outside the globs, and tests inside them, are not handler code.
    expect(linter.verify(code, config, { filename: 'src/lib/count.mjs' }).filter((m) => m.ruleId)).toEqual([]);
    expect(linter.verify(code, config, { filename: 'src/functions/count.test.mjs' }).filter((m) => m.ruleId)).toEqual([]);
  });
});

describe('which code is a handler', () => {
  it('without faaslint settings, every exported function of a matched file is a handler (ESM and CommonJS)', () => {
    expect(findings(verify(TWO_EXPORTS, 'h.mjs'))).toEqual(['3:3 faaslint/handler-no-request-data-in-module-scope stored', '6:3 faaslint/handler-no-module-state state']);
    const cjs = lines('let n = 0;', 'function run() { n++; }', 'module.exports = run;');
    expect(findings(verify(cjs, 'h.cjs'))).toEqual(['2:18 faaslint/handler-no-module-state state']);
  });

  it('a file without exported functions has no handler: only its literals are checked, as the CLI checks every handler file', () => {
    const code = lines('let n = 0;', 'function run() { n++; }', "const password = 'hunter2hunter2';", 'run();');
    expect(findings(verify(code, 'h.mjs'))).toEqual(['3:1 faaslint/handler-no-hardcoded-secret named']);
  });

  it('with the settings faaslint.handlers() writes, only the exports the configs name are handlers, and only in the files they name', () => {
    const settings = (handlers: Record<string, string[]>) => ({ settings: { faaslint: { root: APP, handlers } } });
    expect(findings(verify(TWO_EXPORTS, `${APP}/src/h.mjs`, settings({ 'src/h.mjs': ['create'] })))).toEqual(['3:3 faaslint/handler-no-request-data-in-module-scope stored']);
    expect(findings(verify(TWO_EXPORTS, `${APP}/src/h.mjs`, settings({ 'src/h.mjs': ['list'] })))).toEqual(['6:3 faaslint/handler-no-module-state state']);
    expect(findings(verify(TWO_EXPORTS, `${APP}/src/other.mjs`, settings({ 'src/h.mjs': ['create'] })))).toEqual([]);
    // An export the config names but the file does not have: the literals are still checked, as in the CLI.
    const secret = lines("const password = 'hunter2hunter2';", 'export default () => password;');
    expect(findings(verify(secret, `${APP}/src/h.mjs`, settings({ 'src/h.mjs': ['missing'] })))).toEqual(['1:1 faaslint/handler-no-hardcoded-secret named']);
  });
});

describe('suppressions', () => {
  const code = (comment: string) => lines('let n = 0;', 'export const handler = async () => {', comment, '  n++;', '};');

  it('faaslint-disable comments work as in the CLI: the named rule, on the next line or the same line', () => {
    expect(findings(verify(code('  // faaslint-disable-next-line handler-no-module-state -- warm-start counter'), 'h.mjs'))).toEqual([]);
    expect(findings(verify(lines('let n = 0;', 'export const handler = async () => {', '  n++; /* faaslint-disable-line handler-no-module-state -- counter */', '};'), 'h.mjs'))).toEqual([]);
    expect(findings(verify(code('  // faaslint-disable-next-line handler-no-tmp-persistence -- another rule'), 'h.mjs'))).toEqual(['4:3 faaslint/handler-no-module-state state']);
  });

  it("ESLint's own comments work too (the CLI does not read them), and faaslint's noInlineConfig turns faaslint's off", () => {
    expect(findings(verify(code('  // eslint-disable-next-line faaslint/handler-no-module-state -- counter'), 'h.mjs'))).toEqual([]);
    const audit = { settings: { faaslint: { root: APP, handlers: { 'h.mjs': ['handler'] }, noInlineConfig: true } } };
    expect(findings(verify(code('  // faaslint-disable-next-line handler-no-module-state -- counter'), `${APP}/h.mjs`, audit))).toEqual(['4:3 faaslint/handler-no-module-state state']);
  });
});

describe('bad input', () => {
  it('a syntax error is ESLint’s own parse error, with either parser; the plugin never throws', () => {
    for (const filename of ['h.mjs', 'h.ts']) {
      const messages = verify('export const handler = async (event) => { let = ; }', filename);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ ruleId: null, fatal: true, line: 1 });
    }
  });

  it('odd but valid files give no findings and no errors', () => {
    for (const [code, filename] of [
      ['', 'empty.mjs'],
      ['export default 42;', 'value.mjs'],
      ['export * from "./other.js";\nexport { handler } from "./impl.js";', 'reexport.ts'],
      ['module.exports = require("./impl");', 'wrapper.cjs'],
      ['export const handler = (): JSX.Element => <div>{String(Date.now())}</div>;', 'view.tsx'],
      ['#!/usr/bin/env node\nawait import("./x.js");', 'script.mjs'],
    ] as const) {
      expect(verify(code, filename, filename.endsWith('.tsx') ? { languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } } : {}), filename).toEqual([]);
    }
  });
});

describe('faaslint.handlers()', () => {
  it('reads the configs with faaslint’s loaders: exact files (glob characters escaped) and exports, rule settings from faaslint’s config', () => {
    const dir = tempProject({
      'serverless.yml': [
        'service: s',
        'provider:',
        '  name: aws',
        '  runtime: nodejs20.x',
        'functions:',
        '  get:',
        '    handler: src/items/[id].get',
        '  put:',
        '    handler: src/items/[id].put',
        '  report:',
        '    handler: src/report.handler',
        '  py:',
        '    handler: app.main',
        '    runtime: python3.12',
      ].join('\n'),
      'src/items/[id].ts': 'export const get = async () => 1;\nexport const put = async () => 2;\n',
      'src/report.mjs': 'export const handler = async () => 3;\n',
      'app.py': 'def main(event, context):\n    return 1\n',
      'faaslint.config.yml': 'rules:\n  handler-no-background-work: off\n  handler-no-module-state: error\n',
    });
    const config = plugin.handlers({ root: dir });
    expect(config.basePath).toBe(dir);
    expect(config.files).toEqual(['src/items/\\[id\\].ts', 'src/report.mjs']);
    expect(config.settings).toEqual({ faaslint: { root: dir, handlers: { 'src/items/[id].ts': ['get', 'put'], 'src/report.mjs': ['handler'] } } });
    expect(config.rules).toMatchObject({ 'faaslint/handler-no-background-work': 'off', 'faaslint/handler-no-module-state': 'error', 'faaslint/handler-no-tmp-persistence': 'warn' });
    expect(config.plugins?.faaslint).toBe(plugin);
  });

  it('throws at config time, with what it found, when the configs name no JavaScript or TypeScript handler', () => {
    const dir = tempProject({
      'template.yaml': 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: app.main\n',
      'app.py': 'def main(event, context):\n    return 1\n',
    });
    expect(() => plugin.handlers({ root: dir })).toThrow(/no JavaScript or TypeScript handler found[\s\S]*function Fn: app\.py is not JavaScript or TypeScript/);
    expect(() => plugin.handlers({ root: tempProject({ 'README.md': 'nothing here' }) })).toThrow(/no JavaScript or TypeScript handler/);
  });
});
