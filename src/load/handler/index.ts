import path from 'node:path';
import { toPosix } from '../../discover.js';
import { diagnostic } from '../../diagnostics.js';
import { pointLocation } from '../../location.js';
import type { Diagnostic, Fn, HandlerFacts } from '../../model.js';
import type { NotAnalysed } from '../../not-analysed.js';
import { clearHandlerResolutionCache, resolveHandler } from './resolve.js';
import { clearWorkspaceCache } from './workspace-cache.js';
import { append } from '../../arrays.js';

export interface HandlerAnalysis {
  readonly handlers: HandlerFacts[];
  readonly notes: string[];
  /** Functions whose handler was not analysed, with the reason. */
  readonly notAnalysed: NotAnalysed[];
  readonly parses: number;
  /** Project-relative paths of the source files parsed. */
  readonly files: string[];
}

export interface HandlerGroup {
  readonly file: string;
  readonly exportName: string;
  readonly fns: Fn[];
}

/**
 * Resolves each function's handler source and computes its facts. Each language's parser loads
 * only if a handler in that language is found.
 */
export async function analyseHandlers(
  functions: readonly Fn[],
  root: string,
  diagnostics: Diagnostic[],
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<HandlerAnalysis> {
  const notes: string[] = [];
  const notAnalysed: NotAnalysed[] = [];
  const skip = (fn: Fn, kind: string, reason: string) =>
    notAnalysed.push({ function: fn.name, file: fn.input.file, line: fn.location.line, kind, reason });
  clearHandlerResolutionCache();
  clearWorkspaceCache();
  const groups = new Map<string, HandlerGroup>();
  const pythonGroups = new Map<string, HandlerGroup>();
  for (const fn of functions) {
    if (fn.image) {
      skip(fn, 'image', 'deployed as a container image: its code is not in the repository as a handler faaslint can read');
      continue;
    }
    if (fn.handler?.inlineCode) {
      // Inline code is deployment glue (custom resources); its lines cannot be mapped back into the template reliably.
      skip(fn, 'inline code', 'inline code in the template is not analysed');
      continue;
    }
    const r = resolveHandler(fn, root);
    if (r.kind === 'skip') {
      skip(fn, r.label, r.reason);
      if (r.refused) diagnostics.push(diagnostic('read-error', `function ${fn.name}: ${r.reason}`, fn.handler?.loc ?? fn.location));
      continue;
    }
    const key = `${r.file}#${r.exportName}`;
    const byLanguage = r.language === 'python' ? pythonGroups : groups;
    const group = byLanguage.get(key) ?? { file: r.file, exportName: r.exportName, fns: [] };
    group.fns.push(fn);
    byLanguage.set(key, group);
  }
  const handlers: HandlerFacts[] = [];
  let done = 0;
  let parses = 0;
  const files: string[] = [];
  if (groups.size > 0) {
    // The JavaScript/TypeScript analysis (its ~30 modules) loads only when such a handler is in scope.
    const { analyseJavaScriptHandlers } = await import('./javascript.js');
    const js = analyseJavaScriptHandlers(groups.values(), root, diagnostics, {
      skip,
      notes,
      handlers,
      progress: (file) => onProgress?.(done++, groups.size + pythonGroups.size, file),
    });
    parses = js.parses;
    append(files, js.files);
  }
  if (pythonGroups.size > 0) {
    // The Python analysis (15 modules) and its parser load only when a Python handler is in scope.
    const { analysePythonHandler, ImportResolver, loadPythonParser, PyModuleCache } = await import('./python/index.js');
    await loadPythonParser();
    const pyCache = new PyModuleCache(root, diagnostics);
    const imports = new ImportResolver(root);
    const pending = new Map<string, number>();
    for (const group of pythonGroups.values()) pending.set(group.file, (pending.get(group.file) ?? 0) + 1);
    for (const group of pythonGroups.values()) {
      onProgress?.(done++, groups.size + pythonGroups.size, group.file);
      try {
        const { facts, skipped } = analysePythonHandler(group, pyCache, imports, root);
        if (facts) handlers.push(facts);
        if (skipped) for (const fn of group.fns) skip(fn, skipped.kind, skipped.reason);
      } catch (err) {
        const rel = toPosix(path.relative(root, group.file));
        diagnostics.push(diagnostic('internal-error', `handler analysis failed (please report it): ${(err as Error).message}`, pointLocation(rel)));
        for (const fn of group.fns) skip(fn, 'internal error', `handler analysis of ${rel} failed (see its diagnostic)`);
      }
      const left = pending.get(group.file)! - 1;
      pending.set(group.file, left);
      if (left === 0) pyCache.release(group.file);
    }
    parses += pyCache.parses;
    append(files, pyCache.files());
  }
  for (const n of notAnalysed) notes.push(`${n.file}${n.line ? `:${n.line}` : ''}: function ${n.function}: ${n.reason}`);
  return { handlers, notes, notAnalysed, parses, files };
}
