import type { Location } from '../../../location.js';

/**
 * A Python syntax tree node, copied out of tree-sitter once per file: plain objects give the
 * analysis identity, parent links and fast repeated walks, and let the parser's wasm memory go.
 * Positions are 1-based lines and columns in UTF-16 code units, like every other finding.
 */
export interface PyNode {
  readonly type: string;
  /** Syntax (an expression, a statement) rather than punctuation or a keyword. */
  readonly isNamed: boolean;
  /** The field this node fills in its parent (`left`, `function`, `body`…). */
  readonly field: string | undefined;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly children: readonly PyNode[];
  readonly parent: PyNode | undefined;
  /**
   * `callArguments`' answer for a call, kept on the node: in a WeakMap the answer would outlive
   * young GCs (V8 keeps ephemeron values through them) and drag the whole tree along.
   */
  args: CallArguments | undefined;
  /** Its file's nodes in document order, and its place among them. */
  readonly tree: FlatCode;
  readonly index: number;
}

// The helpers below are the analyses' most called code: plain loops, no callbacks.

export function field(node: PyNode | undefined, name: string): PyNode | undefined {
  if (!node) return undefined;
  const children = node.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.field === name) return children[i];
  return undefined;
}

export function fields(node: PyNode | undefined, name: string): PyNode[] {
  const out: PyNode[] = [];
  if (!node) return out;
  const children = node.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.field === name) out.push(children[i]!);
  return out;
}

/** Children that are syntax (not punctuation or keywords). */
export function named(node: PyNode): PyNode[] {
  const out: PyNode[] = [];
  const children = node.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.isNamed) out.push(children[i]!);
  return out;
}

export function hasToken(node: PyNode, token: string): boolean {
  const children = node.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.type === token && children[i]!.children.length === 0) return true;
  return false;
}

/** Visits a node and its descendants in source order; `enter` returning false skips a subtree. */
export function walk(node: PyNode, enter: (node: PyNode) => boolean | void): void {
  const { nodes, ends } = node.tree;
  for (let i = node.index, stop = ends[i]!; i < stop; ) i = enter(nodes[i]!) === false ? ends[i]! : i + 1;
}

/** The nodes of a file in document order, each with the index just past its subtree. */
export interface FlatCode {
  readonly nodes: readonly PyNode[];
  readonly ends: ArrayLike<number>;
}

export function isWithin(node: PyNode, ancestor: PyNode): boolean {
  for (let cur: PyNode | undefined = node; cur; cur = cur.parent) if (cur === ancestor) return true;
  return false;
}

export function locationOf(node: PyNode, file: string): Location {
  return { file, line: node.line, column: node.column, endLine: node.endLine, endColumn: node.endColumn };
}

export function textOf(source: string, node: PyNode): string {
  return source.slice(node.start, node.end);
}

export function shortText(source: string, node: PyNode, max = 50): string {
  const raw = textOf(source, node).replace(/\s+/g, ' ');
  return raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
}

/** Parentheses say nothing about what an expression is. */
export function unparen(node: PyNode): PyNode {
  let cur = node;
  while (cur.type === 'parenthesized_expression') {
    const inner = named(cur)[0];
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

export const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

export function isFunction(node: PyNode | undefined): boolean {
  return node !== undefined && FUNCTION_TYPES.has(node.type);
}

export function enclosingFunction(node: PyNode): PyNode | undefined {
  for (let cur = node.parent; cur; cur = cur.parent) if (FUNCTION_TYPES.has(cur.type)) return cur;
  return undefined;
}

/** The statement a node belongs to: findings on handler code sit on the statement's first line. */
export function enclosingStatement(node: PyNode): PyNode {
  let cur = node;
  while (cur.parent && cur.parent.type !== 'block' && cur.parent.type !== 'module') {
    if (cur.parent.type === 'lambda' && cur.field === 'body') return cur;
    cur = cur.parent;
  }
  return cur;
}

/**
 * The value of a string literal without interpolation (`'a'`, `"""b"""`, `r'c'`, `'a' 'b'`);
 * undefined for f-strings with fields and anything else. Escapes other than quotes and
 * backslashes are kept as written: the value is compared with patterns, never executed.
 */
export function stringValue(source: string, node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  const n = unparen(node);
  if (n.type === 'concatenated_string') {
    let out = '';
    for (const part of named(n)) {
      const v = stringValue(source, part);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (n.type !== 'string') return undefined;
  const startToken = n.children.find((c) => c.type === 'string_start');
  const prefix = startToken ? textOf(source, startToken).replace(/["']+$/, '').toLowerCase() : '';
  if (prefix.includes('b')) return undefined;
  let out = '';
  for (const c of n.children) {
    if (c.type === 'interpolation') return undefined;
    if (c.type === 'string_content') {
      // string_content may itself hold escape_sequence children; its text is the raw run.
      out += textOf(source, c);
    } else if (c.type === 'escape_sequence') {
      out += unescape(textOf(source, c));
    }
  }
  return prefix.includes('r') ? out : out.replace(/\\(["'\\])/g, '$1');
}

function unescape(seq: string): string {
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
  return simple[seq.slice(1)] ?? seq;
}

/** `a.b.c` → "a.b.c"; undefined for calls, subscripts and anything else in the chain. */
export function dottedName(source: string, node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  const n = unparen(node);
  if (n.type === 'identifier') return textOf(source, n);
  if (n.type === 'attribute') {
    const object = dottedName(source, field(n, 'object'));
    const attr = field(n, 'attribute');
    return object !== undefined && attr ? `${object}.${textOf(source, attr)}` : undefined;
  }
  return undefined;
}

export interface CallArguments {
  readonly positional: readonly PyNode[];
  /** Keyword name → value. */
  readonly keywords: ReadonlyMap<string, PyNode>;
  /** `*args` or `**kwargs`: arguments not known one by one. */
  readonly splat: boolean;
}

/** The positional and keyword arguments of a call (read once per call: every analysis asks). */
export function callArguments(source: string, call: PyNode): CallArguments {
  return (call.args ??= callArgumentsUncached(source, call));
}

function callArgumentsUncached(source: string, call: PyNode): CallArguments {
  const args = field(call, 'arguments');
  const positional: PyNode[] = [];
  const keywords = new Map<string, PyNode>();
  let splat = false;
  for (const a of args ? named(args) : []) {
    if (a.type === 'keyword_argument') {
      const name = field(a, 'name');
      const value = field(a, 'value');
      if (name && value) keywords.set(textOf(source, name), value);
    } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
      splat = true;
    } else if (a.type !== 'comment') {
      positional.push(a);
    }
  }
  return { positional, keywords, splat };
}

/** The argument at a position, or given by keyword. */
export function argument(args: CallArguments, index: number, keyword?: string): PyNode | undefined {
  return (keyword ? args.keywords.get(keyword) : undefined) ?? args.positional[index];
}
