import fs from 'node:fs';
import path from 'node:path';
import { lstat, realRoot, within } from './confined.js';

/** A report or baseline path faaslint will not write: the message says why; the run exits 2. */
export class WriteRefusedError extends Error {}

/**
 * Where a report or baseline may be written. A path inside the working directory's repository
 * must stay inside it: not a symlink (a `faaslint.sarif -> ~/.bashrc` committed in a pull
 * request must not redirect the write), not a device or FIFO, in folders whose real path stays
 * in the repository. A path the user named outside the repository (`-o /tmp/out.sarif`,
 * `-o ../reports/x.json`) is theirs to choose and is written as named.
 * Returns the absolute path, and whether it lies in the repository.
 */
export function checkWriteTarget(file: string, cwd: string, repository: string): { target: string; confined: boolean } {
  const target = path.resolve(cwd, file);
  const real = realRoot(repository);
  if (!within(repository, target) && !within(real, target)) return { target, confined: false };
  const st = lstat(target);
  if (st?.isSymbolicLink()) throw new WriteRefusedError(`${file}: is a symlink: not written (name the file it points to if that is what you mean)`);
  if (st && !st.isFile()) throw new WriteRefusedError(`${file}: not a regular file: not written`);
  // The nearest folder that exists must really be in the repository: a symlinked folder could lead anywhere.
  let dir = path.dirname(target);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  let realDir: string;
  try {
    realDir = fs.realpathSync.native(dir);
  } catch {
    throw new WriteRefusedError(`${file}: its folder cannot be resolved: not written`);
  }
  if (!within(real, realDir)) throw new WriteRefusedError(`${file}: its folder links outside the repository: not written`);
  if (!fs.statSync(realDir).isDirectory()) throw new WriteRefusedError(`${file}: ${path.relative(cwd, dir) || '.'} is not a folder: not written`);
  return { target, confined: true };
}

/**
 * Writes a report or baseline under the rules of `checkWriteTarget`. Inside the repository the
 * text goes to a new file created exclusively beside the target, then renamed over it: a symlink
 * planted at the target meanwhile is replaced, never followed.
 */
export function writeConfined(file: string, text: string, cwd: string, repository: string): void {
  const { target, confined } = checkWriteTarget(file, cwd, repository);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (!confined) {
    fs.writeFileSync(target, text);
    return;
  }
  const previous = lstat(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = fs.openSync(temp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), previous?.isFile() ? previous.mode & 0o777 : 0o666);
  try {
    fs.writeFileSync(fd, text);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
