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
  FLOW_CUT,
  MAP_VALUE,
  NEWLINE,
  PLAIN,
  SEQ_ITEM,
  SINGLE,
  SPACE,
  TAG,
  YAML_DIRECTIVE,
  endTokens,
  push,
  releaseSources,
  startTokens,
} from './yaml-token-buffer.js';

/*
 * Our own YAML scanner, writing the token stream `yaml`'s Lexer gives (yaml-token-lexer.ts)
 * straight into the token buffer: same tokens, offsets, indentation and sources. It exists for
 * speed: the Lexer is a generator yielding one string per token, and on the plain
 * CloudFormation templates of the corpus (--threads 1) it took 308 ms of self time and most of
 * 196 ms of GC, plus 142 ms for the loop that turned its strings into the buffer, out of a
 * ~1560 ms scan; this scanner does the same work in one pass of `charCodeAt`, with no
 * generator and one string per token.
 *
 * It is a transcription of the Lexer's state machine (yaml 2.x, `parse/lexer.js`: the same
 * states and the same decisions, in the same order) for whole input, and it bails out
 * (returns false, and the Lexer runs) at whatever the builder would refuse anyway or that it
 * does not transcribe: byte order marks, tabs among the indentation and separating spaces,
 * lone carriage returns, `?` keys, `...`, directives but `%YAML 1.1|1.2`, quoted scalars
 * without their closing quote, flow collections ended by an under-indented line, block scalar
 * headers followed by anything but a comment, tabs after a block scalar. `yaml` stays the
 * reference: test/load/yaml-token-scanner.test.ts checks that on every YAML file of the
 * corpus and apps, on edited and generated documents and on the hostile cases, this scanner
 * either bails or writes exactly the Lexer's stream.
 */

// Lexer states (the Lexer's `next` names).
const STREAM = 0;
const LINE_START = 1;
const BLOCK_START = 2;
const DOC = 3;
const FLOW = 4;
/** After a construct cut short, when asked to stop there. */
const STOPPED = 5;

/** Thrown (never seen outside this module) where the scanner leaves the text to the Lexer. */
const BAIL = Symbol('bail');
function bail(): never {
  throw BAIL;
}

// Characters the Lexer's tests name.
const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const SP = 0x20;

/** `tagChars` of the Lexer: what may follow `!` in a tag. */
const TAG_CHARS = new Uint8Array(128);
for (const ch of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()") TAG_CHARS[ch.charCodeAt(0)] = 1;

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** `isEmpty` of the Lexer; `NaN` (past the end) is empty too. */
function isEmpty(c: number): boolean {
  return c === SP || c === LF || c === CR || c === TAB || c !== c;
}

/** `,[]{}` */
function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

/** The Lexer's `isNotAnchorChar`: where an anchor or alias name ends. */
function endsAnchor(c: number): boolean {
  return c === SP || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === LF || c === CR || c === TAB || c !== c;
}

// Scanner state: the text, the position, and the Lexer's fields.
let text = '';
let len = 0;
let pos = 0;
let indentNext = 0;
let indentValue = 0;
let flowLevel = 0;
let flowKey = false;
let blockScalarIndent = -1;
let blockScalarKeep = false;
let stopAtFirstCut = false;
// What the token loop over the Lexer tracks to give each token its indentation.
let atNewLine = true;
let lineIndent = 0;

/**
 * Writes the text's tokens to the token buffer; false (the buffer left empty) where the Lexer
 * must do it. From `from` (the start of a line in block context), as the Lexer lexes the text
 * from there. With `stopAtCut` (for the tolerant pass, which looks for the first cut), the
 * stream ends at the first construct the Lexer cuts at an under-indented line: a quoted scalar
 * (its token, cut short, is the last) or a flow collection (a FLOW_CUT token instead of
 * leaving the text to the Lexer).
 */
export function scanTokens(source: string, from = 0, stopAtCut = false): boolean {
  text = source;
  len = source.length;
  pos = from;
  stopAtFirstCut = stopAtCut;
  indentNext = 0;
  indentValue = 0;
  flowLevel = 0;
  flowKey = false;
  atNewLine = true;
  lineIndent = 0;
  startTokens();
  try {
    if (hasLoneCarriageReturn(from)) return false;
    let state = STREAM;
    while (pos < len && state !== STOPPED) {
      switch (state) {
        case STREAM:
          state = stream();
          break;
        case LINE_START:
          state = lineStart();
          break;
        case BLOCK_START:
          state = blockStart();
          break;
        case DOC:
          state = doc();
          break;
        default:
          state = flow();
      }
    }
    endTokens(pos);
    return true;
  } catch (err) {
    if (err !== BAIL) throw err;
    releaseSources();
    startTokens();
    return false;
  } finally {
    text = '';
  }
}

function hasLoneCarriageReturn(from: number): boolean {
  for (let i = text.indexOf('\r', from); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== LF) return true;
  return false;
}

// ---- tokens ----

/** Pushes the token from `pos` to `end` and moves past it. */
function emit(kind: number, end: number): void {
  push(kind, text.slice(pos, end), pos, lineIndent);
  if (kind === NEWLINE) {
    atNewLine = true;
    lineIndent = 0;
  } else if (kind === SPACE) {
    if (atNewLine) lineIndent += end - pos;
  } else if (kind === SEQ_ITEM || kind === MAP_VALUE) {
    if (atNewLine) lineIndent += 1;
  } else atNewLine = false;
  pos = end;
}

/** A scalar's source (the Lexer marks it, then gives it even when empty). */
function emitScalar(kind: typeof PLAIN | typeof BLOCK_BODY, end: number): void {
  if (end > len) end = len;
  if (end < pos) end = pos;
  push(kind, text.slice(pos, end), pos, lineIndent);
  if (kind === BLOCK_BODY) {
    atNewLine = true;
    lineIndent = 0;
  } else atNewLine = false;
  pos = end;
}

/** The end of the line (before `\r\n` or `\n`), as the Lexer's `getLine` cuts it. */
function lineStop(): number {
  const nl = text.indexOf('\n', pos);
  if (nl === -1) return len;
  if (text.charCodeAt(nl - 1) === CR) {
    if (nl - 1 < pos) bail();
    return nl - 1;
  }
  return nl;
}

function pushNewline(): number {
  const c = text.charCodeAt(pos);
  if (c === LF) {
    emit(NEWLINE, pos + 1);
    return 1;
  }
  if (c === CR && text.charCodeAt(pos + 1) === LF) {
    emit(NEWLINE, pos + 2);
    return 2;
  }
  return 0;
}

/** Spaces (and tabs where the Lexer allows them, but a tab there makes the builder refuse the text). */
function pushSpaces(allowTabs: boolean): number {
  let i = pos;
  let c = text.charCodeAt(i);
  while (c === SP || (allowTabs && c === TAB)) {
    if (c === TAB) bail();
    c = text.charCodeAt(++i);
  }
  const n = i - pos;
  if (n > 0) emit(SPACE, i);
  return n;
}

function pushAnchorLike(kind: number): void {
  let i = pos + 1;
  while (!endsAnchor(text.charCodeAt(i))) i++;
  emit(kind, i);
}

function pushTag(): void {
  let i = pos + 1;
  if (text.charCodeAt(i) === 0x3c) {
    // `!<verbatim>`
    i++;
    let c = text.charCodeAt(i);
    while (!isEmpty(c) && c !== 0x3e) c = text.charCodeAt(++i);
    emit(TAG, c === 0x3e ? i + 1 : i);
    return;
  }
  for (;;) {
    const c = text.charCodeAt(i);
    if (c < 128 && TAG_CHARS[c] === 1) i++;
    else if (c === 0x25 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) i += 3;
    else break;
  }
  emit(TAG, i);
}

/** Tags, anchors and the `-`, `:` indicators before a node. */
function pushIndicators(): void {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 0x21) {
      pushTag();
      pushSpaces(true);
    } else if (c === 0x26) {
      pushAnchorLike(ANCHOR);
      pushSpaces(true);
    } else if (c === 0x2d || c === 0x3f || c === 0x3a) {
      const inFlow = flowLevel > 0;
      const c1 = text.charCodeAt(pos + 1);
      if (!(isEmpty(c1) || (inFlow && isFlowIndicator(c1)))) return;
      if (c === 0x3f) bail();
      if (!inFlow) indentNext = indentValue + 1;
      else if (flowKey) flowKey = false;
      emit(c === 0x2d ? SEQ_ITEM : MAP_VALUE, pos + 1);
      pushSpaces(true);
    } else return;
  }
}

// ---- states ----

function stream(): number {
  const stop = lineStop();
  const c = text.charCodeAt(pos);
  if (c === 0xfeff) bail();
  if (c === 0x25) {
    directive(stop);
    return STREAM;
  }
  if (atLineEnd()) {
    pushSpaces(true);
    if (pos < stop) emit(COMMENT, stop);
    pushNewline();
    return STREAM;
  }
  return lineStart();
}

/** `%YAML 1.1` or `%YAML 1.2`, then spaces and a comment; the newline is the next line's. */
function directive(stop: number): void {
  let dirEnd = stop;
  for (let cs = text.indexOf('#', pos); cs !== -1 && cs < stop; cs = text.indexOf('#', cs + 1)) {
    const before = text.charCodeAt(cs - 1);
    if (before === SP || before === TAB) {
      dirEnd = cs - 1;
      break;
    }
  }
  for (;;) {
    const before = text.charCodeAt(dirEnd - 1);
    if (before === SP || before === TAB) dirEnd--;
    else break;
  }
  const name = text.slice(pos, dirEnd);
  if (name !== '%YAML 1.1' && name !== '%YAML 1.2') bail();
  emit(YAML_DIRECTIVE, dirEnd);
  pushSpaces(true);
  if (pos < stop) {
    if (text.charCodeAt(pos) !== 0x23) bail();
    emit(COMMENT, stop);
  }
}

function atLineEnd(): boolean {
  let i = pos;
  let c = text.charCodeAt(i);
  while (c === SP || c === TAB) c = text.charCodeAt(++i);
  if (c !== c || c === 0x23 || c === LF) return true;
  if (c === CR) return text.charCodeAt(i + 1) === LF;
  return false;
}

function lineStart(): number {
  const c = text.charCodeAt(pos);
  if ((c === 0x2d || c === 0x2e) && text.charCodeAt(pos + 1) === c && text.charCodeAt(pos + 2) === c && isEmpty(text.charCodeAt(pos + 3))) {
    if (c === 0x2e) bail(); // `...`
    emit(DOC_START, pos + 3);
    indentValue = 0;
    indentNext = 0;
    return DOC;
  }
  indentValue = pushSpaces(false);
  if (indentNext > indentValue && !isEmpty(text.charCodeAt(pos + 1))) indentNext = indentValue;
  return blockStart();
}

function blockStart(): number {
  const c = text.charCodeAt(pos);
  if ((c === 0x2d || c === 0x3f || c === 0x3a) && isEmpty(text.charCodeAt(pos + 1))) {
    if (c === 0x3f) bail();
    emit(c === 0x2d ? SEQ_ITEM : MAP_VALUE, pos + 1);
    const n = 1 + pushSpaces(true);
    indentNext = indentValue + 1;
    indentValue += n;
    return BLOCK_START;
  }
  return DOC;
}

function doc(): number {
  pushSpaces(true);
  const stop = lineStop();
  pushIndicators();
  const c = pos < stop ? text.charCodeAt(pos) : -1;
  switch (c) {
    case 0x23: // #
      emit(COMMENT, stop);
    // fallthrough
    case -1:
      pushNewline();
      return lineStart();
    case 0x7b: // {
    case 0x5b: // [
      emit(c === 0x7b ? FLOW_MAP : FLOW_SEQ, pos + 1);
      flowKey = false;
      flowLevel = 1;
      return FLOW;
    case 0x7d: // } (an error)
    case 0x5d: // ]
      emit(c === 0x7d ? FLOW_MAP_END : FLOW_SEQ_END, pos + 1);
      return DOC;
    case 0x2a: // *
      pushAnchorLike(ALIAS);
      return DOC;
    case 0x22: // "
    case 0x27: // '
      return quotedScalar();
    case 0x7c: // |
    case 0x3e: // >
      blockScalarHeader();
      pushSpaces(true);
      if (pos < stop) {
        if (text.charCodeAt(pos) !== 0x23) bail();
        emit(COMMENT, stop);
      }
      pushNewline();
      return blockScalar();
    default:
      return plainScalar();
  }
}

function flow(): number {
  let indent = -1;
  let nl: number;
  let sp: number;
  do {
    nl = pushNewline();
    if (nl > 0) {
      sp = pushSpaces(false);
      indentValue = indent = sp;
    } else sp = 0;
    sp += pushSpaces(true);
  } while (nl + sp > 0);
  const stop = lineStop();
  const first = pos < stop ? text.charCodeAt(pos) : -1;
  if (
    (indent !== -1 && indent < indentNext && first !== 0x23) ||
    (indent === 0 && (first === 0x2d || first === 0x2e) && text.charCodeAt(pos + 1) === first && text.charCodeAt(pos + 2) === first && pos + 3 <= stop && isEmpty(pos + 3 < stop ? text.charCodeAt(pos + 3) : NaN))
  ) {
    // Allowed by the Lexer: the closing bracket one column left of the flow's indentation.
    const atFlowEndMarker = indent === indentNext - 1 && flowLevel === 1 && (first === 0x5d || first === 0x7d);
    if (!atFlowEndMarker) {
      // The Lexer ends the flow collection there: an error.
      if (!stopAtFirstCut) bail();
      push(FLOW_CUT, '', pos, lineIndent);
      return STOPPED;
    }
  }
  while (text.charCodeAt(pos) === 0x2c) {
    emit(COMMA, pos + 1);
    pushSpaces(true);
    flowKey = false;
  }
  pushIndicators();
  const c = pos < stop ? text.charCodeAt(pos) : -1;
  switch (c) {
    case -1:
      return FLOW;
    case 0x23: // #
      emit(COMMENT, stop);
      return FLOW;
    case 0x7b: // {
    case 0x5b: // [
      emit(c === 0x7b ? FLOW_MAP : FLOW_SEQ, pos + 1);
      flowKey = false;
      flowLevel += 1;
      return FLOW;
    case 0x7d: // }
    case 0x5d: // ]
      emit(c === 0x7d ? FLOW_MAP_END : FLOW_SEQ_END, pos + 1);
      flowKey = true;
      flowLevel -= 1;
      return flowLevel ? FLOW : DOC;
    case 0x2a: // *
      pushAnchorLike(ALIAS);
      return FLOW;
    case 0x22: // "
    case 0x27: // '
      flowKey = true;
      return quotedScalar();
    case 0x3a: {
      // :
      const next = text.charCodeAt(pos + 1);
      if (flowKey || isEmpty(next) || next === 0x2c) {
        flowKey = false;
        emit(MAP_VALUE, pos + 1);
        pushSpaces(true);
        return FLOW;
      }
    }
    // fallthrough
    default:
      flowKey = false;
      return plainScalar();
  }
}

/**
 * Where a scalar's next line starts if it continues the scalar (past the indentation when
 * one is required), -1 where it does not: the Lexer's `continueScalar`.
 */
function continueScalar(offset: number): number {
  if (indentNext > 0) {
    let indent = 0;
    let c = text.charCodeAt(offset);
    while (c === SP) c = text.charCodeAt(++indent + offset);
    if (c === CR && text.charCodeAt(indent + offset + 1) === LF) return offset + indent + 1;
    return c === LF || indent >= indentNext ? offset + indent : -1;
  }
  const c = text.charCodeAt(offset);
  if ((c === 0x2d || c === 0x2e) && text.charCodeAt(offset + 1) === c && text.charCodeAt(offset + 2) === c && isEmpty(text.charCodeAt(offset + 3))) return -1;
  return offset;
}

/** Where the quoted scalar opening at `start` closes, by the Lexer's rules (`''` and `\\"` escape a quote); -1 if it never does. */
export function closingQuote(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const q = quote === 0x27 ? "'" : '"';
  let end = text.indexOf(q, start + 1);
  if (quote === 0x27) {
    while (end !== -1 && text.charCodeAt(end + 1) === 0x27) end = text.indexOf(q, end + 2);
  } else {
    while (end !== -1) {
      let n = 0;
      while (text.charCodeAt(end - 1 - n) === 0x5c) n += 1;
      if (n % 2 === 0) break;
      end = text.indexOf(q, end + 1);
    }
  }
  return end;
}

function quotedScalar(): number {
  const quote = text.charCodeAt(pos);
  let end = closingQuote(text, pos);
  // Without its closing quote the scalar runs to the end of the text, and is an error.
  if (end === -1) bail();
  let nl = text.indexOf('\n', pos);
  if (nl >= end) nl = -1;
  if (nl !== -1) {
    while (nl !== -1) {
      const cs = continueScalar(nl + 1);
      if (cs === -1) break;
      nl = text.indexOf('\n', cs);
      if (nl >= end) nl = -1;
    }
    // An unexpected unindent: the Lexer cuts the scalar before that line.
    if (nl !== -1) {
      end = nl - (text.charCodeAt(nl - 1) === CR ? 2 : 1);
      if (stopAtFirstCut) {
        emit(quote === 0x27 ? SINGLE : DOUBLE, end + 1);
        return STOPPED;
      }
    }
  }
  emit(quote === 0x27 ? SINGLE : DOUBLE, end + 1);
  return flowLevel ? FLOW : DOC;
}

function blockScalarHeader(): void {
  blockScalarIndent = -1;
  blockScalarKeep = false;
  let i = pos;
  for (;;) {
    const c = text.charCodeAt(++i);
    if (c === 0x2b) blockScalarKeep = true;
    else if (c > 0x30 && c <= 0x39) blockScalarIndent = c - 0x31;
    else if (c !== 0x2d) break;
  }
  i = pos;
  let c = text.charCodeAt(i);
  while (!isEmpty(c) && c !== 0x23) c = text.charCodeAt(++i);
  emit(BLOCK_HEADER, i);
}

function blockScalar(): number {
  let nl = pos - 1;
  let indent = 0;
  for (let i = pos; i < len; ++i) {
    const c = text.charCodeAt(i);
    if (c === SP) indent += 1;
    else if (c === LF) {
      nl = i;
      indent = 0;
    } else if (c === CR && text.charCodeAt(i + 1) === LF) {
      // the LF comes next
    } else break;
  }
  if (indent >= indentNext) {
    if (blockScalarIndent === -1) indentNext = indent;
    else indentNext = blockScalarIndent + (indentNext === 0 ? 1 : indentNext);
    do {
      const cs = continueScalar(nl + 1);
      if (cs === -1) break;
      nl = text.indexOf('\n', cs);
    } while (nl !== -1);
    if (nl === -1) nl = len;
  }
  // The Lexer takes trailing, insufficiently indented tabs into the body (as an error).
  let j = nl + 1;
  let d = text.charCodeAt(j);
  while (d === SP) d = text.charCodeAt(++j);
  if (d === TAB) bail();
  if (!blockScalarKeep) {
    // Trailing lines no more indented than the body's first line are not the body's.
    for (;;) {
      let k = nl - 1;
      let e = text.charCodeAt(k);
      if (e === CR) e = text.charCodeAt(--k);
      const lastChar = k;
      while (e === SP) e = text.charCodeAt(--k);
      if (e === LF && k >= pos && k + 1 + indent > lastChar) nl = k;
      else break;
    }
  }
  emitScalar(BLOCK_BODY, nl + 1);
  return lineStart();
}

function plainScalar(): number {
  const inFlow = flowLevel > 0;
  let end = pos - 1;
  let i = pos - 1;
  let c: number;
  while (++i < len) {
    c = text.charCodeAt(i);
    if (c === 0x3a) {
      const next = text.charCodeAt(i + 1);
      if (isEmpty(next) || (inFlow && isFlowIndicator(next))) break;
      end = i;
    } else if (c === SP || c === LF || c === CR || c === TAB) {
      let next = text.charCodeAt(i + 1);
      if (c === CR) {
        // a lone CR was refused up front: this one starts CRLF
        i += 1;
        c = LF;
        next = text.charCodeAt(i + 1);
      }
      if (next === 0x23 || (inFlow && isFlowIndicator(next))) break;
      if (c === LF) {
        const cs = continueScalar(i + 1);
        if (cs === -1) break;
        i = Math.max(i, cs - 2); // to advance, but still account for ' #'
      }
    } else {
      if (inFlow && isFlowIndicator(c)) break;
      end = i;
    }
  }
  emitScalar(PLAIN, end + 1);
  return inFlow ? FLOW : DOC;
}
