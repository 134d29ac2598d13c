/*
 * The token stream the located-tree builder (yaml-tokens.ts) reads, in typed arrays reused
 * from file to file: two producers write it, our own scanner (yaml-token-scanner.ts) and
 * `yaml`'s Lexer (yaml-token-lexer.ts, the reference and the fallback), and both must write
 * the same thing. Building is synchronous and not re-entrant, so one buffer serves every file.
 */

// Token kinds, from the first character of each lexer token (as `CST.tokenType` does).
export const NEWLINE = 1;
export const SPACE = 2;
export const COMMENT = 3;
export const PLAIN = 4;
export const SINGLE = 5;
export const DOUBLE = 6;
export const ALIAS = 7;
export const ANCHOR = 8;
export const TAG = 9;
export const SEQ_ITEM = 10;
export const MAP_VALUE = 11;
export const FLOW_MAP = 12;
export const FLOW_MAP_END = 13;
export const FLOW_SEQ = 14;
export const FLOW_SEQ_END = 15;
export const COMMA = 16;
export const BLOCK_HEADER = 17;
export const BLOCK_BODY = 18;
export const DOC_START = 19;
/** `%YAML 1.1` or `%YAML 1.2`: the schema stays the one given (the core schema with the short tags), so it changes nothing. */
export const YAML_DIRECTIVE = 23;
/** Where `yaml`'s Lexer ends a flow collection at an under-indented line (an error): only for the tolerant pass, which stops there. */
export const FLOW_CUT = 24;
/** Anything the builder leaves to the Document path. */
export const UNSUPPORTED = 0;
/** After the last token. */
export const END = 22;

// Two END tokens follow the last one, so lookahead needs no bounds checks.
export let kinds = new Uint8Array(4096);
export let offsets = new Int32Array(4096);
/** The indentation `yaml`'s Parser gives each token: leading spaces plus `- `, `? `, `: ` indicators. */
export let indents = new Int32Array(4096);
export const sources: string[] = [];
export let count = 0;

export function push(kind: number, source: string, offset: number, indent: number): void {
  if (count + 2 >= kinds.length) {
    const grown = kinds.length * 2;
    kinds = grow(kinds, new Uint8Array(grown));
    offsets = grow(offsets, new Int32Array(grown));
    indents = grow(indents, new Int32Array(grown));
  }
  kinds[count] = kind;
  offsets[count] = offset;
  indents[count] = indent;
  sources[count++] = source;
}

function grow<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

export function startTokens(): void {
  count = 0;
}

/** Closes the stream ending at `offset` with its two END tokens. */
export function endTokens(offset: number): void {
  const n = count;
  push(END, '', offset, 0);
  push(END, '', offset, 0);
  count = n;
}

/** Drops the token strings from index 0 to `to`: they would keep the file's text alive. */
export function releaseSources(to: number = count + 2): void {
  sources.fill('', 0, to);
}

/** A copy of the stream (END tokens included), for tests that compare producers. */
export function snapshotTokens(): { kinds: number[]; offsets: number[]; indents: number[]; sources: string[] } {
  const n = count + 2;
  return {
    kinds: Array.from(kinds.subarray(0, n)),
    offsets: Array.from(offsets.subarray(0, n)),
    indents: Array.from(indents.subarray(0, n)),
    sources: sources.slice(0, n),
  };
}
