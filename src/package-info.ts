import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this module whether it runs from `dist/` or from source (tests). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
}

let cachedVersion: string | undefined;
export function packageVersion(): string {
  cachedVersion ??= (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cachedVersion;
}

export const INFORMATION_URI = 'https://github.com/faaslint/faaslint';

export function ruleHelpUri(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/rules/${ruleId}/README.md`;
}

/** A section of the project README (`load-diagnostics`), for ids that have no README of their own. */
export function readmeSectionUri(anchor: string): string {
  return `${INFORMATION_URI}#${anchor}`;
}

/** A rule's README (its help text), or undefined if the package was installed without it. */
export function ruleReadme(ruleId: string): string | undefined {
  try {
    return fs.readFileSync(path.join(packageRoot(), 'rules', ruleId, 'README.md'), 'utf8');
  } catch {
    return undefined;
  }
}
