import path from 'node:path';
import { isInside, toPosix } from '../../discover.js';
import { confinedRealPath, listConfined } from '../../fs/confined.js';
import type { Fn } from '../../model.js';
import { append } from '../../arrays.js';

const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.tsx', '.jsx'];
/** Output folders of TypeScript and bundler builds whose sources live elsewhere (`dist/users.handler` → `src/users.ts`). */
const BUILD_DIRS = /^(dist|build|lib|out|\.build|\.esbuild|\.webpack)\//;

export type HandlerLanguage = 'javascript' | 'python';

export type Resolution =
  | { readonly kind: 'file'; readonly file: string; readonly exportName: string; readonly language: HandlerLanguage }
  /** `label` names the reason in summaries: a runtime (`java21`), `no handler`, `handler not found`. */
  | { readonly kind: 'skip'; readonly label: string; readonly reason: string; /** Refused by confinement: an error, not only a note. */ readonly refused?: boolean };

/** The language a function's runtime runs; undefined when no runtime is set (then the files decide). */
function runtimeLanguage(fn: Fn): HandlerLanguage | 'other' | undefined {
  const runtimes = (fn.runtime?.values ?? []).map((v) => v.value?.toLowerCase()).filter((v) => v !== undefined);
  if (runtimes.length === 0) return undefined;
  if (runtimes.some((r) => r.startsWith('nodejs'))) return 'javascript';
  if (runtimes.some((r) => r.startsWith('python'))) return 'python';
  return 'other';
}

/** Folder listings, read once: resolving a handler tries up to 16 names, and many functions share folders. `outside`: the folder's real path leaves the repository. */
const listings = new Map<string, ReadonlySet<string> | null | 'outside'>();

function listing(dir: string, root: string): ReadonlySet<string> | null | 'outside' {
  let names = listings.get(dir);
  if (names === undefined) {
    const resolved = confinedRealPath(dir, root);
    if (!('real' in resolved)) names = resolved.refusal === 'outside' ? 'outside' : null;
    // Anything but a folder: a symlink, a FIFO or a device named like the handler is found, so that reading it reports the refusal.
    else names = new Set((listConfined(dir, root) ?? []).filter((d) => !d.isDirectory()).map((d) => d.name));
    listings.set(dir, names);
  }
  return names;
}

/** Forgets folder listings (between runs in one process: files may have changed). */
export function clearHandlerResolutionCache(): void {
  listings.clear();
}

/** The first candidate that exists; else a folder on the way that leads outside the repository, if one does. */
function firstExisting(candidates: readonly string[], root: string): { file: string } | { outside: string } | undefined {
  let outside: string | undefined;
  for (const c of candidates) {
    const names = listing(path.dirname(c), root);
    if (names === 'outside') outside ??= path.dirname(c);
    else if (names?.has(path.basename(c))) return { file: c };
  }
  return outside === undefined ? undefined : { outside };
}

/** A handler whose folder is a symlink leaving the repository: not read, and said so. */
function outsideSkip(dir: string, root: string): Resolution {
  return { kind: 'skip', label: 'outside the repository', reason: `handler folder ${toPosix(path.relative(root, dir)) || '.'} links outside the repository: not read`, refused: true };
}

function withExtensions(base: string): string[] {
  const index = path.join(base, 'index');
  return [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => index + e)];
}

/**
 * Finds the source file and export a function's `handler` names. `src/users.create` →
 * `src/users.{ts,js,…}` (or `src/users/index.*`), export `create`, relative to the config
 * (serverless) or `CodeUri`/`Code` (SAM, CloudFormation). Build output paths and SAM esbuild
 * entry points lead back to sources. Never resolves outside the repository.
 */
export function resolveHandler(fn: Fn, root: string): Resolution {
  const ref = fn.handler;
  if (!ref) return { kind: 'skip', label: 'no handler', reason: 'no handler' };
  const language = runtimeLanguage(fn);
  if (language === 'other') {
    const runtime = fn.runtime?.values.find((v) => v.value !== undefined)?.value?.toLowerCase() ?? 'unknown runtime';
    return { kind: 'skip', label: runtime, reason: `runtime ${runtime} has no handler analyser (JavaScript, TypeScript and Python have)` };
  }
  if (language === 'python') return resolvePythonHandler(fn, root);
  const js = resolveJavaScriptHandler(fn, root);
  if (js.kind === 'skip' && language === undefined) {
    const py = resolvePythonHandler(fn, root);
    if (py.kind === 'file') return py;
  }
  return js;
}

/**
 * Python: Lambda imports the module part of `src/orders/app.handler` (or `orders.app.handler`)
 * from the code folder: `src/orders/app.py`, or a package's `__init__.py`.
 */
function resolvePythonHandler(fn: Fn, root: string): Resolution {
  const ref = fn.handler!;
  const dot = ref.handler.lastIndexOf('.');
  if (dot <= 0) return { kind: 'skip', label: 'handler not found', reason: `handler "${ref.handler}" names no function` };
  const modulePath = ref.handler.slice(0, dot).replace(/^\.\//, '').replace(/\./g, '/');
  const exportName = ref.handler.slice(dot + 1);
  const codeDir = path.resolve(root, ref.codeDir);
  const base = path.join(codeDir, modulePath);
  const found = firstExisting([`${base}.py`, path.join(base, '__init__.py')].filter((c) => isInside(root, c)), root);
  if (found && 'outside' in found) return outsideSkip(found.outside, root);
  const file = found?.file;
  if (!file) {
    return { kind: 'skip', label: 'handler not found', reason: `handler source for "${ref.handler}" not found under ${path.relative(root, codeDir) || '.'}` };
  }
  return { kind: 'file', file, exportName, language: 'python' };
}

function resolveJavaScriptHandler(fn: Fn, root: string): Resolution {
  const ref = fn.handler!;
  const dot = ref.handler.lastIndexOf('.');
  if (dot <= 0) return { kind: 'skip', label: 'handler not found', reason: `handler "${ref.handler}" names no export` };
  const modulePath = ref.handler.slice(0, dot);
  const exportName = ref.handler.slice(dot + 1);
  const codeDir = path.resolve(root, ref.codeDir);
  const bases = [modulePath];
  if (BUILD_DIRS.test(modulePath)) {
    const rest = modulePath.replace(BUILD_DIRS, '');
    bases.push(`src/${rest}`, rest);
  }
  const candidates: string[] = [];
  for (const entry of ref.entryPoints ?? []) {
    // esbuild bundles EntryPoints into files named after them: app.ts → app.js → Handler app.handler.
    const parsed = path.posix.parse(entry);
    if (parsed.name === path.posix.basename(modulePath)) candidates.push(path.join(codeDir, entry));
  }
  for (const base of bases) append(candidates, withExtensions(path.join(codeDir, base)));
  const found = firstExisting(candidates.filter((c) => isInside(root, c)), root);
  if (found && 'outside' in found) return outsideSkip(found.outside, root);
  const file = found?.file;
  if (!file) {
    return { kind: 'skip', label: 'handler not found', reason: `handler source for "${ref.handler}" not found under ${path.relative(root, codeDir) || '.'}` };
  }
  return { kind: 'file', file, exportName, language: 'javascript' };
}
