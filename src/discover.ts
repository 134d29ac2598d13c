import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

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
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function classify(name: string, explicit: boolean): CandidateKind | undefined {
  if (SERVERLESS_NAMES.test(name)) return 'serverless';
  if (SERVERLESS_CODE.test(name)) return 'serverless-code';
  if (NEVER_TEMPLATES.test(name) && !explicit) return undefined;
  if (TEMPLATE_CANDIDATE.test(name) || explicit) return 'template';
  return undefined;
}

/** Finds configuration files under the given paths, honouring .gitignore and never leaving `root`. */
export function discover(paths: readonly string[], root: string): Discovery {
  const candidates: Candidate[] = [];
  const notes: string[] = [];
  const problems: { path: string; message: string }[] = [];
  const seenFiles = new Set<string>();
  const visitedDirs = new Set<string>();
  const realRoot = safeRealpath(root) ?? root;

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
      try {
        scopes = [...ignores, { base: dir, ig: ignore().add(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')) }];
      } catch {
        // An unreadable .gitignore only means we scan a little more.
      }
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
          notes.push(`skipped ${full}: symlink leaves the repository`);
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
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(p);
    const st = safeStat(abs);
    if (!st) {
      problems.push({ path: p, message: 'no such file or directory' });
      continue;
    }
    const real = safeRealpath(abs) ?? abs;
    if (st.isDirectory()) walk(abs, real, []);
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
