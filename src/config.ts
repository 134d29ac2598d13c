import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repositoryRoot } from './discover.js';
import { didYouMean } from './did-you-mean.js';
import { readConfinedText } from './fs/confined.js';
import { syntaxProblem } from './fs/refusal.js';
import type { Severity } from './model.js';
import { packageRoot } from './package-info.js';

export type RuleSetting = Severity | 'off';

/** `faaslint.config.yaml|yml|json`: per-rule severities, ignored paths, and run defaults. */
export interface Config {
  readonly file?: string;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** gitignore-style patterns, relative to the repository root. */
  readonly ignore: readonly string[];
  readonly stage?: string;
  readonly region?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly failOn?: Severity;
  readonly noInlineConfig?: boolean;
  readonly reportUnusedSuppressions?: boolean;
}

const SETTINGS = ['rules', 'ignore', 'stage', 'region', 'params', 'failOn', 'noInlineConfig', 'reportUnusedSuppressions'];

/** faaslint.config.* files are a few kilobytes; anything far larger is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export const CONFIG_NAMES = ['faaslint.config.yaml', 'faaslint.config.yml', 'faaslint.config.json'];

/** A configuration problem: the run stops with exit code 2 and this message. */
export class ConfigError extends Error {}

interface ValidationError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: { allowedValues?: unknown[]; additionalProperty?: string };
}
type Validator = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };

let validator: Validator | undefined;
function validate(data: unknown): ValidationError[] {
  // Compiled ahead of time by scripts/build-config-validator.mjs: no schema compilation at start-up.
  validator ??= createRequire(import.meta.url)(path.join(packageRoot(), 'dist', 'config-validator.cjs')) as Validator;
  return validator(data) ? [] : (validator.errors ?? []);
}

/** The config file to use: `--config`, else the first `faaslint.config.*` in the working directory or the repository root. */
export function findConfig(explicit: string | undefined, cwd: string, root: string): string | undefined {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new ConfigError(`config file ${explicit} does not exist`);
    return path.resolve(explicit);
  }
  for (const dir of [cwd, root]) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

function describeError(e: ValidationError, knownRules: readonly string[]): string {
  const where = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
  if (e.keyword === 'additionalProperties' && e.params.additionalProperty) {
    const key = e.params.additionalProperty;
    if (where === 'rules') {
      const hint = didYouMean(key, knownRules);
      return `rules.${key}: unknown rule id${hint || ' (`faaslint rules` lists them)'}`;
    }
    return `${where === '(top level)' ? '' : `${where}.`}${key}: unknown setting${didYouMean(key, SETTINGS)} (allowed: ${SETTINGS.join(', ')})`;
  }
  if (e.keyword === 'enum') return `${where}: must be one of ${(e.params.allowedValues ?? []).map(String).join(', ')}`;
  return `${where}: ${e.message ?? 'invalid'}`;
}

export function loadConfig(file: string | undefined, knownRules: readonly string[]): Config {
  if (!file) return { rules: {}, ignore: [], params: {} };
  // Read within the repository the file lies in, as every file faaslint reads.
  const read = readConfinedText(file, repositoryRoot(file), MAX_CONFIG_BYTES);
  if (!read.ok) throw new ConfigError(`${file}: cannot be read: ${read.message}`);
  let data: unknown;
  try {
    // `yaml` is loaded only for a YAML config: start-up needs none of it.
    data = file.endsWith('.json') ? JSON.parse(read.text) : (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(read.text);
  } catch (err) {
    throw new ConfigError(`${file}: cannot be read: ${syntaxProblem(err, file.endsWith('.json'))}`);
  }
  data ??= {};
  // A section whose entries are all commented out (as `faaslint init` writes them) is empty, not null.
  if (typeof data === 'object' && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    for (const key of ['rules', 'ignore', 'params']) if (record[key] === null) delete record[key];
  }
  const errors = validate(data);
  if (errors.length > 0) throw new ConfigError(`${file}:\n${errors.map((e) => `  ${describeError(e, knownRules)}`).join('\n')}`);
  const raw = data as Omit<Config, 'params' | 'file'> & { params?: Record<string, unknown> };
  return {
    file,
    rules: raw.rules ?? {},
    ignore: raw.ignore ?? [],
    params: Object.fromEntries(Object.entries(raw.params ?? {}).map(([k, v]) => [k, String(v)])),
    ...(raw.stage ? { stage: raw.stage } : {}),
    ...(raw.region ? { region: raw.region } : {}),
    ...(raw.failOn ? { failOn: raw.failOn } : {}),
    ...(raw.noInlineConfig !== undefined ? { noInlineConfig: raw.noInlineConfig } : {}),
    ...(raw.reportUnusedSuppressions !== undefined ? { reportUnusedSuppressions: raw.reportUnusedSuppressions } : {}),
  };
}
