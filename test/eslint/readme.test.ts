import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { lint } from '../../src/run.js';
import { repoRoot, tempProject } from '../helpers.js';

/** The README's flat-config snippets, as written (they begin `// eslint.config.mjs`). */
function snippets(): string[] {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## In your editor\n'), readme.indexOf('\n## Rules\n'));
  return [...section.matchAll(/```js\n(\/\/ eslint\.config\.mjs\n[\s\S]*?)```/g)].map((m) => m[1]!);
}

/**
 * A user's project: the files given, and `node_modules` as `npm install --save-dev faaslint
 * eslint @typescript-eslint/parser` leaves it (links to this checkout and its dependencies;
 * the plugin is the built package, so `npm run build` first).
 */
function userProject(files: Record<string, string>): string {
  const dir = tempProject(files, 'faaslint-eslint-');
  fs.mkdirSync(path.join(dir, 'node_modules', '@typescript-eslint'), { recursive: true });
  fs.symlinkSync(repoRoot, path.join(dir, 'node_modules', 'faaslint'), 'dir');
  fs.symlinkSync(path.join(repoRoot, 'node_modules', '@typescript-eslint', 'parser'), path.join(dir, 'node_modules', '@typescript-eslint', 'parser'), 'dir');
  return dir;
}

function exampleApp(): Record<string, string> {
  const root = path.join(repoRoot, 'fixtures/projects/example-app');
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      if (d.isDirectory()) walk(path.join(dir, d.name));
      else files[path.relative(root, path.join(dir, d.name))] = fs.readFileSync(path.join(dir, d.name), 'utf8');
    }
  };
  walk(root);
  return files;
}

async function eslintFindings(dir: string): Promise<string[]> {
  const results = await new ESLint({ cwd: dir }).lintFiles(['.']);
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)).sort();
}

describe('the README’s "In your editor" snippets work as written', () => {
  it('there are two: faaslint.handlers() with @typescript-eslint/parser, and configs.recommended', () => {
    expect(snippets()).toHaveLength(2);
  });

  it('faaslint.handlers(): ESLint finds in the example app what `faaslint .` finds in its handlers', async () => {
    const dir = userProject({ ...exampleApp(), 'eslint.config.mjs': snippets()[0]! });
    const cli = await lint({ paths: [dir], rules: RULES.filter((r) => r.id.startsWith('handler-')) });
    // ESLint lints JavaScript and TypeScript; the CLI alone analyses the Python service.
    const expected = cli.findings.filter((f) => !f.location.file.endsWith('.py')).map((f) => `${f.location.file}:${f.location.line}:${f.location.column} faaslint/${f.ruleId} ${f.message}`).sort();
    expect(expected.map((e) => e.split(' ')[0])).toEqual(['orders/src/export.js:5:3', 'orders/src/orders.js:13:3']);
    expect(await eslintFindings(dir)).toEqual(expected);
  });

  it('configs.recommended: exported functions under handlers/ are handlers; other folders are not', async () => {
    const handler = 'let calls = 0;\nexport const handler = async () => {\n  calls++;\n  return calls;\n};\n';
    const dir = userProject({ 'eslint.config.mjs': snippets()[1]!, 'handlers/count.mjs': handler, 'lib/count.mjs': handler });
    expect(await eslintFindings(dir)).toEqual([
      'handlers/count.mjs:3:3 faaslint/handler-no-module-state Module-scope "calls" (declared at line 1) is changed by code the handler runs: warm containers keep it between invocations, so each call sees what earlier calls left, and concurrent containers disagree. Keep per-invocation state in local variables, and durable state in a data store.',
    ]);
  });
});
