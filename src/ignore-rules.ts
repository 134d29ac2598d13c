import { compilePathGlob, compileSegment, matchPathGlob, type Segment } from './glob.js';

/**
 * `.gitignore` and config `ignore:` patterns, matched without regular expressions: a pattern such
 * as `**\/**\/**\/…\/x` or `*a*a*a*a*b` compiled to a regular expression backtracks for
 * minutes on one path, while matching segment by segment costs at most pattern × path.
 *
 * Semantics as git's (and the `ignore` package's, which faaslint used before, including its
 * case-insensitivity): blank lines and `#` comments skipped, trailing spaces trimmed unless
 * escaped, `!` re-includes, a trailing `/` matches folders only, a pattern with a `/` before its
 * end is anchored at its base folder and one without matches at any depth, `**` spans folders,
 * and nothing under an ignored folder can be re-included.
 */
export interface IgnoreRules {
  add(patterns: string | readonly string[]): IgnoreRules;
  /** Whether a path relative to the rules' base (`a/b.yml`; a folder ends with `/`) is ignored. */
  ignores(relativePath: string): boolean;
}

interface Rule {
  readonly index: number;
  readonly negated: boolean;
  readonly folderOnly: boolean;
  readonly glob: readonly Segment[];
}

const OPTIONS = { escapes: true, caseInsensitive: true } as const;

/** Trailing spaces go unless the last one is escaped with `\`. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

function parseRule(raw: string, index: number): Rule | undefined {
  let line = trimTrailingSpaces(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
  if (line === '' || line.startsWith('#')) return undefined;
  const negated = line.startsWith('!');
  if (negated) line = line.slice(1);
  const folderOnly = line.endsWith('/') && !line.endsWith('\\/');
  while (line.endsWith('/') && !line.endsWith('\\/')) line = line.slice(0, -1);
  if (line === '') return undefined;
  // A `/` before the end anchors the pattern at its base; without one it matches at any depth.
  const anchored = line.includes('/');
  const body = line.replace(/^\/+/, '');
  const glob = compilePathGlob(anchored ? body : `**/${body}`, OPTIONS).filter((s) => s === 'globstar' || s.length > 0);
  // `dir/**` matches what is inside the folder, not the folder itself.
  if (glob.at(-1) === 'globstar' && glob.length > 1) glob.splice(glob.length - 1, 0, compileSegment('*'));
  return { index, negated, folderOnly, glob };
}

/** The literal last segment of a rule, when it has no wildcard: most lines of a long `.gitignore` are names. */
function literalName(rule: Rule): string | undefined {
  const last = rule.glob.at(-1);
  if (last === undefined || last === 'globstar' || !last.every((u) => u.kind === 'char')) return undefined;
  return last.map((u) => (u.kind === 'char' ? u.char : '')).join('');
}

export function ignoreRules(): IgnoreRules {
  /** Rules ending in a literal name, found by that name; the others are tried on every path. */
  const byName = new Map<string, Rule[]>();
  const wildcards: Rule[] = [];
  let count = 0;
  const folderVerdicts = new Map<string, boolean>();

  /** The rules that can match a path ending in `name`, in file order (the last one that matches decides). */
  const candidates = (name: string): readonly Rule[] => {
    const named = byName.get(name.toLowerCase());
    if (!named) return wildcards;
    const out: Rule[] = [];
    let i = 0;
    let j = 0;
    while (i < named.length || j < wildcards.length) {
      if (j >= wildcards.length || (i < named.length && named[i]!.index < wildcards[j]!.index)) out.push(named[i++]!);
      else out.push(wildcards[j++]!);
    }
    return out;
  };

  const verdict = (segments: readonly string[], folder: boolean): boolean => {
    let ignored = false;
    for (const rule of candidates(segments.at(-1)!)) {
      if (rule.negated !== ignored || (rule.folderOnly && !folder)) continue;
      if (matchPathGlob(rule.glob, segments, OPTIONS)) ignored = !rule.negated;
    }
    return ignored;
  };

  const api: IgnoreRules = {
    add(patterns) {
      const lines = typeof patterns === 'string' ? patterns.split('\n') : patterns.flatMap((p) => p.split('\n'));
      for (const line of lines) {
        const rule = parseRule(line, count++);
        if (!rule) continue;
        const name = literalName(rule);
        if (name === undefined) wildcards.push(rule);
        else {
          const list = byName.get(name);
          if (list) list.push(rule);
          else byName.set(name, [rule]);
        }
      }
      folderVerdicts.clear();
      return api;
    },
    ignores(relativePath) {
      const folder = relativePath.endsWith('/');
      const segments = relativePath.split('/').filter((s) => s !== '' && s !== '.');
      if (segments.length === 0) return false;
      // A folder that is ignored hides everything under it: no rule can re-include its content.
      for (let depth = 1; depth < segments.length; depth++) {
        const key = segments.slice(0, depth).join('/');
        let ignored = folderVerdicts.get(key);
        if (ignored === undefined) {
          ignored = verdict(segments.slice(0, depth), true);
          folderVerdicts.set(key, ignored);
        }
        if (ignored) return true;
      }
      return verdict(segments, folder);
    },
  };
  return api;
}
