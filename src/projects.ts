import path from 'node:path';
import { isInside, repositoryRoot } from './discover.js';
import { listConfined } from './fs/confined.js';

/** Names that mark the folder of a serverless project. */
const PROJECT_MARKERS = /^(serverless\.(ya?ml|json|ts|js)|template\.(ya?ml|json)|samconfig\.(toml|ya?ml)|.*\.template(\.json)?)$/;

/**
 * The projects a set of changed files belongs to: for each file, the nearest enclosing folder
 * (inside the repository) holding a Serverless config or SAM/CloudFormation template. A changed
 * handler or template thus rescans its own project only, not the whole repository.
 */
export function projectsOf(files: readonly string[]): string[] {
  const out = new Set<string>();
  const markerCache = new Map<string, boolean>();
  const hasMarker = (dir: string, root: string) => {
    let known = markerCache.get(dir);
    if (known === undefined) {
      known = (listConfined(dir, root) ?? []).some((e) => PROJECT_MARKERS.test(e.name));
      markerCache.set(dir, known);
    }
    return known;
  };
  for (const file of files) {
    // Each file within its own repository.
    const root = repositoryRoot(file);
    let dir = path.dirname(path.resolve(file));
    while (isInside(root, dir)) {
      if (hasMarker(dir, root)) {
        out.add(dir);
        break;
      }
      if (dir === root) break;
      dir = path.dirname(dir);
    }
  }
  // A project inside another one is scanned with it.
  const sorted = [...out].sort();
  return sorted.filter((d) => !sorted.some((other) => other !== d && isInside(other, d)));
}
