import type { CST } from 'yaml';
import type { Location } from '../location.js';
import type { Diagnostic } from '../model.js';
import type { MapNode, Node, Pair, Scalar, ScalarNode, SeqNode } from './tree.js';
import { resolveAsScalar } from './yaml-lexer.js';
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
  YAML_DIRECTIVE,
  count,
  indents,
  kinds,
  offsets,
  releaseSources,
  sources,
} from './yaml-token-buffer.js';
import { lexTokens } from './yaml-token-lexer.js';
import { scanTokens } from './yaml-token-scanner.js';
import {
  LineIndex,
  MAX_DEPTH,
  MAX_EXPANDED_NODES,
  SHORT_TAGS,
  DuplicateKeys,
  expandedSize,
  inlineTextOrigin,
  literalTextOrigin,
  mayHoldDocument,
  parseError,
  type ParsedFile,
  type YamlDialect,
} from './yaml-shared.js';

/*
 * The located tree built straight from the YAML tokens (our scanner's, yaml-token-scanner.ts,
 * or `yaml`'s Lexer's where the scanner leaves the text: the same stream), without `yaml`'s
 * Parser, Composer or Document: one pass over the tokens, one object per node. It takes the YAML configuration
 * files are written in: block and flow collections, every scalar style (folding, escapes,
 * chomping and indentation indicators through `yaml`'s own scalar resolution), the core
 * schema's types, anchors, aliases, merge keys, the CloudFormation short tags, and duplicate
 * keys (settled as the deploy tool does, in yaml-shared.ts). For anything else it gives up
 * (`giveUp()`, the one place where it meets input it does not take, or `broken()` where the
 * Document path is sure to fail): every YAML error, directives but one `%YAML 1.1` or `1.2`
 * before the document's `---`, several documents, explicit `?` keys, complex keys, other tags, tabs around
 * indentation. `parseLocated` then takes the Document path (yaml-document.ts), which reports
 * the errors: tolerance for broken input goes there, or here where the builder gives up.
 *
 * What this builder returns is, node for node and position for position, what the Document
 * path returns: test/load/yaml-tokens.test.ts compares both on every YAML file of the corpus
 * and apps, on edited copies of them and on generated documents. That includes the less
 * obvious end positions: a collection ends where `yaml` ends its last value's range, which
 * takes in the newline after a flow value, comment lines more indented than the collection
 * right after it, and trailing comment lines indented at least as far as the collection. The
 * `trivia` and `closeCollection` methods mirror those rules of `yaml`'s Parser (`lineEnd`,
 * `atIndentedComment`, and the comment-only items `pop` hands to the parent).
 */

/** Thrown (never seen outside this module) when the input needs the Document path. */
const GIVE_UP = Symbol('give up');
function giveUp(): never {
  throw GIVE_UP;
}
/**
 * Thrown at input the Document path rejects for certain, whatever surrounds it: a quoted scalar
 * without its closing quote (`yaml` resolves every quoted scalar it meets, and reports that as an
 * error). The tolerant pass can then run before the Document path, which it makes unnecessary.
 */
const BROKEN = Symbol('broken');
function broken(): never {
  throw BROKEN;
}

/**
 * Splits the text into tokens (yaml-token-buffer.ts) with their offsets and indentation; false
 * at a token this builder does not handle. Our scanner does it in one pass; what it leaves,
 * `yaml`'s Lexer does (both write the same stream).
 */
function tokenize(text: string): boolean {
  return scanTokens(text) || lexTokens(text);
}

/** Builds the located tree from the lexer's tokens; undefined when the Document path must do it. */
export function parseFromTokens(text: string, file: string, dialect: YamlDialect = 'cloudformation'): ParsedFile | undefined {
  const built = buildFromTokens(text, file, dialect);
  return typeof built === 'string' ? undefined : built;
}

/**
 * `parseFromTokens`, telling why it gave up: `'broken'` when the Document path would report a
 * syntax error for certain, `'unsupported'` for anything else it leaves to that path.
 */
export function buildFromTokens(text: string, file: string, dialect: YamlDialect = 'cloudformation'): ParsedFile | 'unsupported' | 'broken' {
  try {
    if (!tokenize(text)) return 'unsupported';
    const builder = new TreeBuilder(text, file, dialect);
    const root = builder.document();
    builder.duplicates.finish();
    const diagnostics = builder.diagnostics;
    if (root === undefined) return { root: undefined, diagnostics };
    if (builder.aliased && expandedSize(root) > MAX_EXPANDED_NODES) {
      diagnostics.push(parseError(`aliases expand to more than ${MAX_EXPANDED_NODES} nodes; the file is not analysed`, root.loc));
      return { root: undefined, diagnostics };
    }
    return { root, diagnostics };
  } catch (err) {
    if (err === BROKEN) return 'broken';
    if (err === GIVE_UP || err instanceof RangeError) return 'unsupported';
    throw err;
  } finally {
    // Token strings would keep the file's text alive.
    releaseSources();
  }
}

/** Marks anchors whose node is still being built: an alias to one would be a cycle. */
const BUILDING: Location = { file: '', line: 0, column: 0, endLine: 0, endColumn: 0 };

class TreeBuilder {
  private readonly n = count;
  private readonly lines: LineIndex;
  /** Where the token stream ends (the text, unless it ends inside a construct we gave up on). */
  private readonly textEnd: number;
  private anchors: Map<string, Node> | undefined;
  aliased = false;
  readonly diagnostics: Diagnostic[] = [];
  readonly duplicates: DuplicateKeys;

  // Results of the last node built, besides the node itself:
  /** Index of the first token after the node and the comments and blank lines that follow it. */
  private next = 0;
  /** The end of the node's range as `yaml` extends it (its `range[2]`): its parent ends there. */
  private nodeEnd = 0;
  /** Deepest indentation of a comment in the trailing comment lines not yet given to a collection; -1 if none. */
  private trailComment = -1;
  /** Where those trailing lines end. */
  private trailEnd = 0;
  /** The node's own range (`range[0]`, `range[1]` in `yaml`), which a short tag's location spans. */
  private start = 0;
  private end = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    dialect: YamlDialect,
  ) {
    this.lines = new LineIndex(text);
    this.duplicates = new DuplicateKeys(dialect, this.diagnostics);
    this.textEnd = this.n === 0 ? 0 : offsets[this.n - 1]! + sources[this.n - 1]!.length;
  }

  private at(start: number, end: number): Location {
    return this.lines.at(this.file, start, end);
  }

  /** The root node; undefined for a stream without a document (only comments and blank lines). */
  document(): Node | undefined {
    let i = this.skipTrivia(0);
    if (i < this.n && kinds[i] === YAML_DIRECTIVE) {
      // One version directive, on its own line, then the document's `---`.
      i = this.skipTrivia(this.lineEnd(i + 1));
      if (kinds[i] !== DOC_START) giveUp();
    }
    if (i < this.n && kinds[i] === DOC_START) {
      i = this.lineEnd(i + 1);
      i = this.skipTrivia(i);
      // `---` followed by nothing is an empty document (a null root): rare enough to leave.
      if (i >= this.n) giveUp();
    }
    if (i >= this.n) return undefined;
    let root: Node;
    const kind = kinds[i];
    if (kind === SEQ_ITEM) root = this.blockSeq(i, indents[i]!, 0);
    else if (this.isKey(i)) root = this.blockMap(i, indents[i]!, 0);
    else if (kind === FLOW_MAP || kind === FLOW_SEQ) {
      root = this.flow(i, 0);
      this.valueLineEnd(this.next, -1, 0);
    } else giveUp();
    // Anything after the root (a less indented line, a second document) is an error.
    if (this.next < this.n) giveUp();
    return root;
  }

  // ---- block collections ----

  private blockMap(first: number, indent: number, depth: number): MapNode {
    if (depth > MAX_DEPTH - 2) giveUp();
    const start = offsets[first]!;
    let entries: Pair[] = [];
    let merged: Pair[] | undefined;
    let i = first;
    for (;;) {
      const keyKind = kinds[i]!;
      const keySource = sources[i]!;
      const keyStart = offsets[i]!;
      const merge = keyKind === PLAIN && keySource === '<<';
      const typed = merge ? '<<' : keyValue(keyKind, keySource, keyStart, indents[i]!);
      const key = typeof typed === 'string' ? typed : String(typed);
      const keyLoc = this.at(keyStart, keyStart + keySource.length);
      i++;
      if (kinds[i] === SPACE) i++;
      const value = this.value(i + 1, indent, depth + 1, false);
      if (merge) merged = mergeSources(merged, value);
      else entries.push({ key, keyLoc, value });
      const next = this.next;
      if (next >= this.n || indents[next]! < indent) break;
      if (indents[next] !== indent || !this.isKey(next)) giveUp();
      i = next;
    }
    entries = this.duplicates.settle(entries, this.sameKey(entries));
    const map: MapNode = { kind: 'map', entries: merged ? withMerged(entries, merged) : entries, loc: this.at(start, this.nodeEnd) };
    this.start = start;
    this.end = this.nodeEnd;
    this.closeCollection(indent);
    return map;
  }

  private blockSeq(first: number, indent: number, depth: number): SeqNode {
    if (depth > MAX_DEPTH - 2) giveUp();
    const start = offsets[first]!;
    const items: Node[] = [];
    let i = first;
    // Comment lines before an item's `-` belong to the item: an empty item's range takes them in.
    let commentBefore = false;
    for (;;) {
      items.push(this.value(i + 1, indent, depth + 1, true, commentBefore));
      commentBefore = this.trailComment >= 0;
      const next = this.next;
      if (next >= this.n || indents[next]! < indent) break;
      if (indents[next] === indent) {
        if (kinds[next] !== SEQ_ITEM) break; // the next key of a map this sequence is a value of
        i = next;
        continue;
      }
      giveUp();
    }
    const seq: SeqNode = { kind: 'seq', items, loc: this.at(start, this.nodeEnd) };
    this.start = start;
    this.end = this.nodeEnd;
    this.closeCollection(indent);
    return seq;
  }

  /**
   * A block collection ends: comment lines after its last value stay in its range when one
   * of them is indented at least as far as the collection; otherwise they go to the parent.
   */
  private closeCollection(indent: number): void {
    if (this.trailComment >= 0 && indent !== 0 && this.trailComment >= indent) {
      this.nodeEnd = this.trailEnd;
      this.trailComment = -1;
    }
  }

  /** Whether two keys of the same text are the same key, as `yaml` compares them (`1:` and `'1':` are not). */
  private readonly sameKey = (entries: readonly Pair[]) => (a: number, b: number): boolean =>
    this.keyValueAt(entries[a]!.keyLoc) === this.keyValueAt(entries[b]!.keyLoc);

  /** The scalar value of the key at `loc` (keys are single-line plain or quoted scalars). */
  private keyValueAt(loc: Location): Scalar {
    const start = this.lines.offset(loc.line, loc.column);
    const source = this.text.slice(start, this.lines.offset(loc.endLine, loc.endColumn));
    const c = source.charCodeAt(0);
    return keyValue(c === 0x27 ? SINGLE : c === 0x22 ? DOUBLE : PLAIN, source, start, 0);
  }

  /** A plain or quoted single-line scalar followed (after spaces) by `:`. */
  private isKey(i: number): boolean {
    const kind = kinds[i];
    if (kind !== PLAIN && kind !== SINGLE && kind !== DOUBLE) return false;
    let j = i + 1;
    if (kinds[j] === SPACE) j++;
    if (kinds[j] !== MAP_VALUE) return false;
    // A key over several lines is an error.
    if (sources[i]!.includes('\n')) giveUp();
    return true;
  }

  /**
   * The node after a `:` or `-` indicator (`i` is the token after it), in a collection of
   * `indent`. Sets `next`, `nodeEnd` and the trailing comments for the caller.
   */
  private value(i: number, indent: number, depth: number, inSeq: boolean, commentBefore = false): Node {
    if (depth > MAX_DEPTH - 2) giveUp();
    const afterIndicator = i;
    if (kinds[i] === SPACE) i++;
    i = this.properties(i);
    let tag = this.tag;
    let anchor = this.anchor;
    let lastProp = this.lastProp >= 0 ? this.lastProp : afterIndicator - 1;
    let kind = i < this.n ? kinds[i]! : NEWLINE;
    if ((kind === COMMENT || kind === NEWLINE) && tag === undefined && anchor === undefined) {
      // Properties may open the lines below: `Value:` then `!Sub` then the sequence.
      const below = this.skipTrivia(i);
      if (below < this.n && (kinds[below] === TAG || kinds[below] === ANCHOR) && indents[below]! > indent) {
        i = this.properties(below);
        tag = this.tag;
        anchor = this.anchor;
        lastProp = this.lastProp;
        kind = i < this.n ? kinds[i]! : NEWLINE;
      }
    }
    const hasProps = tag !== undefined || anchor !== undefined;
    const marker = anchor !== undefined ? this.startAnchor(anchor) : undefined;
    let node: Node;
    if (kind === PLAIN || kind === SINGLE || kind === DOUBLE) {
      if (this.isKey(i)) {
        // `- key: value`: a map inside a sequence item, at the key's column.
        if (!inSeq || hasProps) giveUp();
        return this.blockMap(i, indents[i]!, depth);
      }
      node = this.scalar(i, tag !== undefined);
      this.valueLineEnd(i + 1, indent, offsets[i]! + sources[i]!.length);
    } else if (kind === ALIAS) {
      if (hasProps) giveUp();
      node = this.alias(i);
      this.valueLineEnd(i + 1, indent, offsets[i]! + sources[i]!.length);
    } else if (kind === FLOW_MAP || kind === FLOW_SEQ) {
      node = this.flow(i, depth);
      this.valueLineEnd(this.next, indent, 0);
    } else if (kind === BLOCK_HEADER) {
      node = this.blockScalar(i, indent);
    } else if (kind === SEQ_ITEM) {
      // `- - item`: a sequence inside a sequence item; on the line of a key it is an error.
      if (!inSeq || hasProps) giveUp();
      return this.blockSeq(i, indents[i]!, depth);
    } else if (kind === COMMENT || kind === NEWLINE) {
      node = this.valueBelow(i, afterIndicator, indent, depth, inSeq, lastProp, tag !== undefined, hasProps, commentBefore);
    } else {
      giveUp();
    }
    if (tag !== undefined) node = this.shortForm(tag, node);
    if (marker !== undefined) this.endAnchor(anchor!, marker, node);
    return node;
  }

  // The properties read by the last `properties` call.
  private tag: string | undefined;
  private anchor: string | undefined;
  /** Index of the last property token; -1 if none. */
  private lastProp = -1;

  /** Reads a node's tag and anchor (CloudFormation short tags only), each followed by a space or a line end. */
  private properties(i: number): number {
    this.tag = undefined;
    this.anchor = undefined;
    this.lastProp = -1;
    for (;;) {
      const kind = kinds[i];
      if (kind === TAG) {
        if (this.tag !== undefined) giveUp();
        const tag = sources[i]!;
        if (SHORT_TAGS[tag] === undefined) giveUp();
        this.tag = tag;
      } else if (kind === ANCHOR) {
        if (this.anchor !== undefined) giveUp();
        this.anchor = anchorName(sources[i]!);
      } else return i;
      this.lastProp = i++;
      if (i < this.n && kinds[i] !== SPACE && kinds[i] !== NEWLINE) giveUp();
      if (kinds[i] === SPACE) i++;
    }
  }

  /**
   * The node on the lines below an indicator and its properties, or an empty one placed, as
   * `yaml` places it, after the indicator or the last property and the spaces that follow.
   */
  private valueBelow(
    i: number,
    afterIndicator: number,
    indent: number,
    depth: number,
    inSeq: boolean,
    lastProp: number,
    tagged: boolean,
    hasProps: boolean,
    commentBefore: boolean,
  ): Node {
    const below = this.skipTrivia(i);
    const k = below < this.n ? indents[below]! : -1;
    const kind = kinds[below];
    if (k > indent || (k === indent && kind === SEQ_ITEM && !inSeq)) {
      if (kind === SEQ_ITEM) return this.blockSeq(below, k, depth);
      if (this.isKey(below)) return this.blockMap(below, k, depth);
      if (kind === PLAIN || kind === SINGLE || kind === DOUBLE) {
        const node = this.scalar(below, tagged);
        this.valueLineEnd(below + 1, indent, offsets[below]! + sources[below]!.length);
        return node;
      }
      if (kind === ALIAS && !hasProps) {
        const node = this.alias(below);
        this.valueLineEnd(below + 1, indent, offsets[below]! + sources[below]!.length);
        return node;
      }
      if (kind === FLOW_MAP || kind === FLOW_SEQ) {
        const node = this.flow(below, depth);
        this.valueLineEnd(this.next, indent, 0);
        return node;
      }
      if (kind === BLOCK_HEADER) return this.blockScalar(below, indent);
      giveUp();
    }
    let at = offsets[lastProp]! + sources[lastProp]!.length;
    for (let j = lastProp + 1; kinds[j] === SPACE; j++) at += sources[j]!.length;
    let hasComment = commentBefore;
    for (let j = afterIndicator; j < below && !hasComment; j++) if (kinds[j] === COMMENT) hasComment = true;
    this.next = below;
    // A comment among the tokens after the indicator stretches the empty node's range over all of them.
    this.nodeEnd = hasComment ? (below < this.n ? offsets[below]! : this.textEnd) : at;
    this.trailComment = -1;
    this.start = at;
    this.end = at;
    return { kind: 'scalar', value: tagged ? '' : null, loc: this.at(at, at) };
  }

  // ---- scalars ----

  private scalar(i: number, tagged: boolean): ScalarNode {
    const source = sources[i]!;
    const start = offsets[i]!;
    const kind = kinds[i]!;
    const text = scalarText(kind, source, start, indents[i]!);
    this.start = start;
    this.end = start + source.length;
    const value = tagged || kind !== PLAIN ? text : coreValue(text);
    const loc = this.at(start, start + source.length);
    if (typeof value === 'string' && mayHoldDocument(value)) {
      const origin = inlineTextOrigin(loc, value, kind !== PLAIN);
      if (origin) return { kind: 'scalar', value, loc, textOrigin: origin };
    }
    return { kind: 'scalar', value, loc };
  }

  private blockScalar(i: number, indent: number): ScalarNode {
    const start = offsets[i]!;
    const props: CST.SourceToken[] = [{ type: 'block-scalar-header', offset: start, indent, source: sources[i]! }];
    let j = i + 1;
    for (; kinds[j] !== BLOCK_BODY; j++) {
      const kind = kinds[j];
      if (kind !== SPACE && kind !== COMMENT && kind !== NEWLINE) giveUp();
      if (kind === COMMENT && kinds[j - 1] !== SPACE) giveUp();
      props.push({ type: kind === SPACE ? 'space' : kind === COMMENT ? 'comment' : 'newline', offset: offsets[j]!, indent: indents[j]!, source: sources[j]! });
    }
    const body = sources[j]!;
    const { value, type } = resolveAsScalar({ type: 'block-scalar', offset: start, indent, props, source: body }, false, giveUp)!;
    const end = offsets[j]! + body.length;
    this.nodeEnd = end;
    this.start = start;
    this.end = end;
    this.next = this.trivia(j + 1, -1);
    const loc = this.at(start, end);
    if (type === 'BLOCK_LITERAL' && mayHoldDocument(value)) {
      const origin = literalTextOrigin(this.text, start, end, (offset) => this.at(offset, offset).line);
      if (origin) return { kind: 'scalar', value, loc, textOrigin: origin };
    }
    return { kind: 'scalar', value, loc };
  }

  private alias(i: number): Node {
    const name = sources[i]!.slice(1);
    if (name === '' || name.endsWith(':')) giveUp();
    const node = this.anchors?.get(name);
    // Unknown (or later) anchors and aliases inside their own anchor are the Document path's to report.
    if (node === undefined || node.loc === BUILDING) giveUp();
    this.aliased = true;
    this.start = offsets[i]!;
    this.end = this.start + sources[i]!.length;
    return node;
  }

  private startAnchor(name: string): Node {
    const marker: Node = { kind: 'scalar', value: null, loc: BUILDING };
    (this.anchors ??= new Map()).set(name, marker);
    return marker;
  }

  /** An alias names the last node anchored before it, so an anchor reused inside the node keeps the inner one. */
  private endAnchor(name: string, marker: Node, node: Node): void {
    if (this.anchors!.get(name) === marker) this.anchors!.set(name, node);
  }

  /** `!Ref X` and friends as their long form: a one-key map located from the tag to the node's end. */
  private shortForm(tag: string, node: Node): Node {
    const long = SHORT_TAGS[tag]!;
    let arg = node;
    if (long === 'Fn::GetAtt' && node.kind === 'scalar' && typeof node.value === 'string') {
      // `!GetAtt Resource.Attribute` is the dotted short form of a two-item list.
      const dot = node.value.indexOf('.');
      if (dot > 0) {
        const loc = node.loc;
        arg = {
          kind: 'seq',
          items: [
            { kind: 'scalar', value: node.value.slice(0, dot), loc },
            { kind: 'scalar', value: node.value.slice(dot + 1), loc },
          ],
          loc,
        };
      }
    }
    // Located as the Document path does: from the last occurrence of the tag before the node.
    const start = this.start;
    const tagStart = this.text.lastIndexOf(tag, start);
    const tagLoc = this.at(tagStart >= 0 && start - tagStart < 4096 ? tagStart : start, this.end);
    return { kind: 'map', entries: [{ key: long, keyLoc: tagLoc, value: arg }], loc: tagLoc };
  }

  // ---- flow collections ----

  /** A `{...}` or `[...]` collection starting at token `i`; `next` is set to the token after its end. */
  private flow(i: number, depth: number): Node {
    if (depth > MAX_DEPTH - 2) giveUp();
    const isMap = kinds[i] === FLOW_MAP;
    const close = isMap ? FLOW_MAP_END : FLOW_SEQ_END;
    const start = offsets[i]!;
    let entries: Pair[] = [];
    const items: Node[] = [];
    let merged: Pair[] | undefined;
    let j = this.skipFlowTrivia(i + 1);
    while (kinds[j] !== close) {
      if (isMap || this.isFlowKey(j)) {
        const keyKind = kinds[j];
        if (keyKind !== PLAIN && keyKind !== SINGLE && keyKind !== DOUBLE) giveUp();
        const keySource = sources[j]!;
        if (keySource.includes('\n')) giveUp();
        const keyStart = offsets[j]!;
        const merge = keyKind === PLAIN && keySource === '<<';
        const typed = merge ? '<<' : keyValue(keyKind, keySource, keyStart, indents[j]!);
        const key = typeof typed === 'string' ? typed : String(typed);
        const keyLoc = this.at(keyStart, keyStart + keySource.length);
        j++;
        if (kinds[j] === SPACE) j++;
        if (kinds[j] !== MAP_VALUE) giveUp();
        const value = this.flowValue(this.skipFlowTrivia(j + 1), depth + 1, j);
        if (isMap) {
          if (merge) merged = mergeSources(merged, value);
          else entries.push({ key, keyLoc, value });
        } else {
          // `[Key: value]`: a one-pair map, from its key to its value.
          if (merge) giveUp();
          items.push({ kind: 'map', entries: [{ key, keyLoc, value }], loc: this.at(keyStart, this.end) });
        }
      } else {
        items.push(this.flowValue(j, depth + 1, -1));
      }
      j = this.skipFlowTrivia(this.next);
      const kind = kinds[j];
      if (kind === close) break;
      if (kind !== COMMA) giveUp();
      j = this.skipFlowTrivia(j + 1);
      // A trailing comma is fine; an empty item is left to the Document path.
      if (kinds[j] === COMMA) giveUp();
    }
    this.next = j + 1;
    this.start = start;
    this.end = offsets[j]! + 1;
    const loc = this.at(start, this.end);
    if (isMap) {
      entries = this.duplicates.settle(entries, this.sameKey(entries));
      return { kind: 'map', entries: merged ? withMerged(entries, merged) : entries, loc };
    }
    return { kind: 'seq', items, loc };
  }

  /** In a flow sequence: a scalar followed by `:` on its line. */
  private isFlowKey(i: number): boolean {
    const kind = kinds[i];
    if (kind !== PLAIN && kind !== SINGLE && kind !== DOUBLE) return false;
    let j = i + 1;
    if (kinds[j] === SPACE) j++;
    return kinds[j] === MAP_VALUE;
  }

  /**
   * A value in a flow collection: after `:` (`indicator`, the index of that token) or an item
   * of a sequence (`indicator` -1). Empty values are placed as `yaml` places them: a pair's
   * after its indicator or last property and the following spaces, an item's just before the
   * token that ends it.
   */
  private flowValue(i: number, depth: number, indicator: number): Node {
    let tag: string | undefined;
    let anchor: string | undefined;
    let lastProp = indicator;
    for (;;) {
      const kind = kinds[i];
      if (kind === TAG) {
        if (tag !== undefined) giveUp();
        tag = sources[i]!;
        if (SHORT_TAGS[tag] === undefined) giveUp();
      } else if (kind === ANCHOR) {
        if (anchor !== undefined) giveUp();
        anchor = anchorName(sources[i]!);
      } else break;
      lastProp = i++;
      const after = kinds[i];
      if (after !== SPACE && after !== NEWLINE && after !== COMMA && after !== FLOW_MAP_END && after !== FLOW_SEQ_END) giveUp();
      i = this.skipFlowTrivia(i);
    }
    const marker = anchor !== undefined ? this.startAnchor(anchor) : undefined;
    const kind = kinds[i];
    let node: Node;
    if (kind === PLAIN || kind === SINGLE || kind === DOUBLE) {
      // `{a: :b}` is left to the Document path.
      if (kind === PLAIN && sources[i]!.charCodeAt(0) === 0x3a) giveUp();
      node = this.scalar(i, tag !== undefined);
      this.next = i + 1;
    } else if (kind === ALIAS) {
      if (tag !== undefined || anchor !== undefined) giveUp();
      node = this.alias(i);
      this.next = i + 1;
    } else if (kind === FLOW_MAP || kind === FLOW_SEQ) {
      node = this.flow(i, depth);
    } else if ((kind === COMMA || kind === FLOW_MAP_END || kind === FLOW_SEQ_END) && (lastProp >= 0)) {
      let at = offsets[i]!;
      if (indicator >= 0) {
        at = offsets[lastProp]! + sources[lastProp]!.length;
        for (let j = lastProp + 1; kinds[j] === SPACE; j++) at += sources[j]!.length;
      }
      this.start = at;
      this.end = at;
      this.next = i;
      node = { kind: 'scalar', value: tag !== undefined ? '' : null, loc: this.at(at, at) };
    } else {
      giveUp();
    }
    // `[[a]: b]`, `{a: b: c}`
    if (kinds[this.skipFlowTrivia(this.next)] === MAP_VALUE) giveUp();
    if (tag !== undefined) node = this.shortForm(tag, node);
    if (marker !== undefined) this.endAnchor(anchor!, marker, node);
    return node;
  }

  // ---- comments, spaces and line ends ----

  /** Skips spaces, newlines and comments; a comment must follow a space or start a line. */
  private skipTrivia(i: number): number {
    for (; i < this.n; i++) {
      const kind = kinds[i];
      if (kind === COMMENT) this.checkComment(i);
      else if (kind !== SPACE && kind !== NEWLINE) break;
    }
    return i;
  }

  private skipFlowTrivia(i: number): number {
    const j = this.skipTrivia(i);
    if (j >= this.n) giveUp();
    return j;
  }

  private checkComment(i: number): void {
    const before = i === 0 ? NEWLINE : kinds[i - 1];
    if (before !== SPACE && before !== NEWLINE && before !== BLOCK_BODY) giveUp();
  }

  /** After `---`: spaces and a comment, then the end of the line. */
  private lineEnd(i: number): number {
    if (kinds[i] === SPACE) i++;
    if (kinds[i] === COMMENT) this.checkComment(i++);
    if (i < this.n) {
      if (kinds[i] !== NEWLINE) giveUp();
      i++;
    }
    return i;
  }

  /**
   * The rest of the line after a scalar, alias or flow collection ending at `valueEnd` (0:
   * where token `i` starts), then the lines of comments and blank lines after it. The node's
   * range takes in the line's newline and the comment lines `yaml` attaches to it.
   */
  private valueLineEnd(i: number, indent: number, valueEnd: number): void {
    if (valueEnd === 0) valueEnd = i < this.n ? offsets[i]! : this.textEnd;
    if (kinds[i] === MAP_VALUE || (kinds[i] === SPACE && kinds[i + 1] === MAP_VALUE)) giveUp(); // `a: b: c`, `[a]: b`
    const j = this.lineEnd(i);
    this.nodeEnd = j < this.n ? offsets[j]! : j > i ? this.textEnd : valueEnd;
    this.next = this.trivia(j, indent);
  }

  /**
   * Comment lines and blank lines after a node that ended its line, as `yaml`'s Parser
   * assigns them: comment lines more indented than the collection (`attachIndent`; -1 after a
   * block scalar, which takes none) extend the node's range, with the blank lines between;
   * from the first other comment on, the lines form a trailing item, which the enclosing
   * collections settle when they end (closeCollection). Returns the first other token.
   */
  private trivia(i: number, attachIndent: number): number {
    let inTrail = false;
    let trailComment = -1;
    let trailBlank = true;
    let endsInComment = false;
    for (; i < this.n; i++) {
      const kind = kinds[i];
      if (kind === NEWLINE) {
        if (!inTrail) {
          if (endsInComment) {
            this.nodeEnd = offsets[i]! + sources[i]!.length;
            endsInComment = false;
          } else {
            inTrail = true;
            trailComment = -1;
            trailBlank = true;
          }
        }
      } else if (kind === SPACE) {
        if (!inTrail) {
          inTrail = true;
          trailComment = -1;
          trailBlank = true;
        }
      } else if (kind === COMMENT) {
        this.checkComment(i);
        const commentIndent = indents[i]!;
        if (!inTrail) {
          inTrail = true;
          trailComment = commentIndent;
          trailBlank = false;
        } else if (trailBlank && attachIndent >= 0 && commentIndent > attachIndent) {
          this.nodeEnd = offsets[i]! + sources[i]!.length;
          endsInComment = true;
          inTrail = false;
        } else {
          if (commentIndent > trailComment) trailComment = commentIndent;
          trailBlank = false;
        }
      } else break;
    }
    this.trailComment = inTrail ? trailComment : -1;
    this.trailEnd = i < this.n ? offsets[i]! : this.textEnd;
    return i;
  }
}

// ---- values ----

function anchorName(source: string): string {
  const name = source.slice(1);
  if (name === '' || name.endsWith(':')) giveUp();
  return name;
}

/** The string a scalar token stands for; anything `yaml` would report is left to the Document path. */
function scalarText(kind: number, source: string, offset: number, indent: number): string {
  if (kind === PLAIN) {
    switch (source.charCodeAt(0)) {
      case 0x2c: // ,
      case 0x25: // %
      case 0x7c: // |
      case 0x3e: // >
      case 0x40: // @
      case 0x60: // `
      case 0x09: // tab
        giveUp();
    }
    return source.includes('\n') ? resolved('scalar', source, offset, indent) : source;
  }
  const quote = kind === SINGLE ? "'" : '"';
  if (source.length < 2 || source[source.length - 1] !== quote) broken();
  const inner = source.slice(1, -1);
  if (inner.includes('\n')) return resolved(kind === SINGLE ? 'single-quoted-scalar' : 'double-quoted-scalar', source, offset, indent);
  if (kind === SINGLE) return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
  return inner.includes('\\') ? resolved('double-quoted-scalar', source, offset, indent) : inner;
}

/** Line folding and escapes, by `yaml`'s own scalar resolution. */
function resolved(type: CST.FlowScalar['type'], source: string, offset: number, indent: number): string {
  return resolveAsScalar({ type, offset, indent, source }, false, giveUp)!.value;
}

/** A key's scalar value: plain keys are typed like values (`1.0:` is the key "1"). */
function keyValue(kind: number, source: string, offset: number, indent: number): Scalar {
  const text = scalarText(kind, source, offset, indent);
  return kind === PLAIN ? coreValue(text) : text;
}

/** A plain scalar's value under the YAML 1.2 core schema, tested in `yaml`'s order. */
function coreValue(text: string): Scalar {
  const c = text.charCodeAt(0);
  // Most scalars are names and words: settle them on their first character.
  if (c >= 0x41 && c !== 0x7e && c !== 0x6e && c !== 0x74 && c !== 0x66 && c !== 0x4e && c !== 0x54 && c !== 0x46) return text; // not ~ n t f N T F
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

// The core schema's tests (YAML 1.2.2, 10.3.2), as `yaml` writes them.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

// ---- merge keys ----

function mergeSources(merged: Pair[] | undefined, value: Node): Pair[] {
  const into = merged ?? [];
  for (const source of value.kind === 'seq' ? value.items : [value]) {
    if (source.kind === 'map') for (const pair of source.entries) into.push(pair);
  }
  return into;
}

/** Explicit keys first, then merged ones not already present, the earliest source winning. */
function withMerged(explicit: Pair[], merged: readonly Pair[]): Pair[] {
  if (merged.length === 0) return explicit;
  const seen = new Set(explicit.map((p) => p.key));
  for (const pair of merged) {
    if (!seen.has(pair.key)) {
      seen.add(pair.key);
      explicit.push(pair);
    }
  }
  return explicit;
}
