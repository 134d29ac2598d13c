import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isInside } from '../../discover.js';
import { readConfinedText } from '../../fs/confined.js';
import { append } from '../../arrays.js';

/** A tsconfig larger than this is not read for path aliases (real ones are a few kilobytes). */
const MAX_TSCONFIG_BYTES = 1024 * 1024;

/** `compilerOptions.paths` of a tsconfig, made absolute: `@functions/*` → [`/repo/src/functions/*`]. */
export type PathAliases = readonly { readonly pattern: string; readonly targets: readonly string[] }[];

type Json = Record<string, unknown>;

/** tsconfig files are JSON with comments and trailing commas: TypeScript's own reader takes them (already loaded with the parser). */
function readJsonc(file: string, root: string): Json | undefined {
  const read = readConfinedText(file, root, MAX_TSCONFIG_BYTES);
  if (!read.ok) return undefined;
  try {
    const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
    const parsed = ts.parseConfigFileTextToJson(file, read.text);
    return parsed.error || typeof parsed.config !== 'object' || parsed.config === null ? undefined : (parsed.config as Json);
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * The path aliases in force for files under `dir`: the nearest tsconfig.json (or jsconfig.json)
 * between `dir` and the repository root, following local `extends`. Nothing outside the
 * repository is read; a package named in `extends` is not followed.
 */
export class TsconfigAliases {
  private readonly byDir = new Map<string, PathAliases>();

  constructor(private readonly root: string) {}

  for(dir: string): PathAliases {
    const known = this.byDir.get(dir);
    if (known) return known;
    let aliases: PathAliases = [];
    const config = ['tsconfig.json', 'jsconfig.json'].map((name) => path.join(dir, name)).find((file) => fs.existsSync(file));
    if (config) aliases = this.read(config, 0).aliases ?? [];
    else if (dir !== this.root && isInside(this.root, path.dirname(dir))) aliases = this.for(path.dirname(dir));
    this.byDir.set(dir, aliases);
    return aliases;
  }

  /** `baseUrl` and `paths` of one config and what it extends (the nearer setting wins). */
  private read(file: string, depth: number): { baseUrl?: string; aliases?: PathAliases } {
    if (depth > 8 || !isInside(this.root, file)) return {};
    const config = readJsonc(file, this.root);
    if (!config) return {};
    let inherited: { baseUrl?: string; aliases?: PathAliases } = {};
    const parents = Array.isArray(config['extends']) ? config['extends'] : [config['extends']];
    for (const parent of parents) {
      if (typeof parent !== 'string' || !parent.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), parent);
      const candidate = target.endsWith('.json') ? target : `${target}.json`;
      if (fs.existsSync(candidate)) inherited = { ...inherited, ...this.read(candidate, depth + 1) };
    }
    const options = asObject(config['compilerOptions']) ?? {};
    const baseUrl = typeof options['baseUrl'] === 'string' ? path.resolve(path.dirname(file), options['baseUrl']) : inherited.baseUrl;
    const paths = asObject(options['paths']);
    if (!paths) return { ...(baseUrl ? { baseUrl } : {}), ...(inherited.aliases ? { aliases: inherited.aliases } : {}) };
    // Without baseUrl, paths are relative to the config that declares them (TypeScript 4.1+).
    const base = baseUrl ?? path.dirname(file);
    const aliases = Object.entries(paths).map(([pattern, targets]) => ({
      pattern,
      targets: (Array.isArray(targets) ? targets : []).filter((t): t is string => typeof t === 'string').map((t) => path.resolve(base, t)),
    }));
    return { ...(baseUrl ? { baseUrl } : {}), aliases };
  }
}

/** The absolute paths an aliased import may stand for (`@functions/hello` → `/repo/src/functions/hello`), best match first. */
export function expandAlias(source: string, aliases: PathAliases): string[] {
  const out: string[] = [];
  const sorted = [...aliases].sort((a, b) => b.pattern.indexOf('*') - a.pattern.indexOf('*') || b.pattern.length - a.pattern.length);
  for (const { pattern, targets } of sorted) {
    const star = pattern.indexOf('*');
    if (star < 0) {
      if (pattern === source) append(out, targets);
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (source.length < prefix.length + suffix.length || !source.startsWith(prefix) || !source.endsWith(suffix)) continue;
    const matched = source.slice(prefix.length, source.length - suffix.length);
    append(out, targets.map((t) => t.replace('*', matched)));
  }
  return out;
}
