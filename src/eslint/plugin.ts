import path from 'node:path';
import type { ESLint, Linter, Rule as EslintRule } from 'eslint';
import type { RuleSetting } from '../config.js';
import type { Rule } from '../engine/rule.js';
import { packageVersion } from '../package-info.js';
import handlerNoBackgroundWork from '../../rules/handler-no-background-work/rule.js';
import handlerNoHardcodedSecret from '../../rules/handler-no-hardcoded-secret/rule.js';
import handlerNoModuleState from '../../rules/handler-no-module-state/rule.js';
import handlerNoRequestDataInModuleScope from '../../rules/handler-no-request-data-in-module-scope/rule.js';
import handlerNoTmpPersistence from '../../rules/handler-no-tmp-persistence/rule.js';
import { projectHandlers, type HandlersOptions } from './handlers.js';
import { eslintRule } from './rule-adapter.js';
import type { FaaslintSettings } from './settings.js';

/** The CLI rules that read one handler's source only, so ESLint can run them file by file. */
export const HANDLER_RULES: readonly Rule[] = [
  handlerNoModuleState,
  handlerNoRequestDataInModuleScope,
  handlerNoTmpPersistence,
  handlerNoBackgroundWork,
  handlerNoHardcodedSecret,
] as readonly Rule[];

const SOURCES = '{js,mjs,cjs,jsx,ts,mts,cts,tsx}';

/** The folders `configs.recommended` treats as handler code: every exported function in them is a handler. */
export const HANDLER_GLOBS: readonly string[] = [`handlers/**/*.${SOURCES}`, `src/handlers/**/*.${SOURCES}`, `src/functions/**/*.${SOURCES}`];
const TEST_GLOBS = ['**/*.test.*', '**/*.spec.*', '**/__tests__/**'];

function eslintSeverity(setting: RuleSetting): Linter.RuleSeverity {
  return setting === 'off' ? 'off' : setting === 'error' ? 'error' : 'warn';
}

function ruleSettings(configured: Readonly<Record<string, RuleSetting>> = {}): Linter.RulesRecord {
  return Object.fromEntries(HANDLER_RULES.map((r) => [`faaslint/${r.id}`, eslintSeverity(configured[r.id] ?? r.meta.severity)]));
}

/** A file name as a glob that matches it only (`[id].ts`, `(group)/x.ts` hold glob characters). */
function literalGlob(file: string): string {
  return file.replace(/[\\*?[\]{}()!+@]/g, '\\$&');
}

const rules: Record<string, EslintRule.RuleModule> = Object.fromEntries(HANDLER_RULES.map((r) => [r.id, eslintRule(r)]));

export interface FaaslintPlugin extends ESLint.Plugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: Record<string, EslintRule.RuleModule>;
  readonly configs: { readonly recommended: Linter.Config };
  /**
   * A flat config for exactly the handler files and exports the project's Serverless, SAM and
   * CloudFormation configs name (read with faaslint's loaders when the ESLint config loads),
   * with the recommended rules, or the severities faaslint's own config file sets.
   */
  handlers(options?: HandlersOptions): Linter.Config;
}

const plugin: FaaslintPlugin = {
  meta: { name: 'faaslint', version: packageVersion() },
  rules,
  configs: { recommended: {} },
  handlers(options: HandlersOptions = {}): Linter.Config {
    const found = projectHandlers(options);
    const files = Object.keys(found.handlers).sort();
    if (files.length === 0) {
      const where = path.resolve(options.root ?? process.cwd());
      const why = found.unresolved.map((u) => `\n  function ${u.function}: ${u.reason}`).join('');
      throw new Error(`faaslint.handlers(): no JavaScript or TypeScript handler found by the Serverless, SAM or CloudFormation configs under ${where}${why}`);
    }
    const settings: FaaslintSettings = { root: found.root, handlers: found.handlers, ...(found.noInlineConfig ? { noInlineConfig: true } : {}) };
    return {
      name: 'faaslint/handlers',
      basePath: found.root,
      files: files.map(literalGlob),
      plugins: { faaslint: plugin },
      rules: ruleSettings(found.rules),
      settings: { faaslint: settings },
    };
  },
};

Object.assign(plugin.configs.recommended, {
  name: 'faaslint/recommended',
  files: [...HANDLER_GLOBS],
  ignores: TEST_GLOBS,
  plugins: { faaslint: plugin },
  rules: ruleSettings(),
} satisfies Linter.Config);

export const { handlers, configs } = plugin;
export { rules };
export default plugin;
