import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ScopeManager } from '@typescript-eslint/scope-manager';

type Estree = typeof import('@typescript-eslint/typescript-estree');
type Scopes = typeof import('@typescript-eslint/scope-manager');

let estree: Estree | undefined;
let scopes: Scopes | undefined;

/**
 * The TypeScript parser is the heaviest thing faaslint loads (~200 ms), so it is loaded on
 * first use only: a run without JavaScript/TypeScript handlers never pays for it.
 * `createRequire` loads it about three times faster than ESM `import()`.
 */
function load(): { estree: Estree; scopes: Scopes } {
  if (!estree || !scopes) {
    const require = createRequire(import.meta.url);
    estree = require('@typescript-eslint/typescript-estree') as Estree;
    scopes = require('@typescript-eslint/scope-manager') as Scopes;
  }
  return { estree, scopes };
}

export interface ParsedModule {
  readonly ast: TSESTree.Program;
  readonly scopeManager: ScopeManager;
}

export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Parses JavaScript or TypeScript (JSX by extension) and analyses its scopes. Throws ParseFailure on syntax errors. */
export function parseModule(text: string, file: string): ParsedModule {
  const { estree, scopes } = load();
  let ast: TSESTree.Program;
  try {
    ast = estree.parse(text, { loc: true, range: true, jsx: /\.[jt]sx$/.test(file), comment: false, errorOnUnknownASTType: false });
  } catch (err) {
    const e = err as { message: string; lineNumber?: number; column?: number };
    throw new ParseFailure(e.message.split('\n')[0] ?? 'syntax error', e.lineNumber ?? 1, (e.column ?? 0) + 1);
  }
  // Every file is treated as a module: CommonJS top-level bindings then live in the module scope too.
  const scopeManager = scopes.analyze(ast, { sourceType: 'module', lib: ['esnext'] });
  return { ast, scopeManager };
}
