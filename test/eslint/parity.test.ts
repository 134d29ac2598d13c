import fs from 'node:fs';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import plugin from '../../src/eslint/plugin.js';
import type { FaaslintSettings } from '../../src/eslint/settings.js';
import { lint } from '../../src/run.js';
import { repoRoot } from '../helpers.js';

const handlerRules = RULES.filter((r) => r.id in plugin.rules);

/** What a user reads, from either tool: file, rule, position (start and end) and message. */
const key = (file: string, ruleId: string, loc: { line: number; column: number; endLine?: number | undefined; endColumn?: number | undefined }, message: string) =>
  `${file}:${loc.line}:${loc.column}-${loc.endLine}:${loc.endColumn} ${ruleId} ${message}`;

async function cliFindings(dir: string, files: readonly string[]): Promise<string[]> {
  const result = await lint({ paths: [dir], rules: handlerRules, stage: 'dev', config: false });
  return result.findings.filter((f) => files.includes(f.location.file)).map((f) => key(f.location.file, f.ruleId, f.location, f.message)).sort();
}

/** ESLint's run with either parser; `commonjs` as a project of CommonJS `.js` files configures it (a scope other than the module's). */
async function eslintFindings(config: Linter.Config, files: readonly string[], parser: 'typescript-eslint' | 'espree', sourceType?: 'commonjs'): Promise<string[]> {
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [
      config,
      ...(parser === 'typescript-eslint' ? [{ files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: { parser: tsParser } }] : []),
      ...(sourceType ? [{ files: ['**/*.js'], languageOptions: { sourceType } }] : []),
    ],
  });
  const results = await eslint.lintFiles(files.map((f) => path.join(repoRoot, f)));
  return results
    .flatMap((r) => r.messages.map((m) => key(path.relative(repoRoot, r.filePath).split(path.sep).join('/'), m.ruleId?.replace(/^faaslint\//, '') ?? 'ESLint', m, m.message)))
    .sort();
}

function handlerFiles(config: Linter.Config): string[] {
  return Object.keys((config.settings!.faaslint as FaaslintSettings).handlers).sort();
}

describe('ESLint with the plugin finds what the CLI finds', () => {
  it('on the example app’s handlers, through ESLint’s Node API, a flat config, faaslint.handlers() and @typescript-eslint/parser', async () => {
    const root = path.join(repoRoot, 'fixtures/projects/example-app');
    const config = plugin.handlers({ root });
    const files = handlerFiles(config);
    expect(files).toEqual([
      'fixtures/projects/example-app/orders/src/export.js',
      'fixtures/projects/example-app/orders/src/orders.js',
      'fixtures/projects/example-app/reports/src/build.js',
      'fixtures/projects/example-app/reports/src/read.js',
    ]);
    const cli = await cliFindings(root, files);
    expect(cli.map((k) => k.replace(/ [^ ]+ [\s\S]*$/, (m) => m.split(' ').slice(0, 2).join(' ')))).toEqual([
      'fixtures/projects/example-app/orders/src/export.js:5:3-5:53 handler-no-tmp-persistence',
      'fixtures/projects/example-app/orders/src/orders.js:13:3-13:35 handler-no-request-data-in-module-scope',
    ]);
    expect(await eslintFindings(config, files, 'typescript-eslint')).toEqual(cli);
    expect(await eslintFindings(config, files, 'espree')).toEqual(cli);
  });

  // Every handler rule's fixture project, JavaScript (CommonJS and ESM) and TypeScript, with both parsers where they apply.
  const hasJavaScript = (dir: string): boolean =>
    fs.readdirSync(dir, { withFileTypes: true }).some((d) => (d.isDirectory() ? hasJavaScript(path.join(dir, d.name)) : /\.[cm]?[jt]s$/.test(d.name)));
  const fixtures = handlerRules
    .flatMap((r) => fs.readdirSync(path.join(repoRoot, 'rules', r.id, 'fixtures')).map((name) => path.join('rules', r.id, 'fixtures', name)))
    .filter((f) => hasJavaScript(path.join(repoRoot, f)));
  it.each(fixtures)('on %s: the same findings in every handler file', async (fixture) => {
    const config = plugin.handlers({ root: path.join(repoRoot, fixture), stage: 'dev' });
    const files = handlerFiles(config);
    const cli = await cliFindings(path.join(repoRoot, fixture), files);
    expect(await eslintFindings(config, files, 'typescript-eslint')).toEqual(cli);
    const js = files.filter((f) => /\.[cm]?js$/.test(f));
    if (js.length > 0) expect(await eslintFindings(config, js, 'espree')).toEqual(cli.filter((k) => js.some((f) => k.startsWith(`${f}:`))));
    const commonJs = files.filter((f) => f.endsWith('.js') && !/^(import|export)\s/m.test(fs.readFileSync(path.join(repoRoot, f), 'utf8')));
    const inCommonJs = cli.filter((k) => commonJs.some((f) => k.startsWith(`${f}:`)));
    for (const p of ['espree', 'typescript-eslint'] as const) if (commonJs.length > 0) expect(await eslintFindings(config, commonJs, p, 'commonjs')).toEqual(inCommonJs);
  });
});
