import { createRequire } from 'node:module';
import path from 'node:path';
import type { CST, Lexer as YamlLexer } from 'yaml';

type ResolveAsScalar = typeof CST.resolveAsScalar;

const require = createRequire(import.meta.url);

/**
 * `yaml`'s scalar resolution and Lexer, without the rest of the package: its entry point loads
 * every module (Document API, schemas, stringifiers), a quarter of faaslint's start-up, while
 * the token builder needs two. They are loaded by file from the pinned version, and from the
 * entry point should its layout ever differ. The Document path (yaml-document.ts) loads the
 * rest on first use.
 */
function load<T>(file: string, name: string, fromEntry: (yaml: typeof import('yaml')) => T): T {
  try {
    const loaded = (require(path.join(path.dirname(require.resolve('yaml')), 'parse', file)) as Record<string, unknown>)[name];
    if (typeof loaded === 'function') return loaded as T;
  } catch {
    // a different layout: the entry point below
  }
  return fromEntry(require('yaml') as typeof import('yaml'));
}

let resolver: ResolveAsScalar | undefined;

/** `yaml`'s scalar resolution, loaded on first use (12 modules): a scan of JSON, or of plain scalars only, never needs it. */
export function resolveAsScalar(...args: Parameters<ResolveAsScalar>): ReturnType<ResolveAsScalar> {
  resolver ??= load<ResolveAsScalar>('cst-scalar.js', 'resolveAsScalar', (yaml) => yaml.CST.resolveAsScalar);
  return resolver(...args);
}

let lexer: typeof YamlLexer | undefined;

/** The Lexer, loaded on first use: our scanner (yaml-token-scanner.ts) lexes nearly every file. */
export function yamlLexer(): typeof YamlLexer {
  lexer ??= load<typeof YamlLexer>('lexer.js', 'Lexer', (yaml) => yaml.Lexer);
  return lexer;
}
