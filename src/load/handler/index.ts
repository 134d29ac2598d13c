import path from 'node:path';
import { toPosix } from '../../discover.js';
import { diagnostic } from '../../diagnostics.js';
import { readConfinedLenientText } from '../../fs/confined.js';
import { refusalDiagnostic } from '../../fs/refusal.js';
import { pointLocation } from '../../location.js';
import type { Diagnostic, Fn, HandlerFacts } from '../../model.js';
import type { NotAnalysed } from '../../not-analysed.js';
import { exportFacts } from './facts.js';
import { buildModule, clearWorkspaceCache, type ModuleInfo } from './modules.js';
import { ParseFailure } from './parse.js';
import { findExport, type ModuleSource } from './reach.js';
import { clearHandlerResolutionCache, resolveHandler } from './resolve.js';
import { append } from '../../arrays.js';

const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/** Parses each source file at most once per run, whatever number of functions share it. */
export class ModuleCache implements ModuleSource {
  private readonly modules = new Map<string, ModuleInfo | null>();
  /** How many files were parsed: tests assert sharing through it. */
  parses = 0;

  constructor(
    private readonly root: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Project-relative paths of the files parsed. */
  files(): string[] {
    return [...this.modules].filter(([, m]) => m !== null).map(([, m]) => m!.rel);
  }

  get(file: string): ModuleInfo | undefined {
    const known = this.modules.get(file);
    if (known !== undefined) return known ?? undefined;
    const rel = toPosix(path.relative(this.root, file));
    let module: ModuleInfo | null = null;
    const read = readConfinedLenientText(file, this.root, MAX_SOURCE_BYTES);
    if (!read.ok) this.diagnostics.push(refusalDiagnostic(read, pointLocation(rel), { what: 'handler source', limit: '' }));
    else {
      try {
        this.parses++;
        module = buildModule(file, rel, read.text, this.root);
      } catch (err) {
        if (!(err instanceof ParseFailure)) throw err;
        this.diagnostics.push(
          diagnostic('parse-error', `handler source cannot be parsed: ${err.message}`, { file: rel, line: err.line, column: err.column, endLine: err.line, endColumn: err.column + 1 }),
        );
      }
    }
    this.modules.set(file, module);
    return module ?? undefined;
  }
}

export interface HandlerAnalysis {
  readonly handlers: HandlerFacts[];
  readonly notes: string[];
  /** Functions whose handler was not analysed, with the reason. */
  readonly notAnalysed: NotAnalysed[];
  readonly parses: number;
  /** Project-relative paths of the source files parsed. */
  readonly files: string[];
}

interface HandlerGroup {
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
  const cache = new ModuleCache(root, diagnostics);
  const handlers: HandlerFacts[] = [];
  let done = 0;
  for (const group of groups.values()) {
    onProgress?.(done++, groups.size + pythonGroups.size, group.file);
    const module = cache.get(group.file);
    if (!module) {
      const rel = toPosix(path.relative(root, group.file));
      for (const fn of group.fns) skip(fn, 'unreadable handler', `handler source ${rel} could not be read or parsed (see its diagnostic)`);
      continue;
    }
    const entry = findExport(module, group.exportName, cache);
    if (!entry) {
      for (const fn of group.fns) skip(fn, 'export not found', `export "${group.exportName}" not found in ${module.rel}: only its literals are checked`);
    }
    try {
      const facts = exportFacts(module, entry, cache);
      handlers.push({ file: module.rel, exportName: group.exportName, fnIds: group.fns.map((fn) => fn.id), ...facts });
      // `--debug` names what made the handler's AWS usage incomplete, call site by call site.
      for (const g of facts.sdkGaps) notes.push(`${module.rel}: ${group.exportName}: AWS usage incomplete (no unused-permission verdicts on its roles): ${g}`);
    } catch (err) {
      diagnostics.push(diagnostic('internal-error', `handler analysis failed (please report it): ${(err as Error).message}`, pointLocation(module.rel)));
      for (const fn of group.fns) skip(fn, 'internal error', `handler analysis of ${module.rel} failed (see its diagnostic)`);
    }
  }
  let parses = cache.parses;
  const files = cache.files();
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
