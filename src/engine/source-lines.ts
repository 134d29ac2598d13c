import path from 'node:path';
import { readConfinedLenientText } from '../fs/confined.js';

/** A file's text and where its lines start (each after a `\n`), found on first use. */
interface Source {
  readonly text: string;
  starts?: Int32Array;
}

/**
 * Lines of project files, read once each; used for suppression comments and fingerprints.
 * Files are kept as text and cut into lines only where asked: splitting every file with a
 * finding into strings was ~4 MB of garbage on the corpus's CloudFormation templates, for the
 * few lines fingerprints read and the rare files with suppression comments.
 */
export class SourceLines {
  private readonly cache = new Map<string, Source | null>();

  /**
   * `maxBytes` bounds each read; `skipped` names files the scan refused (too large, unreadable),
   * which are never read here either: a skipped file is never read whole later.
   */
  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
    private readonly skipped: ReadonlySet<string> = new Set(),
  ) {}

  private source(file: string): Source | undefined {
    let source = this.cache.get(file);
    if (source === undefined) {
      const read = this.skipped.has(file) ? undefined : readConfinedLenientText(path.join(this.root, file), this.root, this.maxBytes);
      // Lenient UTF-8 as before: a file in another encoding still has its comments and lines.
      source = read?.ok ? { text: read.text } : null;
      this.cache.set(file, source);
    }
    return source ?? undefined;
  }

  /** Lines of a project-relative file (split at `\n` and `\r\n`), or undefined when it cannot or may not be read. */
  lines(file: string): string[] | undefined {
    return this.source(file)?.text.split(/\r?\n/);
  }

  /** Whether the file may hold a suppression comment (`faaslint-disable-…`); false when it cannot be read. */
  mayHoldDirectives(file: string): boolean {
    return this.source(file)?.text.includes('faaslint-disable-') ?? false;
  }

  /** Line `n` (1-based) of a file, as `lines(file)[n - 1]`. */
  line(file: string, n: number): string | undefined {
    const source = this.source(file);
    if (source === undefined || n < 1) return undefined;
    const { text } = source;
    let starts = source.starts;
    if (starts === undefined) {
      let count = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
      starts = new Int32Array(count);
      let at = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[at++] = i + 1;
      source.starts = starts;
    }
    if (n > starts.length) return undefined;
    const start = starts[n - 1]!;
    if (n === starts.length) return text.slice(start);
    // The `\n` ending the line goes, and a `\r` before it.
    let end = starts[n]! - 1;
    if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
    return text.slice(start, end);
  }
}
