import { createRequire } from 'node:module';
import path from 'node:path';
import type { CST, Lexer as YamlLexer } from 'yaml';

type ResolveAsScalar = typeof CST.resolveAsScalar;

const require = createRequire(import.meta.url);

/**
 * `yaml`'s Lexer and scalar resolution, without the rest of the package: its entry point loads
 * every module (Document API, schemas, stringifiers), a quarter of faaslint's start-up, while
 * the token builder needs two. They are loaded by file from the pinned version, and from the
 * entry point should its layout ever differ. The Document path (yaml-document.ts) loads the
 * rest on first use.
 */
function load(): { Lexer: typeof YamlLexer; resolveAsScalar: ResolveAsScalar } {
  try {
    const dist = path.dirname(require.resolve('yaml'));
    const { Lexer } = require(path.join(dist, 'parse', 'lexer.js')) as { Lexer?: typeof YamlLexer };
    const { resolveAsScalar } = require(path.join(dist, 'parse', 'cst-scalar.js')) as { resolveAsScalar?: ResolveAsScalar };
    if (typeof Lexer === 'function' && typeof resolveAsScalar === 'function') return { Lexer, resolveAsScalar };
  } catch {
    // a different layout: the entry point below
  }
  const yaml = require('yaml') as typeof import('yaml');
  return { Lexer: yaml.Lexer, resolveAsScalar: yaml.CST.resolveAsScalar };
}

export const { Lexer, resolveAsScalar } = load();
