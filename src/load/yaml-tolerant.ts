import type { Location } from '../location.js';
import type { Node } from './tree.js';
import { yamlLexer } from './yaml-lexer.js';
import * as T from './yaml-token-buffer.js';
import { closingQuote, scanTokens } from './yaml-token-scanner.js';
import type { ParsedFile } from './yaml-shared.js';

/*
 * YAML the deploy tools accept and YAML 1.2 does not. PyYAML (SAM CLI, the AWS CLI, cfn-lint)
 * and js-yaml (the Serverless Framework) never check how far the continuation lines of a
 * quoted scalar or of a flow collection are indented; YAML 1.2, and `yaml`, want them indented
 * past the block they sit in. Templates written that way are common (a policy as a JSON string
 * under `!Sub '{`, closed by `}'` at the key's column). When the strict parse fails, this pass
 * indents those lines just enough — spaces at the start of a line inside a quoted scalar or a
 * flow collection change no value — and the file is parsed again; every position in the tree
 * is then moved back to the column it has in the file. Nothing else is relaxed: what still
 * fails is reported as the strict parse reported it.
 */

/**
 * Fixes at most, and characters lexed and copied in all: each fix lexes again from the line
 * where the cut construct starts (where the lexer is in block context) and copies the text.
 */
const MAX_FIXES = 10_000;
const MAX_WORK = 128 * 1024 * 1024;

export interface IndentedText {
  readonly text: string;
  /** Spaces added at the start of each 1-based line. */
  readonly added: ReadonlyMap<number, number>;
}

/**
 * The text with the continuation lines of quoted scalars and flow collections indented as far
 * as YAML 1.2 wants them; undefined when there is none to indent (or too many to settle).
 * With `scanner` false, only `yaml`'s Lexer lexes: the reference the tests compare the scanner with.
 */
export function indentContinuations(text: string, scanner = true): IndentedText | undefined {
  let current = text;
  const added = new Map<number, number>();
  let restart = 0;
  let restartLine = 1;
  let work = 0;
  for (let fixes = 0; fixes < MAX_FIXES && work < MAX_WORK; fixes++) {
    const cut = firstUnderIndented(current, restart, scanner);
    work += cut.lexed;
    if (cut.lines === undefined) return fixes === 0 ? undefined : { text: current, added };
    if (cut.lines.length === 0) return undefined;
    restartLine += newlines(current, restart, cut.restart);
    restart = cut.restart;
    const parts: string[] = [];
    let from = 0;
    let line = restartLine;
    let counted = restart;
    for (const { lineStart, spaces } of cut.lines) {
      line += newlines(current, counted, lineStart);
      counted = lineStart;
      added.set(line, (added.get(line) ?? 0) + spaces);
      parts.push(current.slice(from, lineStart), ' '.repeat(spaces));
      from = lineStart;
    }
    parts.push(current.slice(from));
    current = parts.join('');
    work += current.length;
  }
  return undefined;
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

interface Indent {
  readonly lineStart: number;
  readonly spaces: number;
}

interface Cut {
  /**
   * The lines of the first quoted scalar or flow collection the lexer cuts short for their
   * indentation, each with the spaces it needs; undefined when there is none, and an empty
   * list when the cut is one the deploy tools reject too (a document marker, an unclosed quote).
   */
  readonly lines: Indent[] | undefined;
  /** The start of the line (in block context) where the cut construct starts: lexing resumes there. */
  readonly restart: number;
  readonly lexed: number;
}

// What the search for a cut needs to know of each token.
const OTHER = 0;
const NEWLINE = 1;
const SPACE = 2;
/** `-`, `?` or `:` as an indicator. */
const INDICATOR = 3;
const FLOW_OPEN = 4;
const FLOW_CLOSE = 5;
const QUOTED = 6;
const SCALAR = 7;
/** Where the lexer ends a flow collection at an under-indented line. */
const FLOW_CUT = 8;

/** The token classes of the scanner's kinds (yaml-token-buffer.ts). */
const CLASS_OF_KIND = new Uint8Array(32);
CLASS_OF_KIND[T.NEWLINE] = NEWLINE;
CLASS_OF_KIND[T.SPACE] = SPACE;
CLASS_OF_KIND[T.SEQ_ITEM] = INDICATOR;
CLASS_OF_KIND[T.MAP_VALUE] = INDICATOR;
CLASS_OF_KIND[T.FLOW_MAP] = FLOW_OPEN;
CLASS_OF_KIND[T.FLOW_SEQ] = FLOW_OPEN;
CLASS_OF_KIND[T.FLOW_MAP_END] = FLOW_CLOSE;
CLASS_OF_KIND[T.FLOW_SEQ_END] = FLOW_CLOSE;
CLASS_OF_KIND[T.SINGLE] = QUOTED;
CLASS_OF_KIND[T.DOUBLE] = QUOTED;
CLASS_OF_KIND[T.PLAIN] = SCALAR;
CLASS_OF_KIND[T.BLOCK_BODY] = SCALAR;
CLASS_OF_KIND[T.FLOW_CUT] = FLOW_CUT;

/**
 * Lexes `text` from `from`, the start of a line in block context, to the first cut. Our scanner
 * (yaml-token-scanner.ts) gives the tokens `yaml`'s Lexer gives, and is already warm from the
 * strict parse; `yaml`'s Lexer takes what it leaves (tabs, `?` keys, unclosed quotes).
 */
function firstUnderIndented(text: string, from: number, scanner: boolean): Cut {
  const search = new CutSearch(text, from);
  if (scanner && scanTokens(text, from, true)) {
    try {
      for (let i = 0; i < T.count; i++) {
        const found = search.token(CLASS_OF_KIND[T.kinds[i]!]!, T.sources[i]!.length);
        if (found) return found;
      }
    } finally {
      T.releaseSources();
    }
    return search.none();
  }
  let scalarNext = false;
  for (const token of new (yamlLexer())().lex(from === 0 ? text : text.slice(from))) {
    let found: Cut | undefined;
    if (scalarNext) {
      scalarNext = false;
      found = search.token(SCALAR, token.length);
    } else {
      const c = token.charCodeAt(0);
      if (c === 0x1f) {
        // a scalar's source follows
        scalarNext = true;
        continue;
      }
      // a document starts: takes no room in the text
      if (c === 0x02) continue;
      found = search.token(lexerClass(c, token.length), token.length);
    }
    if (found) return found;
  }
  return search.none();
}

function lexerClass(c: number, length: number): number {
  switch (c) {
    case 0x18:
      return FLOW_CUT;
    case 0x0a: // \n
    case 0x0d: // \r
      return NEWLINE;
    case 0x20: // space
      return SPACE;
    case 0x2d: // -
    case 0x3f: // ?
    case 0x3a: // :
      return length === 1 ? INDICATOR : OTHER;
    case 0x5b: // [
    case 0x7b: // {
      return FLOW_OPEN;
    case 0x5d: // ]
    case 0x7d: // }
      return FLOW_CLOSE;
    case 0x27: // '
    case 0x22: // "
      return QUOTED;
    default:
      return OTHER;
  }
}

/** Follows the tokens from `from`, by class and length, to the first construct cut for its indentation. */
class CutSearch {
  private offset: number;
  private lineStart: number;
  private atLineStart = true;
  /** The line's indentation as `yaml` counts it: leading spaces and `- `, `? `, `: ` indicators. */
  private lineIndent = 0;
  private flowDepth = 0;
  /** Indentation the lines of the open flow collection need: one more than its block's. */
  private flowNeeds = 0;
  private flowLineStart = 0;

  constructor(
    private readonly text: string,
    private readonly from: number,
  ) {
    this.offset = from;
    this.lineStart = from;
  }

  private cut(lines: Indent[], restart: number): Cut {
    return { lines, restart, lexed: this.offset - this.from };
  }

  none(): Cut {
    return { lines: undefined, restart: this.from, lexed: this.offset - this.from };
  }

  token(kind: number, length: number): Cut | undefined {
    switch (kind) {
      case FLOW_CUT:
        return this.cut(flowLine(this.text, this.offset, this.flowNeeds), this.flowLineStart);
      case SCALAR:
        this.atLineStart = false;
        break;
      case NEWLINE:
        this.atLineStart = true;
        this.lineIndent = 0;
        this.lineStart = this.offset + length;
        break;
      case SPACE:
        if (this.atLineStart) this.lineIndent += length;
        break;
      case INDICATOR:
        if (this.atLineStart) this.lineIndent += 1;
        break;
      case FLOW_OPEN:
        if (this.flowDepth++ === 0) {
          this.flowNeeds = this.lineIndent + 1;
          this.flowLineStart = this.lineStart;
        }
        this.atLineStart = false;
        break;
      case FLOW_CLOSE:
        if (this.flowDepth > 0) this.flowDepth--;
        this.atLineStart = false;
        break;
      case QUOTED: {
        const end = closingQuote(this.text, this.offset);
        if (end < 0) return this.cut([], this.lineStart);
        if (this.offset + length <= end) {
          const inFlow = this.flowDepth > 0;
          return this.cut(quotedLines(this.text, this.offset, end, inFlow ? this.flowNeeds : this.lineIndent + 1), inFlow ? this.flowLineStart : this.lineStart);
        }
        this.atLineStart = false;
        break;
      }
      default:
        this.atLineStart = false;
    }
    this.offset += length;
    return undefined;
  }
}

/** The continuation lines of the quoted scalar `[start, end]` indented less than `needs`. */
function quotedLines(text: string, start: number, end: number, needs: number): Indent[] {
  const result: Indent[] = [];
  for (let nl = text.indexOf('\n', start); nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    const lineStart = nl + 1;
    const spaces = leadingSpaces(text, lineStart);
    const c = text.charCodeAt(lineStart + spaces);
    if (c === 0x0a || c === 0x0d) continue; // a blank line: a line break in the value, whatever its indentation
    if (spaces === 0 && isDocumentMarker(text, lineStart)) return [];
    if (spaces < needs) result.push({ lineStart, spaces: needs - spaces });
  }
  return result;
}

/** The line of a flow collection the lexer stopped at (`offset` is past its leading spaces). */
function flowLine(text: string, offset: number, needs: number): Indent[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const spaces = leadingSpaces(text, lineStart);
  if (spaces === 0 && isDocumentMarker(text, lineStart)) return [];
  return spaces < needs ? [{ lineStart, spaces: needs - spaces }] : [];
}

function leadingSpaces(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 0x20) i++;
  return i - from;
}

/** `---` or `...` starting a line: the end of the document, for every YAML parser. */
function isDocumentMarker(text: string, lineStart: number): boolean {
  const marker = text.slice(lineStart, lineStart + 3);
  if (marker !== '---' && marker !== '...') return false;
  const after = text.charCodeAt(lineStart + 3);
  return Number.isNaN(after) || after === 0x20 || after === 0x0a || after === 0x0d || after === 0x09;
}

/** Moves every position of a tree parsed from the indented text back to its column in the file. */
export function unindentPositions(parsed: ParsedFile, added: ReadonlyMap<number, number>): ParsedFile {
  const seenNodes = new Set<Node>();
  const seenLocs = new Set<Location>();
  const fix = (loc: Location): void => {
    if (seenLocs.has(loc)) return;
    seenLocs.add(loc);
    const mutable = loc as { -readonly [K in keyof Location]: Location[K] };
    const start = added.get(loc.line);
    if (start) mutable.column = Math.max(1, loc.column - start);
    const end = added.get(loc.endLine);
    if (end) mutable.endColumn = Math.max(1, loc.endColumn - end);
  };
  const visit = (node: Node): void => {
    if (seenNodes.has(node)) return;
    seenNodes.add(node);
    fix(node.loc);
    if (node.kind === 'map') {
      for (const pair of node.entries) {
        fix(pair.keyLoc);
        visit(pair.value);
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) visit(item);
    } else if (node.kind === 'scalar' && node.textOrigin) {
      const shift = added.get(node.textOrigin.line);
      if (shift) (node as { textOrigin: { line: number; column: number } }).textOrigin = { line: node.textOrigin.line, column: Math.max(1, node.textOrigin.column - shift) };
    }
  };
  if (parsed.root) visit(parsed.root);
  for (const d of parsed.diagnostics) fix(d.location);
  return parsed;
}
