import path from 'node:path';
import { toPosix } from '../../discover.js';
import { diagnostic } from '../../diagnostics.js';
import { readConfinedLenientText } from '../../fs/confined.js';
import { refusalDiagnostic } from '../../fs/refusal.js';
import { pointLocation } from '../../location.js';
import type { Diagnostic, Fn, HandlerFacts } from '../../model.js';
import { exportFacts } from './facts.js';
import type { HandlerGroup } from './index.js';
import { buildModule, type ModuleInfo } from './modules.js';
import { ParseFailure } from './parse.js';
import { findExport, type ModuleSource } from './reach.js';

/*
 * The analysis of JavaScript and TypeScript handlers, loaded by index.ts only when one is in
 * scope: a scan of templates whose code is elsewhere never compiles its modules.
 */

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

/** Where the analysis reports: functions left out, notes, and each handler's facts. */
export interface JavaScriptSinks {
  readonly skip: (fn: Fn, kind: string, reason: string) => void;
  readonly notes: string[];
  readonly handlers: HandlerFacts[];
  readonly progress: (file: string) => void;
}

/** Computes the facts of each handler group (a file and export); returns the files parsed. */
export function analyseJavaScriptHandlers(
  groups: Iterable<HandlerGroup>,
  root: string,
  diagnostics: Diagnostic[],
  { skip, notes, handlers, progress }: JavaScriptSinks,
): { parses: number; files: string[] } {
  const cache = new ModuleCache(root, diagnostics);
  for (const group of groups) {
    progress(group.file);
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
  return { parses: cache.parses, files: cache.files() };
}
