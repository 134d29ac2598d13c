import path from 'node:path';
import { ignoreRules as ignore } from '../ignore-rules.js';
import { findConfig, loadConfig, type RuleSetting } from '../config.js';
import { configurableIds } from '../config-schema.js';
import { discover, repositoryRoot, toPosix } from '../discover.js';
import { loadConfigs } from '../load/index.js';
import * as serverless from '../load/serverless/loaders.js';
import { resolveHandler } from '../load/handler/resolve.js';
import { DEFAULT_MAX_FILE_SIZE } from '../run.js';
import { RULES } from '../../rules/index.js';

const SOURCE = /\.(c|m)?[jt]sx?$/;

export interface HandlersOptions {
  /** The folder to read configs under (default: the current directory); paths are relative to its repository. */
  readonly root?: string;
  /** Serverless `--stage`, `--region` and `--param` values, as the CLI takes them (default: faaslint's config file). */
  readonly stage?: string;
  readonly region?: string;
  readonly params?: Readonly<Record<string, string>>;
}

export interface ProjectHandlers {
  /** The repository root: handler files are relative to it, with forward slashes. */
  readonly root: string;
  /** Each JavaScript/TypeScript handler file, with the exports the configs name as handlers. */
  readonly handlers: Readonly<Record<string, readonly string[]>>;
  /** Rule settings from faaslint's config file, which ESLint then follows too. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly noInlineConfig: boolean;
  /** Functions whose handler could not be named as a file and export, with the reason. */
  readonly unresolved: readonly { readonly function: string; readonly reason: string }[];
}

/**
 * The handler files and exports the project's Serverless, SAM and CloudFormation configs name,
 * read through the CLI's own discovery, loaders, config file and handler resolution (handler
 * sources are not read). Throws the CLI's ConfigError for a bad faaslint config file.
 */
export function projectHandlers(options: HandlersOptions = {}): ProjectHandlers {
  const dir = path.resolve(options.root ?? process.cwd());
  const root = repositoryRoot(dir);
  const config = loadConfig(findConfig(undefined, dir, root), configurableIds(RULES));
  const ignored = ignore().add([...config.ignore]);
  const candidates = discover([dir], root).candidates.filter((c) => !ignored.ignores(toPosix(path.relative(root, c.path)) || '.'));
  const stage = options.stage ?? config.stage;
  const region = options.region ?? config.region;
  const { project } = loadConfigs(candidates, {
    root,
    ...(stage ? { stage } : {}),
    ...(region ? { region } : {}),
    params: { ...config.params, ...options.params },
    allowEnv: false,
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  }, serverless);
  const handlers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const unresolved: { function: string; reason: string }[] = [];
  for (const fn of project.functions) {
    // Images and inline code have no handler file in the repository (the CLI lists them as not analysed).
    if (fn.image || fn.handler?.inlineCode) continue;
    const r = resolveHandler(fn, root);
    if (r.kind === 'skip') {
      unresolved.push({ function: fn.name, reason: r.reason });
      continue;
    }
    const file = toPosix(path.relative(root, r.file));
    if (r.language !== 'javascript' || !SOURCE.test(file)) {
      unresolved.push({ function: fn.name, reason: `${file} is not JavaScript or TypeScript (the CLI analyses it; ESLint does not)` });
      continue;
    }
    if (ignored.ignores(file)) continue;
    const exports = (handlers[file] ??= []);
    if (!exports.includes(r.exportName)) exports.push(r.exportName);
  }
  return { root, handlers, rules: config.rules, noInlineConfig: config.noInlineConfig ?? false, unresolved };
}
