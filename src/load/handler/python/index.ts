import path from 'node:path';
import { toPosix } from '../../../discover.js';
import { diagnostic } from '../../../diagnostics.js';
import { readConfined } from '../../../fs/confined.js';
import { refusalDiagnostic } from '../../../fs/refusal.js';
import { pointLocation } from '../../../location.js';
import type { Diagnostic, Fn, HandlerFacts } from '../../../model.js';
import type { PyAnalysis } from './analysis.js';
import { backgroundWork } from './background.js';
import { ImportResolver, importRoots, type LocalModule } from './imports.js';
import { buildPyModule, type PyModule } from './module.js';
import { parsePython, PythonSyntaxProblem } from './parser.js';
import { findEntry, reachableFunctions } from './reach.js';
import { hardcodedSecrets } from './secrets.js';
import { credentialedCors } from './cors.js';
import { moduleStateWrites } from './state.js';
import { PyTaint } from './taint.js';
import { pythonSdkCalls } from './sdk.js';
import { tmpWrites } from './tmp.js';
import type { PyContext, PyModuleSource } from './values.js';

export { loadPythonParser } from './parser.js';

const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
const MAX_IMPORT_DEPTH = 3;

/** A module whose tree was let go after its handler's analysis: its path stays listed. */
class Released {
  constructor(readonly rel: string) {}
}

/**
 * Parses each Python file once per run, whatever number of functions share it. A handler's own
 * file that no analysis imported is let go when its last function is analysed (`release`): a
 * project's trees then die young instead of being copied from GC space to GC space to the end.
 * Should a later handler import it after all, it is parsed again.
 */
export class PyModuleCache implements PyModuleSource {
  private readonly modules = new Map<string, PyModule | Released | null>();
  /** Files analyses reached through `get` (imports): kept for the run. */
  private readonly imported = new Set<string>();
  /** Why a file could not be analysed, for the functions that need it. */
  readonly failures = new Map<string, string>();
  parses = 0;

  constructor(
    private readonly root: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Project-relative paths of the files parsed. */
  files(): string[] {
    return [...this.modules.values()].filter((m): m is PyModule | Released => m !== null).map((m) => m.rel);
  }

  get(file: string): PyModule | undefined {
    this.imported.add(file);
    return this.handlerModule(file);
  }

  /** A handler's own file, which `release` may let go. */
  handlerModule(file: string): PyModule | undefined {
    const known = this.modules.get(file);
    if (known !== undefined && !(known instanceof Released)) return known ?? undefined;
    return this.parse(file);
  }

  /** Lets a handler's file go once no more of its functions are to be analysed, unless an analysis imported it. */
  release(file: string): void {
    const known = this.modules.get(file);
    if (known && !(known instanceof Released) && !this.imported.has(file)) this.modules.set(file, new Released(known.rel));
  }

  private parse(file: string): PyModule | undefined {
    const rel = toPosix(path.relative(this.root, file));
    let module: PyModule | null = null;
    const fail = (code: 'parse-error' | 'read-error' | 'file-too-large', message: string, line = 1, column = 1) => {
      this.failures.set(file, message);
      this.diagnostics.push(diagnostic(code, message, { file: rel, line, column, endLine: line, endColumn: column + 1 }));
    };
    const read = readConfined(file, this.root, MAX_SOURCE_BYTES);
    if (!read.ok) {
      const refused = refusalDiagnostic(read, pointLocation(rel), { what: 'handler source', limit: '' });
      fail(refused.code as 'read-error' | 'file-too-large', refused.message);
    } else {
      try {
        const text = decodePython(read.bytes);
        this.parses++;
        module = buildPyModule(file, rel, text, parsePython(text));
      } catch (err) {
        if (err instanceof PythonSyntaxProblem) fail('parse-error', `handler source cannot be parsed: ${err.message}`, err.line, err.column);
        else if (err instanceof SourceEncodingError) fail('parse-error', `handler source cannot be parsed: ${err.message}`, err.line, 1);
        else fail('read-error', `cannot read handler source: ${(err as Error).message}`);
      }
    }
    this.modules.set(file, module);
    return module ?? undefined;
  }
}

class SourceEncodingError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** One decoder per encoding for the run (making one is a good part of decoding a small file). */
const decoders = new Map<string, TextDecoder>();

/** Source text as Python reads it: UTF-8 (BOM allowed), or the encoding a PEP 263 comment declares. */
function decodePython(bytes: Buffer): string {
  const head = bytes.subarray(0, 400).toString('latin1').split('\n').slice(0, 2);
  const declared = head.map((l) => /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(l)?.[1]).find((e) => e !== undefined);
  // Python's names for Latin-1 are not WHATWG labels; the others (cp1252, euc-jp, …) are.
  const normalised = declared?.toLowerCase().replace(/_/g, '-').replace(/^(latin-?1|iso-?8859-?1|l1|cp819)$/, 'latin1');
  const encoding = normalised && !/^utf-?8/.test(normalised) ? normalised : 'utf-8';
  let decoder = decoders.get(encoding);
  if (!decoder) {
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      throw new SourceEncodingError(`unknown source encoding "${declared}"`, 1);
    }
    decoders.set(encoding, decoder);
  }
  try {
    const text = decoder.decode(bytes);
    if (text.includes('\0')) throw new SourceEncodingError('source contains a NUL byte', text.slice(0, text.indexOf('\0')).split('\n').length);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (err) {
    if (err instanceof SourceEncodingError) throw err;
    const lenient = new TextDecoder(encoding).decode(bytes);
    const line = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))).split('\n').length;
    throw new SourceEncodingError(`not valid ${encoding === 'utf-8' ? 'UTF-8' : encoding} (Python 3 reads source as UTF-8 unless a coding comment says otherwise)`, line);
  }
}

export interface PythonHandlerRequest {
  readonly file: string;
  readonly exportName: string;
  /** The functions it serves: the first one's code folder and layers decide where imports are found. */
  readonly fns: readonly Fn[];
}

/**
 * Local modules and packages a module imports (at any depth in its code, and by `from x import *`),
 * worked out once per module and search path: a shared module is in every handler's closure.
 */
function importTargets(ctx: PyContext, module: PyModule): readonly LocalModule[] {
  const key = ctx.imports.rootsKey(ctx.roots);
  const known = (module.importTargets ??= new Map()).get(key);
  if (known) return known;
  const targets = importTargetsUncached(ctx, module);
  module.importTargets.set(key, targets);
  return targets;
}

function importTargetsUncached(ctx: PyContext, module: PyModule): LocalModule[] {
  const out: LocalModule[] = [];
  for (const scope of module.scopes.values()) {
    for (const w of scope.wildcards) {
      const target = ctx.imports.resolve(w.module, w.level, module.file, ctx.roots);
      if (target) out.push(target);
    }
    for (const v of scope.vars.values()) {
      for (const b of v.bindings) {
        if (b.kind !== 'import') continue;
        const target = ctx.imports.resolve(b.module, b.level, module.file, ctx.roots);
        if (!target) continue;
        out.push(target);
        const sub = b.name !== undefined ? ctx.imports.submodule(target, b.name) : undefined;
        if (sub) out.push(sub);
      }
    }
  }
  return out;
}

/** Local modules a module imports, as parsed modules. */
function importedModules(ctx: PyContext, module: PyModule): PyModule[] {
  return importTargets(ctx, module).flatMap((t) => (t.file ? ctx.modules.get(t.file) ?? [] : []));
}

/** Files the closure's modules import locally (parsed or not). */
function closureImports(ctx: PyContext, closure: readonly PyModule[]): Set<string> {
  return new Set(closure.flatMap((module) => importTargets(ctx, module).flatMap((t) => t.file ?? [])));
}

/** The handler file and the local modules it imports, a few levels deep. */
function localModuleClosure(ctx: PyContext, start: PyModule): PyModule[] {
  const out = [start];
  const seen = new Set([start]);
  let frontier = [start];
  for (let depth = 0; depth < MAX_IMPORT_DEPTH; depth++) {
    const next: PyModule[] = [];
    for (const m of frontier) {
      for (const t of importedModules(ctx, m)) {
        if (seen.has(t)) continue;
        seen.add(t);
        out.push(t);
        next.push(t);
      }
    }
    frontier = next;
  }
  return out;
}

/** Why the functions a handler serves are not (fully) analysed: a label for summaries and a sentence. */
export interface Skipped {
  readonly kind: string;
  readonly reason: string;
}

/**
 * Facts of one Python handler. Without facts when its file could not be read or parsed (the
 * cache has reported a located diagnostic): no finding ever comes from a half-parsed file.
 */
export function analysePythonHandler(request: PythonHandlerRequest, cache: PyModuleCache, imports: ImportResolver, root: string): { facts?: HandlerFacts; skipped?: Skipped } {
  const module = cache.handlerModule(request.file);
  const rel = toPosix(path.relative(root, request.file));
  if (!module) return { skipped: { kind: 'unreadable handler', reason: `handler source ${rel} could not be read or parsed (${cache.failures.get(request.file) ?? 'see its diagnostic'})` } };
  const ref = request.fns[0]?.handler;
  const codeDir = path.resolve(root, ref?.codeDir ?? path.dirname(rel));
  const ctx: PyContext = { modules: cache, imports, roots: importRoots(codeDir, request.file, (ref?.layerDirs ?? []).map((d) => path.resolve(root, d))), values: new Map() };
  const closure = localModuleClosure(ctx, module);
  const entry = findEntry(ctx, module, request.exportName);
  const base = { file: module.rel, exportName: request.exportName, fnIds: request.fns.map((f) => f.id), sdkCalls: [], hardcodedSecrets: hardcodedSecrets(closure), credentialedCors: credentialedCors(closure) };
  if (!entry) {
    return {
      facts: { ...base, complete: false, moduleStateWrites: [], tmpWrites: [], backgroundWork: [], sdkGaps: ['the handler function was not found'] },
      skipped: { kind: 'export not found', reason: `function "${request.exportName}" not found in ${module.rel}: only its literals are checked` },
    };
  }
  const { functions, roots } = reachableFunctions(ctx, entry.roots, entry.dispatchers, closure);
  const analysis: PyAnalysis = { ctx, functions, taint: new PyTaint(ctx, roots, functions), ...(entry.roots[0] ? { entry: entry.roots[0].fn } : {}) };
  const sdk = pythonSdkCalls(analysis);
  // A local module that could not be parsed may call AWS: the picture is not complete.
  const imported = closureImports(ctx, closure);
  const unparsed = [...cache.failures.keys()].filter((f) => f !== request.file && imported.has(f)).map((f) => `${toPosix(path.relative(root, f))} could not be parsed: its AWS calls are not seen`);
  return {
    facts: {
      ...base,
      sdkCalls: sdk.calls,
      complete: true,
      moduleStateWrites: moduleStateWrites(analysis),
      tmpWrites: tmpWrites(analysis),
      backgroundWork: backgroundWork(analysis),
      sdkGaps: [...sdk.gaps, ...unparsed],
    },
  };
}

export { ImportResolver };
