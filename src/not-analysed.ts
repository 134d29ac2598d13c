/**
 * What a scan did not analyse, and why: a function whose handler faaslint cannot read (another
 * runtime, a container image, inline code, a handler it cannot find) or a config file it cannot
 * read (code such as serverless.ts, a file that does not parse). Plain data, so it crosses worker
 * threads; every reporter shows it, so a scan never passes silently over what it skipped.
 */
export interface NotAnalysed {
  /** The function's name, when what was not analysed is one function's handler. */
  readonly function?: string;
  /** Repository-relative path: the config declaring the function, or the file not analysed. */
  readonly file: string;
  /** Where in `file` (the function's declaration), when known. */
  readonly line?: number;
  /** A short label summaries group by: a runtime (`java21`), `image`, `inline code`, `handler not found`, `serverless.ts`. */
  readonly kind: string;
  /** One sentence for the user. */
  readonly reason: string;
}

/** The kind of a template that is the `sam package` / `aws cloudformation package` output of another one the scan analyses. */
export const PACKAGED_KIND = 'packaged template';

/** The kind of a file that is no Serverless, SAM or CloudFormation config at all (named on the command line, or a serverless.yml that is not a map). */
export const NOT_A_CONFIG = 'not a config';

/**
 * Config files the scan found, analysed or not: a scan that found none analysed nothing and
 * must not pass. A config found but not analysed (serverless.ts, a parse error, another
 * provider) is said in the summary and its diagnostic instead.
 */
export function configsFound(filesAnalysed: number, notAnalysed: readonly NotAnalysed[]): number {
  return filesAnalysed + notAnalysed.filter((n) => n.function === undefined && n.kind !== NOT_A_CONFIG).length;
}

/** `kind → count`, most frequent first (ties by name): "2 java21, 1 image". */
export function countByKind(entries: readonly NotAnalysed[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Stable order for reports: by file, line, function. */
export function sortNotAnalysed(entries: readonly NotAnalysed[]): NotAnalysed[] {
  const seen = new Set<string>();
  return [...entries]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.function ?? '').localeCompare(b.function ?? '')))
    .filter((e) => {
      const key = `${e.file}\0${e.line ?? ''}\0${e.function ?? ''}\0${e.kind}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The one-line summary: "3 functions not analysed: 2 java21, 1 image; 1 file not analysed: serverless.ts". */
export function describeNotAnalysed(entries: readonly NotAnalysed[]): string | undefined {
  const functions = entries.filter((e) => e.function !== undefined);
  const files = entries.filter((e) => e.function === undefined);
  const part = (list: readonly NotAnalysed[], noun: string) =>
    list.length === 0 ? '' : `${list.length} ${noun}${list.length === 1 ? '' : 's'} not analysed: ${countByKind(list).map(([k, n]) => `${n} ${k}`).join(', ')}`;
  const parts = [part(functions, 'function'), part(files, 'file')].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
