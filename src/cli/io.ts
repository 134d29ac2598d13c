import { repositoryRoot } from '../discover.js';
import { checkWriteTarget, writeConfined } from '../fs/confined-write.js';

/** Where the CLI writes and what it knows of its surroundings: the process, or a test. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stdout is a terminal. */
  isTTY: boolean;
  /** stderr is a terminal: where progress may be drawn. */
  stderrIsTTY?: boolean;
  cwd: string;
  /** Environment variables (NO_COLOR, FORCE_COLOR, CI); default: the process's. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Writes to stdout, ignoring a closed pipe (`faaslint | head`): the reader has what it wanted. */
function writeStdout(text: string): void {
  try {
    process.stdout.write(text);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
  }
}

export const processIo: Io = {
  stdout: writeStdout,
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
};

/** Writes a report, baseline or config file, creating its folder; never through a symlink or out of the working directory's repository unless named outside it (src/fs/confined-write.ts). */
export function writeFile(io: Io, file: string, text: string): void {
  writeConfined(file, text, io.cwd, repositoryRoot(io.cwd));
}

/** Refuses, before a scan, a file the scan would then refuse to write. */
export function checkWritable(io: Io, file: string): void {
  checkWriteTarget(file, io.cwd, repositoryRoot(io.cwd));
}

/**
 * Colour on stdout, as other linters decide it: `--no-color` and `--color` first, then
 * NO_COLOR (any value turns it off), then FORCE_COLOR (set and not `0`/`false` turns it on),
 * then whether stdout is a terminal.
 */
export function useColour(io: Io, flag: boolean | undefined): boolean {
  const env = io.env ?? process.env;
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return io.isTTY;
}
