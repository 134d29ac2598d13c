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
