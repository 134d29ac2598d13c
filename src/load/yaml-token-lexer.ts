import {
  ALIAS,
  ANCHOR,
  BLOCK_BODY,
  BLOCK_HEADER,
  COMMA,
  COMMENT,
  DOC_START,
  DOUBLE,
  FLOW_MAP,
  FLOW_MAP_END,
  FLOW_SEQ,
  FLOW_SEQ_END,
  MAP_VALUE,
  NEWLINE,
  PLAIN,
  SEQ_ITEM,
  SINGLE,
  SPACE,
  TAG,
  UNSUPPORTED,
  YAML_DIRECTIVE,
  endTokens,
  push,
  startTokens,
} from './yaml-token-buffer.js';
import { yamlLexer } from './yaml-lexer.js';

/*
 * The token stream from `yaml`'s own Lexer: the reference the scanner (yaml-token-scanner.ts)
 * is tested against, and the fallback for whatever that scanner leaves.
 */

/** Lexer control tokens that take no room in the source. */
const MARK_DOCUMENT = 20;
const MARK_SCALAR = 21;

function kindOf(token: string): number {
  switch (token.charCodeAt(0)) {
    case 0x0a: // \n
      return NEWLINE;
    case 0x0d: // \r
      return token === '\r\n' ? NEWLINE : UNSUPPORTED;
    case 0x20: // space
      return SPACE;
    case 0x23: // #
      return COMMENT;
    case 0x2d: // -
      return token.length === 1 ? SEQ_ITEM : token === '---' ? DOC_START : UNSUPPORTED;
    case 0x3a: // :
      return MAP_VALUE;
    case 0x7b: // {
      return FLOW_MAP;
    case 0x7d: // }
      return FLOW_MAP_END;
    case 0x5b: // [
      return FLOW_SEQ;
    case 0x5d: // ]
      return FLOW_SEQ_END;
    case 0x2c: // ,
      return COMMA;
    case 0x2a: // *
      return ALIAS;
    case 0x26: // &
      return ANCHOR;
    case 0x21: // !
      return TAG;
    case 0x27: // '
      return SINGLE;
    case 0x22: // "
      return DOUBLE;
    case 0x7c: // |
    case 0x3e: // >
      return BLOCK_HEADER;
    case 0x02:
      return MARK_DOCUMENT;
    case 0x1f:
      return MARK_SCALAR;
    case 0x25: // %
      return token === '%YAML 1.1' || token === '%YAML 1.2' ? YAML_DIRECTIVE : UNSUPPORTED;
  }
  // Tabs, `?`, `...`, other directives, byte order marks, flow errors.
  return UNSUPPORTED;
}

/** Splits the text into tokens with their offsets and indentation; false at a token the builder does not handle. */
export function lexTokens(text: string): boolean {
  startTokens();
  let offset = 0;
  let indent = 0;
  let atNewLine = true;
  let atScalar = false;
  let blockBody = false;
  for (const token of new (yamlLexer())().lex(text)) {
    if (atScalar) {
      atScalar = false;
      push(blockBody ? BLOCK_BODY : PLAIN, token, offset, indent);
      offset += token.length;
      if (blockBody) {
        // A block scalar's body ends with its newline.
        blockBody = false;
        atNewLine = true;
        indent = 0;
      }
      continue;
    }
    const kind = kindOf(token);
    if (kind === MARK_SCALAR) {
      atNewLine = false;
      atScalar = true;
      continue;
    }
    if (kind === MARK_DOCUMENT) continue;
    if (kind === UNSUPPORTED) return false;
    push(kind, token, offset, indent);
    if (kind === NEWLINE) {
      atNewLine = true;
      indent = 0;
    } else if (kind === SPACE) {
      if (token.includes('\t')) return false;
      if (atNewLine) indent += token.length;
    } else if (kind === SEQ_ITEM || kind === MAP_VALUE) {
      if (atNewLine) indent += 1;
    } else {
      atNewLine = false;
      if (kind === BLOCK_HEADER) blockBody = true;
    }
    offset += token.length;
  }
  endTokens(offset);
  return true;
}
