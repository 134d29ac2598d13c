import path from 'node:path';
import { isInside } from '../../../discover.js';
import { listConfined } from '../../../fs/confined.js';

/** A local module or package: `<base>.py`, `<base>/__init__.py`, or a namespace folder `<base>/`. */
export interface LocalModule {
  readonly base: string;
  /** The file holding its code; undefined for a namespace package (a folder without `__init__.py`). */
  readonly file: string | undefined;
  readonly isPackage: boolean;
}

/** Where imports are looked up for one handler, and which files exist (listed once per run). */
export class ImportResolver {
  private readonly entries = new Map<string, ReadonlyMap<string, boolean> | null>();
  private readonly tablesByRoots = new Map<string, Map<string, LocalModule | undefined>>();
  private readonly rootsKeys = new WeakMap<readonly string[], string>();
  private readonly relativeTables = new Map<string, Map<string, LocalModule | undefined>>();

  constructor(private readonly repoRoot: string) {}

  /** One string per search path, whichever array holds it: the key of what is looked up along it. */
  rootsKey(roots: readonly string[]): string {
    let key = this.rootsKeys.get(roots);
    if (key === undefined) this.rootsKeys.set(roots, (key = roots.join('\0')));
    return key;
  }

  /** Names in a folder → whether each is a folder. */
  private list(dir: string): ReadonlyMap<string, boolean> | null {
    let names = this.entries.get(dir);
    if (names === undefined) {
      // A folder whose real path leaves the repository is not listed: nothing in it is imported.
      const entries = listConfined(dir, this.repoRoot);
      names = entries ? new Map(entries.map((d) => [d.name, d.isDirectory()] as const)) : null;
      this.entries.set(dir, names);
    }
    return names;
  }

  isFile(file: string): boolean {
    return this.list(path.dirname(file))?.get(path.basename(file)) === false;
  }

  private isDir(dir: string): boolean {
    return this.list(path.dirname(dir))?.get(path.basename(dir)) === true;
  }

  /** `base` as a module: `base.py`, `base/__init__.py`, or a namespace package folder. */
  moduleAt(base: string): LocalModule | undefined {
    if (!isInside(this.repoRoot, base)) return undefined;
    if (this.isFile(`${base}.py`)) return { base, file: `${base}.py`, isPackage: false };
    if (this.isFile(path.join(base, '__init__.py'))) return { base, file: path.join(base, '__init__.py'), isPackage: true };
    if (this.isDir(base)) return { base, file: undefined, isPackage: true };
    return undefined;
  }

  /**
   * An absolute import (`a.b`) from the search roots, or a relative one (`..a`, level 2) from the
   * importing file's package. Undefined when it is not in the repository: a library (boto3, requests),
   * or a package installed into the code folder (it has a `*.dist-info` beside it).
   */
  resolve(module: string, level: number, fromFile: string, roots: readonly string[]): LocalModule | undefined {
    // The same imports recur in every handler of a project: each is looked up once per run, in a
    // table per search path (or per importing folder for relative imports) keyed by the short name.
    let table: Map<string, LocalModule | undefined>;
    let key = module;
    if (level > 0) {
      const dir = path.dirname(fromFile);
      let found = this.relativeTables.get(dir);
      if (!found) this.relativeTables.set(dir, (found = new Map()));
      table = found;
      key = `${level}\0${module}`;
    } else {
      const joined = this.rootsKey(roots);
      let found = this.tablesByRoots.get(joined);
      if (!found) this.tablesByRoots.set(joined, (found = new Map()));
      table = found;
    }
    if (table.has(key)) return table.get(key);
    const found = this.resolveUncached(module, level, fromFile, roots);
    table.set(key, found);
    return found;
  }

  private resolveUncached(module: string, level: number, fromFile: string, roots: readonly string[]): LocalModule | undefined {
    const parts = module === '' ? [] : module.split('.');
    if (level > 0) {
      let dir = path.dirname(fromFile);
      for (let i = 1; i < level; i++) dir = path.dirname(dir);
      return parts.length === 0 ? this.moduleAt(dir) : this.moduleAt(path.join(dir, parts.join(path.sep)));
    }
    if (parts.length === 0) return undefined;
    for (const root of roots) {
      const found = this.moduleAt(path.join(root, parts.join(path.sep)));
      if (found && !this.isInstalledPackage(root, parts[0]!)) return found;
    }
    return undefined;
  }

  /** A library vendored by `pip install -t`: its `<name>-<version>.dist-info` folder sits beside it. */
  private isInstalledPackage(root: string, top: string): boolean {
    const names = this.list(root);
    if (!names) return false;
    const prefix = `${top.toLowerCase().replace(/-/g, '_')}-`;
    for (const name of names.keys()) {
      const n = name.toLowerCase();
      if (n.startsWith(prefix) && (n.endsWith('.dist-info') || n.endsWith('.egg-info'))) return true;
    }
    return false;
  }

  /** A submodule of a package (`pkg.sub` from `from pkg import sub`). */
  submodule(parent: LocalModule, name: string): LocalModule | undefined {
    return parent.isPackage ? this.moduleAt(path.join(parent.base, name)) : undefined;
  }
}

/**
 * Where a handler's absolute imports are found, in order: the code folder (Lambda's task root),
 * in-repository layers (`/opt/python` is the layer's `python/` folder), the handler's own folder
 * (sibling modules imported as in local runs) and a `src/` layout.
 */
export function importRoots(codeDir: string, handlerFile: string, layerDirs: readonly string[]): string[] {
  const roots = [codeDir, ...layerDirs.flatMap((d) => [path.join(d, 'python'), d]), path.dirname(handlerFile), path.join(codeDir, 'src')];
  return [...new Set(roots)];
}
