/**
 * What module resolution (modules.ts) remembers within a run: import targets and a repository's
 * workspace packages. Kept apart so a run can forget them without loading the JavaScript
 * analysis, which loads only when a JavaScript handler is in scope.
 */
export const resolvedImports = new Map<string, string | undefined>();
export const workspaces = new Map<string, Map<string, { dir: string; entry: string | undefined }>>();

/** Forgets the workspaces and files found (tests that write projects, long-lived processes). */
export function clearWorkspaceCache(): void {
  workspaces.clear();
  resolvedImports.clear();
}
