import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lint } from '../src/run.js';
import type { Project } from '../src/model.js';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export async function loadModel(rel: string, options: { stage?: string; params?: Record<string, string> } = {}): Promise<Project> {
  const result = await lint({ paths: [path.join(repoRoot, rel)], rules: [], ...options });
  return result.project!;
}

export function at(loc: { line: number; column: number }): string {
  return `${loc.line}:${loc.column}`;
}

/** A scratch project: a folder with a `.git` (so it is its own repository) holding the given files. */
export function tempProject(files: Record<string, string | Buffer>, prefix = 'faaslint-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
