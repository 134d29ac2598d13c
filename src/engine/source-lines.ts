import path from 'node:path';
import { readConfinedLenientText } from '../fs/confined.js';

/** Lines of project files, read once each; used for suppression comments and fingerprints. */
export class SourceLines {
  private readonly cache = new Map<string, string[] | null>();

  /**
   * `maxBytes` bounds each read; `skipped` names files the scan refused (too large, unreadable),
   * which are never read here either: a skipped file is never read whole later.
   */
  constructor(
    private readonly root: string,
    private readonly maxBytes: number,
    private readonly skipped: ReadonlySet<string> = new Set(),
  ) {}

  /** Lines of a project-relative file, or undefined when it cannot or may not be read. */
  lines(file: string): string[] | undefined {
    let lines = this.cache.get(file);
    if (lines === undefined) {
      const read = this.skipped.has(file) ? undefined : readConfinedLenientText(path.join(this.root, file), this.root, this.maxBytes);
      // Lenient UTF-8 as before: a file in another encoding still has its comments and lines.
      lines = read?.ok ? read.text.split(/\r?\n/) : null;
      this.cache.set(file, lines);
    }
    return lines ?? undefined;
  }
}
