import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type { HandlerFacts } from '../model.js';
import { exportFacts } from '../load/handler/facts.js';
import { moduleInfo, type FunctionRef, type ModuleInfo } from '../load/handler/modules.js';
import { findExport, type ModuleSource } from '../load/handler/reach.js';

/** Which exports of a file are handlers: the ones faaslint's config names, or every exported function. */
export type HandlerExports = readonly string[] | 'exported functions';

/** A program ESLint parsed (espree or @typescript-eslint/parser), with the scopes ESLint analysed. */
export interface ParsedFile {
  readonly file: string;
  readonly text: string;
  readonly ast: TSESTree.Program;
  /**
   * eslint-scope (espree) or @typescript-eslint/scope-manager: the same interface, and the same
   * results for what the analyses read, once the top-level scope of CommonJS files and scripts
   * is taken for the module scope (`moduleInfo` does). Re-analysing with
   * @typescript-eslint/scope-manager is no option: it needs typescript-estree's node shapes.
   */
  readonly scopeManager: ScopeManager;
}

/**
 * Runs the same handler analyses as the CLI on one file ESLint parsed. Imports are not
 * followed (a rule sees one file): what a handler does in other local modules is the CLI's
 * to report. A file with no handler export found still has its literals checked, as the CLI does.
 */
export function analyseHandlerFile(parsed: ParsedFile, which: HandlerExports): HandlerFacts[] {
  const module = moduleInfo(
    { file: parsed.file, rel: parsed.file, text: parsed.text },
    { ast: parsed.ast, scopeManager: parsed.scopeManager },
    () => undefined,
  );
  const source: ModuleSource = { get: (file) => (file === module.file ? module : undefined) };
  const entries = which === 'exported functions' ? exportedFunctions(module, source) : which.map((name) => ({ name, entry: findExport(module, name, source) }));
  const handlers = entries.length > 0 ? entries : [{ name: '', entry: undefined }];
  return handlers.map(({ name, entry }) => ({ file: module.rel, exportName: name, fnIds: [], ...exportFacts(module, entry, source, { sdk: false }) }));
}

/** Each exported function once (`module.exports = fn` is both `default` and `*`). */
function exportedFunctions(module: ModuleInfo, source: ModuleSource): { name: string; entry: FunctionRef }[] {
  const seen = new Set<unknown>();
  const out: { name: string; entry: FunctionRef }[] = [];
  for (const name of module.exports.keys()) {
    const entry = findExport(module, name, source);
    if (!entry || seen.has(entry.fn)) continue;
    seen.add(entry.fn);
    out.push({ name, entry });
  }
  return out;
}
