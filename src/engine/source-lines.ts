import fs from 'node:fs';
import path from 'node:path';

/** Lines of project files, read once each; used for suppression comments and fingerprints. */
export class SourceLines {
  private readonly cache = new Map<string, string[] | null>();

  constructor(private readonly root: string) {}

  /** Lines of a project-relative file, or undefined when it cannot be read. */
  lines(file: string): string[] | undefined {
    let lines = this.cache.get(file);
    if (lines === undefined) {
      try {
        lines = fs.readFileSync(path.join(this.root, file), 'utf8').split(/\r?\n/);
      } catch {
        lines = null;
      }
      this.cache.set(file, lines);
    }
    return lines ?? undefined;
  }
}
