import fs from 'node:fs';
import path from 'node:path';

/**
 * The one way faaslint reads a file of the project it scans. The file's real path (symlinks
 * resolved) must lie inside the repository, it must be a regular file (not a device, FIFO or
 * socket), and within a size limit; all three are checked on the opened descriptor, so a
 * symlink swapped between the check and the read cannot redirect it. A refusal says why in
 * words that never quote the file (a config linked to /etc/passwd must not print it).
 */

/** Why a file was not read: each maps to a diagnostic the caller locates. */
export type Refusal = 'outside' | 'not-regular' | 'too-large' | 'missing' | 'unreadable';

export type ConfinedRead =
  | { readonly ok: true; readonly bytes: Buffer; readonly real: string }
  | { readonly ok: false; readonly refusal: Refusal; readonly message: string; readonly size?: number };

export type ConfinedText =
  | { readonly ok: true; readonly text: string; readonly real: string }
  | { readonly ok: false; readonly refusal: Refusal | 'encoding'; readonly message: string; readonly size?: number };

// O_NONBLOCK: opening a FIFO for reading must not wait for a writer. O_NOCTTY: a terminal never becomes ours.
// O_NOFOLLOW: the path opened is the real path checked, so its last component cannot have become a symlink since.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

const realRoots = new Map<string, string>();

/** The real path of a repository root, resolved once per run. */
export function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpath(root) ?? path.resolve(root);
    realRoots.set(root, real);
  }
  return real;
}

/** Whether `target` is `root` or lies under it (lexically: both should be real paths). */
export function within(root: string, target: string): boolean {
  // A path joined under the root, without `.` or `..` segments, is inside: path.relative's
  // normalising (thousands of handler candidates and every read per scan) is for the others.
  if (target.length > root.length + 1 && target.startsWith(root) && target[root.length] === path.sep && !target.includes(`${path.sep}.`) && !target.includes('/.')) return true;
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** lstat, or undefined for anything that makes the path not exist (ENOENT, ENOTDIR, ELOOP…). */
export function lstat(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/** The real path inside the repository a path leads to, or why it does not. */
export function confinedRealPath(file: string, root: string): { real: string } | { refusal: 'outside' | 'missing'; message: string } {
  const real = realpath(file);
  if (real === undefined) {
    return lstat(file)?.isSymbolicLink()
      ? { refusal: 'missing', message: 'a symlink to nothing' }
      : { refusal: 'missing', message: 'no such file' };
  }
  if (!within(realRoot(root), real)) return { refusal: 'outside', message: 'links outside the repository: not read' };
  return { real };
}

/** The path the kernel holds for an open descriptor (Linux), to confirm what was opened. */
function descriptorPath(fd: number): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/**
 * Opens a file of the repository for reading, its real path checked before it is opened. The
 * common case takes no realpath of its own: the folder's real path is resolved once per run,
 * and the file opened there with O_NOFOLLOW, which fails (ELOOP) when the file itself is a
 * symlink; that case, and anything unexpected, takes the full resolution. On the corpus this
 * halves the system calls per file read (realpath walks every component of the path).
 */
function openConfined(file: string, root: string): { fd: number; real: string } | Refused {
  const absolute = path.resolve(file);
  const dir = realDir(path.dirname(absolute), root);
  if (dir !== undefined) {
    const real = path.join(dir, path.basename(absolute));
    try {
      return { fd: fs.openSync(real, OPEN_FLAGS), real };
    } catch {
      // a symlink, a missing file or a folder changed since it was resolved: the full resolution says which
    }
  }
  const resolved = confinedRealPath(file, root);
  if (!('real' in resolved)) return { ok: false, ...resolved };
  const { real } = resolved;
  try {
    return { fd: fs.openSync(real, OPEN_FLAGS), real };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, refusal: 'missing', message: 'no such file' };
    // ELOOP: the real path became a symlink after it was resolved; ENXIO: a socket.
    if (code === 'ELOOP') return { ok: false, refusal: 'outside', message: 'changed into a symlink while being read: not read' };
    if (code === 'ENXIO') return { ok: false, refusal: 'not-regular', message: 'not a regular file (a socket): not read' };
    return { ok: false, refusal: 'unreadable', message: `cannot read: ${code ?? (err as Error).message}` };
  }
}

const realDirs = new Map<string, string | null>();

/** The real path of a folder inside the repository, once per run; undefined when it has none or leaves the repository. */
function realDir(dir: string, root: string): string | undefined {
  const key = `${root}\0${dir}`;
  let real = realDirs.get(key);
  if (real === undefined) {
    const resolved = realpath(dir);
    real = resolved !== undefined && within(realRoot(root), resolved) ? resolved : null;
    realDirs.set(key, real);
  }
  return real ?? undefined;
}

/**
 * Opens, checks and reads a file of the repository at `root`, at most `maxBytes` long, under the
 * rules above, and hands its bytes to `consume`: a view of a buffer reused from read to read, so
 * scanning thousands of files allocates none per file. `consume` must not keep the view.
 */
function withConfinedBytes<T>(file: string, root: string, maxBytes: number, consume: (bytes: Buffer) => T): { ok: true; value: T; real: string } | Refused {
  const opened = openConfined(file, root);
  if ('ok' in opened) return opened;
  const { fd, real } = opened;
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, refusal: 'not-regular', message: `not a regular file (${kindOf(st)}): not read` };
    // What was opened must be what was checked: the kernel's path of the descriptor, else the same inode.
    const kernelPath = descriptorPath(fd);
    if (kernelPath !== undefined ? !within(realRoot(root), kernelPath) : !sameFile(real, st)) {
      return { ok: false, refusal: 'outside', message: 'links outside the repository: not read' };
    }
    if (st.size > maxBytes) return { ok: false, refusal: 'too-large', message: `${st.size} bytes is over the ${maxBytes}-byte limit`, size: st.size };
    return { ok: true, value: consume(readAtMost(fd, st.size, maxBytes)), real };
  } catch (err) {
    if (err instanceof GrewPastLimit) return { ok: false, refusal: 'too-large', message: `grew past the ${maxBytes}-byte limit while being read` };
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, refusal: 'unreadable', message: `cannot read: ${code ?? (err as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

type Refused = { readonly ok: false; readonly refusal: Refusal; readonly message: string; readonly size?: number };

/** The bytes of a file of the repository at `root`, at most `maxBytes` long, under the rules above. */
export function readConfined(file: string, root: string, maxBytes: number): ConfinedRead {
  const read = withConfinedBytes(file, root, maxBytes, (bytes) => Buffer.from(bytes));
  return read.ok ? { ok: true, bytes: read.value, real: read.real } : read;
}

/** Strict UTF-8 (invalid bytes throw); decoding without `stream` keeps no state between files. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** `readConfined` decoded as UTF-8 (a BOM dropped); a binary or non-UTF-8 file is an `encoding` refusal. */
export function readConfinedText(file: string, root: string, maxBytes: number): ConfinedText {
  const read = withConfinedBytes(file, root, maxBytes, (bytes): { text: string } | { problem: string } => {
    if (bytes.includes(0)) return { problem: 'binary file' };
    try {
      return { text: UTF8.decode(bytes) };
    } catch {
      return { problem: 'not valid UTF-8' };
    }
  });
  if (!read.ok) return read;
  if ('problem' in read.value) return { ok: false, refusal: 'encoding', message: read.value.problem };
  const { text } = read.value;
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, real: read.real };
}

/** `readConfined` decoded leniently (invalid bytes become U+FFFD, a BOM kept), as source lines and JavaScript handlers were always read. */
export function readConfinedLenientText(file: string, root: string, maxBytes: number): ConfinedText {
  const read = withConfinedBytes(file, root, maxBytes, (bytes) => bytes.toString('utf8'));
  return read.ok ? { ok: true, text: read.value, real: read.real } : read;
}

class GrewPastLimit extends Error {}

/** Reused by every read; replaced by a larger one up to 2 MB, beyond which a read gets a buffer of its own. */
let scratch = Buffer.allocUnsafe(256 * 1024);
const SCRATCH_MAX = 2 * 1024 * 1024;

/** Reads to the end, but never more than `maxBytes` (a file may grow after fstat); the result may be a view of `scratch`. */
function readAtMost(fd: number, expected: number, maxBytes: number): Buffer {
  // One byte more than fstat gave, so a file of the size it claims takes one read and one end-of-file.
  let capacity = Math.min(Math.max(expected, 0), maxBytes) + 1;
  let buffer = capacity <= scratch.length ? scratch : capacity <= SCRATCH_MAX ? (scratch = Buffer.allocUnsafe(Math.min(SCRATCH_MAX, capacity * 2))) : Buffer.allocUnsafe(capacity);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      // Grew since fstat: a larger buffer of its own, still bounded by the limit.
      capacity = Math.min(buffer.length * 2, maxBytes + 1);
      if (capacity <= total) throw new GrewPastLimit();
      const larger = Buffer.allocUnsafe(capacity);
      buffer.copy(larger, 0, 0, total);
      buffer = larger;
    }
    const room = buffer.length - total;
    const n = fs.readSync(fd, buffer, total, room, null);
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new GrewPastLimit();
    // A regular file reads short only at its end: no second read to hear it.
    if (n < room) break;
  }
  return buffer.subarray(0, total);
}

function sameFile(real: string, st: fs.Stats): boolean {
  try {
    const now = fs.statSync(real);
    return now.dev === st.dev && now.ino === st.ino && realpath(real) === real;
  } catch {
    return false;
  }
}

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

/** Whether a path leads to a regular file inside the repository (for resolution, before a read confirms it). */
export function isConfinedFile(file: string, root: string): boolean {
  const resolved = confinedRealPath(file, root);
  if (!('real' in resolved)) return false;
  try {
    return fs.statSync(resolved.real).isFile();
  } catch {
    return false;
  }
}

/** The entries of a folder inside the repository; undefined when it is unreadable or its real path leaves the repository. */
export function listConfined(dir: string, root: string): fs.Dirent[] | undefined {
  const resolved = confinedRealPath(dir, root);
  if (!('real' in resolved)) return undefined;
  try {
    return fs.readdirSync(resolved.real, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

/** Forgets resolved roots and folders: each run resolves them afresh. */
export function clearConfinementCache(): void {
  realRoots.clear();
  realDirs.clear();
}
