import { diagnostic } from '../diagnostics.js';
import type { Location } from '../location.js';
import type { Diagnostic } from '../model.js';
import type { Node, Pair } from './tree.js';
// The same depth limit as YAML: deeper than any real template, shallow enough for the stack.
import { DuplicateKeys, LineIndex, MAX_DEPTH, type ParsedFile } from './yaml-shared.js';

class JsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * A JSON parser that builds the located tree directly: many times faster than the YAML
 * parser on JSON (CloudFormation and CDK output are often large JSON), with the same
 * positions, duplicate keys (the last value kept, as JSON.parse and CloudFormation keep it)
 * and depth limit.
 */
export function parseJsonLocated(text: string, file: string): ParsedFile {
  // Tokens never span lines (a raw newline in a string is an error), so the scan keeps its line
  // as it skips whitespace: each node's positions without a search, and one object per location.
  let line = 1;
  let lineStart = 0;
  const at = (start: number, startLine: number, startColumn: number): Location => ({ file, line: startLine, column: startColumn, endLine: line, endColumn: Math.max(i, start + 1) - lineStart + 1 });
  const diagnostics: Diagnostic[] = [];
  const duplicates = new DuplicateKeys('json', diagnostics);
  let i = 0;
  const skip = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 13 || c === 9) i++;
      else if (c === 10) {
        i++;
        line++;
        lineStart = i;
      } else return;
    }
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) throw new JsonError(i >= text.length ? `unexpected end of input, expected '${ch}'` : `unexpected '${text[i]}', expected '${ch}'`, i);
    i++;
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) throw new JsonError('unterminated string', start);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c < 32) throw new JsonError('control character in string', i);
      i++;
    }
    i++;
    const raw = text.slice(start, i);
    if (!escaped) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new JsonError('invalid escape in string', start);
    }
  };
  const value = (depth: number): Node => {
    if (depth > MAX_DEPTH) throw new JsonError(`nesting deeper than ${MAX_DEPTH} levels`, i);
    skip();
    const start = i;
    const startLine = line;
    const startColumn = i - lineStart + 1;
    const c = text[i];
    if (c === '{') {
      i++;
      let entries: Pair[] = [];
      skip();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          skip();
          if (text[i] !== '"') throw new JsonError(i >= text.length ? 'unexpected end of input in an object' : `expected a "key", found '${text[i]}'`, i);
          const keyStart = i;
          const keyColumn = i - lineStart + 1;
          const key = string();
          const keyLoc = at(keyStart, line, keyColumn);
          skip();
          expect(':');
          entries.push({ key, keyLoc, value: value(depth + 1) });
          skip();
          if (text[i] === ',') {
            i++;
            continue;
          }
          expect('}');
          break;
        }
      }
      entries = duplicates.settle(entries);
      return { kind: 'map', entries, loc: at(start, startLine, startColumn) };
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      skip();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          items.push(value(depth + 1));
          skip();
          if (text[i] === ',') {
            i++;
            continue;
          }
          expect(']');
          break;
        }
      }
      return { kind: 'seq', items, loc: at(start, startLine, startColumn) };
    }
    if (c === '"') {
      const s = string();
      // A document written verbatim in a string (no escapes) can be located inside it, as the YAML parser does.
      if (s.startsWith('{') && i - start === s.length + 2) {
        return { kind: 'scalar', value: s, loc: at(start, startLine, startColumn), textOrigin: { line: startLine, column: startColumn + 1 } };
      }
      return { kind: 'scalar', value: s, loc: at(start, startLine, startColumn) };
    }
    LITERAL.lastIndex = i;
    const literal = LITERAL.exec(text);
    if (!literal) throw new JsonError(i >= text.length ? 'unexpected end of input' : `unexpected '${text[i]}'`, i);
    i += literal[0].length;
    const word = literal[0];
    const v = word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : numberValue(word);
    return { kind: 'scalar', value: v, loc: at(start, startLine, startColumn) };
  };
  try {
    const root = value(0);
    skip();
    if (i < text.length) throw new JsonError(`unexpected '${text[i]}' after the document`, i);
    duplicates.finish();
    return { root, diagnostics };
  } catch (err) {
    if (!(err instanceof JsonError)) throw err;
    diagnostics.push(diagnostic('parse-error', `syntax error: ${err.message}; the file is not analysed`, new LineIndex(text).at(file, err.offset, err.offset + 1)));
    return { root: undefined, diagnostics };
  }
}

/** A JSON literal at a given offset (sticky): numbers of any length, as JSON allows. */
const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** An integer too long for a double keeps its digits (an account or resource id), rather than a rounded number. */
function numberValue(word: string): number | string {
  const n = Number(word);
  return /^-?\d+$/.test(word) && !Number.isSafeInteger(n) ? word : n;
}

/** JSON is tried first for `.json` files and for content that opens with `{`. */
export function looksLikeJson(file: string, text: string): boolean {
  return file.endsWith('.json') || /^\s*\{/.test(text);
}
