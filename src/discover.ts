import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ignoreRules as ignore, type IgnoreRules as Ignore } from './ignore-rules.js';
import { lstat, readConfinedText, within } from './fs/confined.js';

/** A .gitignore larger than this is not used (real ones are a few kilobytes; a huge one costs memory and time). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/** Directories no project wants scanned: dependencies, VCS data and deployment artefacts. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.serverless', '.aws-sam', '.hg', '.svn', '.venv', '__pycache__']);
const SERVERLESS_NAMES = /^serverless\.(ya?ml|json)$/;
const SERVERLESS_CODE = /^serverless\.(ts|js|mjs|cjs)$/;
const TEMPLATE_CANDIDATE = /\.(ya?ml|json|template)$/;
const NEVER_TEMPLATES = /^(package(-lock)?\.json|tsconfig(\..*)?\.json|jsconfig\.json|\.eslintrc.*|composer\.(json|lock)|.*\.schema\.json|cdk\.json|cdk\.context\.json|manifest\.json|tree\.json|\.prettierrc.*|pnpm-lock\.yaml|yarn\.lock)$/;

export type CandidateKind = 'serverless' | 'serverless-code' | 'template';

export interface Candidate {
  readonly path: string;
  /** The real path (symlinks resolved), to recognise a file reached twice. */
  readonly real: string;
  readonly kind: CandidateKind;
  /** Named on the command line: classified by content even if the name is unusual. */
  readonly explicit: boolean;
}

export interface Discovery {
  readonly candidates: Candidate[];
  readonly notes: string[];
  readonly problems: { path: string; message: string }[];
}

/** The repository a scan may read from: the enclosing git work tree, else the scanned path itself. */
export function repositoryRoot(scanned: string): string {
  const start = path.resolve(scanned);
  let dir = isDirectory(start) ? start : path.dirname(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return isDirectory(start) ? start : path.dirname(start);
    dir = parent;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function isInside(root: string, target: string): boolean {
  return within(root, target);
}

/** A file whose name alone says it is a config to analyse: never skipped silently. */
function isConfigName(name: string): boolean {
  return SERVERLESS_NAMES.test(name) || SERVERLESS_CODE.test(name) || /^template\.(ya?ml|json)$/.test(name) || /\.template(\.json)?$/.test(name) || name === 'cdk.out';
}

function classify(name: string, explicit: boolean): CandidateKind | undefined {
  if (SERVERLESS_NAMES.test(name)) return 'serverless';
  if (SERVERLESS_CODE.test(name)) return 'serverless-code';
  if (NEVER_TEMPLATES.test(name) && !explicit) return undefined;
  if (TEMPLATE_CANDIDATE.test(name) || explicit) return 'template';
  return undefined;
}

/**
 * The files git would show in `dir`: tracked ones (even when ignored, submodules included) and
 * untracked ones no ignore rule (`.gitignore` at any level, `.git/info/exclude`, the global
 * excludes file) excludes. Also the ignored `cdk.out` folders, and nested repositories.
 * Undefined when git is not installed or `root` is not the top of a git work tree.
 */
function gitListing(root: string, dir: string): { files: string[]; cdkOut: string[]; nested: string[] } | undefined {
  const spec = `:(literal)${toPosix(path.relative(root, dir)) || '.'}`;
  // Variables a git hook may set (GIT_DIR, GIT_INDEX_FILE) would point git at another repository or index.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', env: { ...env, GIT_OPTIONAL_LOCKS: '0' }, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
    return r.status === 0 && typeof r.stdout === 'string' ? r.stdout : undefined;
  };
  const top = git('rev-parse', '--show-toplevel');
  if (top === undefined || safeRealpath(top.trim()) !== (safeRealpath(root) ?? root)) return undefined;
  const tracked = git('ls-files', '-z', '--cached', '--recurse-submodules', '--', spec);
  const untracked = git('ls-files', '-z', '--others', '--exclude-standard', '--', spec);
  const ignoredDirs = git('ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--', spec);
  if (tracked === undefined || untracked === undefined || ignoredDirs === undefined) return undefined;
  const entries = (out: string) => out.split('\0').filter(Boolean);
  const abs = (rel: string) => path.join(root, rel.replace(/\/$/, ''));
  const others = entries(untracked);
  return {
    files: [...new Set([...entries(tracked), ...others.filter((e) => !e.endsWith('/'))])].sort().map(abs),
    // A symlinked `cdk.out` is listed as a file (no trailing slash): kept, so the scan can refuse it if it leaves the repository.
    cdkOut: entries(ignoredDirs).filter((e) => path.posix.basename(e.replace(/\/$/, '')) === 'cdk.out').map(abs),
    nested: others.filter((e) => e.endsWith('/')).map(abs),
  };
}

/** The `.gitignore` rules that apply inside `dir`: those of its ancestors up to `root`, and `.git/info/exclude`. */
function inheritedIgnores(root: string, dir: string): { base: string; ig: Ignore }[] {
  const scopes: { base: string; ig: Ignore }[] = [];
  const addFile = (base: string, file: string) => {
    const read = readConfinedText(file, root, MAX_IGNORE_FILE_BYTES);
    // No such file, unreadable, or refused: nothing ignored by it (faaslint scans a little more).
    if (read.ok) scopes.push({ base, ig: ignore().add(read.text) });
  };
  addFile(root, path.join(root, '.git', 'info', 'exclude'));
  const chain: string[] = [];
  for (let d = path.dirname(dir); isInside(root, d); d = path.dirname(d)) {
    chain.unshift(d);
    if (d === root) break;
  }
  for (const d of chain) addFile(d, path.join(d, '.gitignore'));
  return scopes;
}

/**
 * Finds configuration files under the given paths, never leaving `root`. Inside a git work tree
 * the files are those git lists (tracked, or untracked and not ignored); elsewhere the
 * `.gitignore` files are read. Either way `cdk.out` is scanned although it is always ignored.
 */
export function discover(paths: readonly string[], root: string): Discovery {
  const candidates: Candidate[] = [];
  const notes: string[] = [];
  const problems: { path: string; message: string }[] = [];
  const seenFiles = new Set<string>();
  const visitedDirs = new Set<string>();
  const realRoot = safeRealpath(root) ?? root;

  /** A symlink the scan does not follow: an error for a file named as a config, else a note (a YAML file may be anything). */
  const refuseLink = (file: string, why: string) => {
    if (isConfigName(path.basename(file))) problems.push({ path: file, message: `cannot read: ${why}` });
    else notes.push(`skipped ${file}: ${why}`);
  };
  const add = (file: string, real: string, kind: CandidateKind, explicit: boolean) => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    candidates.push({ path: file, real, kind, explicit });
  };
  // `real` is the folder's real path, extended name by name: only symlinks need a realpath call.
  const walk = (dir: string, real: string, ignores: readonly { base: string; ig: Ignore }[]) => {
    if (visitedDirs.has(real)) return;
    if (!isInside(realRoot, real)) {
      notes.push(`skipped ${dir}: links outside the repository`);
      return;
    }
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ path: dir, message: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      return;
    }
    let scopes = ignores;
    const gitignore = entries.find((e) => e.name === '.gitignore' && e.isFile());
    if (gitignore) {
      const read = readConfinedText(path.join(dir, '.gitignore'), root, MAX_IGNORE_FILE_BYTES);
      // An unreadable or refused .gitignore only means we scan a little more.
      if (read.ok) scopes = [...ignores, { base: dir, ig: ignore().add(read.text) }];
      else notes.push(`${path.join(dir, '.gitignore')}: not used: ${read.message}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let realFull = path.join(real, entry.name);
      if (entry.isSymbolicLink()) {
        const target = safeRealpath(full);
        if (!target || !isInside(realRoot, target)) {
          refuseLink(full, target ? 'symlink leaves the repository' : 'symlink to nothing');
          continue;
        }
        const st = safeStat(target);
        isDir = st?.isDirectory() ?? false;
        isFile = st?.isFile() ?? false;
        realFull = target;
      }
      if (isDir && SKIPPED_DIRS.has(entry.name)) continue;
      // Bundled asset folders of a CDK synth hold code and dependencies, not templates.
      if (isDir && entry.name.startsWith('asset.') && path.basename(dir) === 'cdk.out') continue;
      // `cdk.out` is always git-ignored, yet its synthesized templates are what a CDK app deploys.
      const synthesized = isDir ? entry.name === 'cdk.out' : path.basename(dir) === 'cdk.out';
      if (!synthesized && scopes.some(({ base, ig }) => ig.ignores(toPosix(path.relative(base, full)) + (isDir ? '/' : '')))) {
        continue;
      }
      if (isDir) walk(full, realFull, scopes);
      else if (isFile) {
        const kind = classify(entry.name, false);
        if (kind) add(full, realFull, kind, false);
      } else if (isConfigName(entry.name)) problems.push({ path: full, message: 'cannot read: not a regular file: not read' });
    }
  };

  /** A file git listed: classified by name, kept only if it exists and stays inside the repository. */
  const addListed = (file: string, scanned: string) => {
    const kind = classify(path.basename(file), false);
    if (!kind) return;
    const dirs = toPosix(path.relative(scanned, path.dirname(file))).split('/');
    if (dirs.some((d) => SKIPPED_DIRS.has(d))) return;
    if (dirs.some((d, i) => i > 0 && dirs[i - 1] === 'cdk.out' && d.startsWith('asset.'))) return;
    const real = safeRealpath(file);
    if (!real) {
      // Tracked, but deleted in the work tree; or a symlink to nothing.
      if (lstat(file)?.isSymbolicLink()) refuseLink(file, 'symlink to nothing');
      return;
    }
    if (!isInside(realRoot, real)) {
      refuseLink(file, 'symlink leaves the repository');
      return;
    }
    if (!safeStat(real)?.isFile()) {
      if (isConfigName(path.basename(file))) problems.push({ path: file, message: 'cannot read: not a regular file: not read' });
      return;
    }
    add(file, real, kind, false);
  };

  const scanDirectory = (abs: string, real: string) => {
    const listing = gitListing(root, abs);
    if (listing) {
      for (const file of listing.files) addListed(file, abs);
      for (const dir of listing.nested) notes.push(`skipped ${dir}: a repository of its own (name it on the command line to scan it)`);
      for (const dir of [...listing.cdkOut, ...listing.files.filter((f) => path.basename(f) === 'cdk.out')]) {
        const real = safeRealpath(dir);
        if (!real || !isInside(realRoot, real)) refuseLink(dir, real ? 'symlink leaves the repository' : 'symlink to nothing');
        else if (safeStat(real)?.isDirectory()) walk(dir, real, []);
      }
      return;
    }
    notes.push(`${root}: not a git work tree git can read; following .gitignore files`);
    const scopes = inheritedIgnores(root, abs);
    const ignoredItself = abs !== root && path.basename(abs) !== 'cdk.out' && scopes.some(({ base, ig }) => isInside(base, abs) && abs !== base && ig.ignores(`${toPosix(path.relative(base, abs))}/`));
    if (ignoredItself) {
      notes.push(`skipped ${abs}: ignored by .gitignore`);
      return;
    }
    walk(abs, real, scopes);
  };

  for (const p of paths) {
    const abs = path.resolve(p);
    const st = safeStat(abs);
    if (!st) {
      problems.push({ path: p, message: 'no such file or directory' });
      continue;
    }
    const real = safeRealpath(abs) ?? abs;
    if (st.isDirectory()) scanDirectory(abs, real);
    else {
      const kind = classify(path.basename(abs), true);
      if (kind) add(abs, real, kind, true);
    }
  }
  return { candidates, notes, problems };
}

export function safeRealpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function safeStat(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
