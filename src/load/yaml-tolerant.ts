import type { Location } from '../location.js';
import type { Node } from './tree.js';
import { Lexer } from './yaml-lexer.js';
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
 */
export function indentContinuations(text: string): IndentedText | undefined {
  let current = text;
  const added = new Map<number, number>();
  let restart = 0;
  let restartLine = 1;
  let work = 0;
  for (let fixes = 0; fixes < MAX_FIXES && work < MAX_WORK; fixes++) {
    const cut = firstUnderIndented(current, restart);
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

/** Lexes `text` from `from`, the start of a line in block context, to the first cut. */
function firstUnderIndented(text: string, from: number): Cut {
  let offset = from;
  let lineStart = from;
  let atLineStart = true;
  /** The line's indentation as `yaml` counts it: leading spaces and `- `, `? `, `: ` indicators. */
  let lineIndent = 0;
  let flowDepth = 0;
  /** Indentation the lines of the open flow collection need: one more than its block's. */
  let flowNeeds = 0;
  let flowLineStart = 0;
  let scalarNext = false;
  const cut = (lines: Indent[], restart: number): Cut => ({ lines, restart, lexed: offset - from });
  for (const token of new Lexer().lex(from === 0 ? text : text.slice(from))) {
    if (scalarNext) {
      scalarNext = false;
      atLineStart = false;
      offset += token.length;
      continue;
    }
    switch (token.charCodeAt(0)) {
      case 0x1f: // a scalar's source follows
        scalarNext = true;
        continue;
      case 0x02: // a document starts: takes no room in the text
        continue;
      case 0x18: // the lexer ends a flow collection at an under-indented line
        return cut(flowLine(text, offset, flowNeeds), flowLineStart);
      case 0x0a: // \n
      case 0x0d: // \r
        atLineStart = true;
        lineIndent = 0;
        lineStart = offset + token.length;
        break;
      case 0x20: // space
        if (atLineStart) lineIndent += token.length;
        break;
      case 0x2d: // -
      case 0x3f: // ?
      case 0x3a: // :
        if (token.length === 1 && atLineStart) lineIndent += 1;
        else atLineStart = false;
        break;
      case 0x5b: // [
      case 0x7b: // {
        if (flowDepth++ === 0) {
          flowNeeds = lineIndent + 1;
          flowLineStart = lineStart;
        }
        atLineStart = false;
        break;
      case 0x5d: // ]
      case 0x7d: // }
        if (flowDepth > 0) flowDepth--;
        atLineStart = false;
        break;
      case 0x27: // '
      case 0x22: {
        // "
        const end = closingQuote(text, offset);
        if (end < 0) return cut([], lineStart);
        if (offset + token.length <= end) {
          const inFlow = flowDepth > 0;
          return cut(quotedLines(text, offset, end, inFlow ? flowNeeds : lineIndent + 1), inFlow ? flowLineStart : lineStart);
        }
        atLineStart = false;
        break;
      }
      default:
        atLineStart = false;
    }
    offset += token.length;
  }
  return { lines: undefined, restart: from, lexed: offset - from };
}

/** Where the quoted scalar opening at `start` closes, by the lexer's own rules; -1 if it never does. */
function closingQuote(text: string, start: number): number {
  const quote = text[start]!;
  let end = text.indexOf(quote, start + 1);
  if (quote === "'") {
    while (end !== -1 && text[end + 1] === "'") end = text.indexOf("'", end + 2);
  } else {
    while (end !== -1) {
      let backslashes = 0;
      while (text[end - 1 - backslashes] === '\\') backslashes++;
      if (backslashes % 2 === 0) break;
      end = text.indexOf('"', end + 1);
    }
  }
  return end;
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
