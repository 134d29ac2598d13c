/**
 * Wildcard matching without regular expressions, in O(pattern × text) time at worst.
 *
 * A pattern such as `s3:****************Z` compiled to a regular expression backtracks
 * exponentially; matching element by element and, on a mismatch, retrying only from the last
 * `*` seen (the classic two-pointer algorithm) never revisits more than one star's choices.
 */

/** Matches one pattern element against one text element; a pattern's `*` is handled by `matchSequence`. */
export type ElementMatcher<P, T> = (pattern: P, text: T) => boolean;

/**
 * Whether `pattern` matches all of `text`, where elements for which `isStar` holds match any run
 * of text elements (also none) and every other element matches exactly one text element.
 * Correct for any single-element matcher: after a mismatch, letting the last star absorb one more
 * element covers every choice an earlier star could have made.
 */
export function matchSequence<P, T>(pattern: readonly P[], text: readonly T[], isStar: (p: P) => boolean, matches: ElementMatcher<P, T>): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < text.length) {
    if (p < pattern.length && isStar(pattern[p]!)) {
      starAt = p++;
      resumeAt = t;
    } else if (p < pattern.length && matches(pattern[p]!, text[t]!)) {
      p++;
      t++;
    } else if (starAt >= 0) {
      p = starAt + 1;
      t = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p < pattern.length && isStar(pattern[p]!)) p++;
  return p === pattern.length;
}

/**
 * IAM-style wildcards: `*` any run of characters, `?` one character, everything else literal
 * (IAM action names and ARNs have no escapes or classes).
 */
export function wildcardMatch(pattern: string, text: string, options: { caseInsensitive?: boolean } = {}): boolean {
  const p = options.caseInsensitive ? pattern.toLowerCase() : pattern;
  const t = options.caseInsensitive ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (ti < t.length) {
    const c = p.charCodeAt(pi);
    if (c === 42 /* * */) {
      starAt = pi++;
      resumeAt = ti;
    } else if (pi < p.length && (c === 63 /* ? */ || c === t.charCodeAt(ti))) {
      pi++;
      ti++;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      ti = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}

/** Whether the text holds an IAM wildcard (`*` or `?`). */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** One element of a compiled path segment: `*`, `?`, a character class, or a literal character. */
type Unit =
  | { readonly kind: 'star' }
  | { readonly kind: 'any' }
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: readonly (readonly [string, string])[] };

export type Segment = readonly Unit[] | 'globstar';

export interface GlobOptions {
  /** `\` quotes the next character (gitignore); otherwise it is literal (Python's glob). */
  readonly escapes?: boolean;
  readonly caseInsensitive?: boolean;
}

/** A `[...]` class starting at `start`: its end and ranges, or undefined when it is not closed (then `[` is literal). */
function parseClass(chars: readonly string[], start: number, escapes: boolean): { end: number; unit: Unit } | undefined {
  let i = start + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  for (let first = true; i < chars.length; first = false) {
    let c = chars[i]!;
    if (c === ']' && !first) return { end: i, unit: { kind: 'class', negated, ranges } };
    if (escapes && c === '\\' && i + 1 < chars.length) c = chars[++i]!;
    if (chars[i + 1] === '-' && i + 2 < chars.length && chars[i + 2] !== ']') {
      let hi = chars[i + 2]!;
      i += 2;
      if (escapes && hi === '\\' && i + 1 < chars.length) hi = chars[++i]!;
      ranges.push([c, hi]);
    } else {
      ranges.push([c, c]);
    }
    i++;
  }
  return undefined;
}

/** One path segment's pattern (no `/`): runs of `*` are one star, so no pattern costs more than its length. */
export function compileSegment(pattern: string, options: GlobOptions = {}): readonly Unit[] {
  const chars = [...(options.caseInsensitive ? pattern.toLowerCase() : pattern)];
  const units: Unit[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (options.escapes && c === '\\' && i + 1 < chars.length) units.push({ kind: 'char', char: chars[++i]! });
    else if (c === '*') {
      if (units.at(-1)?.kind !== 'star') units.push({ kind: 'star' });
    } else if (c === '?') units.push({ kind: 'any' });
    else if (c === '[') {
      const cls = parseClass(chars, i, options.escapes ?? false);
      if (cls) {
        units.push(cls.unit);
        i = cls.end;
      } else units.push({ kind: 'char', char: c });
    } else units.push({ kind: 'char', char: c });
  }
  return units;
}

function unitMatches(unit: Unit, char: string): boolean {
  switch (unit.kind) {
    case 'any':
      return true;
    case 'char':
      return unit.char === char;
    case 'class':
      return unit.ranges.some(([lo, hi]) => lo <= char && char <= hi) !== unit.negated;
    default:
      return false;
  }
}

export function matchSegment(units: readonly Unit[], text: string, options: GlobOptions = {}): boolean {
  return matchSequence(units, [...(options.caseInsensitive ? text.toLowerCase() : text)], (u) => u.kind === 'star', unitMatches);
}

/**
 * A `/`-separated glob: `**` as a whole segment matches any number of segments (also none),
 * other wildcards stay within a segment; consecutive `**` segments are one.
 */
export function compilePathGlob(pattern: string, options: GlobOptions = {}): Segment[] {
  const segments: Segment[] = [];
  for (const part of pattern.split('/')) {
    if (part === '**') {
      if (segments.at(-1) !== 'globstar') segments.push('globstar');
    } else segments.push(compileSegment(part, options));
  }
  return segments;
}

/** Whether the compiled path glob matches all of the path's segments. */
export function matchPathGlob(segments: readonly Segment[], pathSegments: readonly string[], options: GlobOptions = {}): boolean {
  return matchSequence(segments, pathSegments, (s) => s === 'globstar', (s, text) => s !== 'globstar' && matchSegment(s, text, options));
}
