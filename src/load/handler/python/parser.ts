import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Parser as TreeSitterParser, Tree, TreeCursor } from 'web-tree-sitter';
import type { CallArguments, FlatCode, PyNode } from './tree.js';
import { append } from '../../../arrays.js';

/** A parse that cannot be analysed: a syntax error, Python 2, inconsistent tabs. Located, 1-based. */
export class PythonSyntaxProblem extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

let loading: Promise<TreeSitterParser> | undefined;
let parser: TreeSitterParser | undefined;
let cursorCalls: CursorCalls | undefined;
/** Whether the last valid tree was copied through the cursor functions directly (not the public methods). */
let lastCopyDirect = false;

/**
 * How the last valid tree was copied: a test pins "direct", so that a web-tree-sitter upgrade that
 * loses the direct calls fails a test instead of silently making Python scans several times slower.
 */
export function lastTreeCopy(): 'direct' | 'public' {
  return lastCopyDirect ? 'direct' : 'public';
}

/**
 * The parser's own cursor functions, called directly. Each public TreeCursor method copies the
 * cursor into the parser's memory and back around its call; a copy of a whole tree makes five or
 * six of those calls per node, and that copying was most of the cost of a Python file. The
 * cursor a walk leaves in the parser's transfer buffer is the one the next call reads, so a walk
 * that only moves and reads numbers never needs the copies. Undefined (and the public methods
 * are used) when the binding does not have them.
 */
interface CursorCalls {
  readonly gotoFirstChild: (tree: number) => number;
  readonly gotoNextSibling: (tree: number) => number;
  readonly gotoParent: (tree: number) => number;
  readonly typeId: (tree: number) => number;
  readonly startIndex: (tree: number) => number;
  readonly endIndex: (tree: number) => number;
  readonly fieldId: (tree: number) => number;
}

function cursorCallsOf(binding: Record<string, unknown>): CursorCalls | undefined {
  const calls = {
    gotoFirstChild: binding._ts_tree_cursor_goto_first_child_wasm,
    gotoNextSibling: binding._ts_tree_cursor_goto_next_sibling_wasm,
    gotoParent: binding._ts_tree_cursor_goto_parent_wasm,
    typeId: binding._ts_tree_cursor_current_node_type_id_wasm,
    startIndex: binding._ts_tree_cursor_start_index_wasm,
    endIndex: binding._ts_tree_cursor_end_index_wasm,
    fieldId: binding._ts_tree_cursor_current_field_id_wasm,
  };
  return Object.values(calls).every((f) => typeof f === 'function') ? (calls as CursorCalls) : undefined;
}

/**
 * Loads web-tree-sitter and the tree-sitter-python grammar (both WebAssembly, shipped in their
 * npm packages: nothing is built or downloaded). Called only when a Python handler is in scope,
 * so a scan without Python never pays for it; later calls share the first load.
 */
export function loadPythonParser(): Promise<void> {
  loading ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    // Emscripten fills the options object given to init with the module's exports.
    const binding: Record<string, unknown> = {};
    await Parser.init(binding);
    const require = createRequire(import.meta.url);
    const grammarDir = path.dirname(require.resolve('tree-sitter-python/package.json'));
    const language = await Language.load(new Uint8Array(fs.readFileSync(path.join(grammarDir, 'tree-sitter-python.wasm'))));
    const p = new Parser();
    p.setLanguage(language);
    cursorCalls = cursorCallsOf(binding);
    parser = p;
    return p;
  })();
  return loading.then(() => undefined);
}

/**
 * Parses Python 3 source into plain nodes. Throws PythonSyntaxProblem where the file is not
 * valid Python 3: tree-sitter recovers from errors, but a half-parsed tree would give findings
 * about code that is not there, so any error or missing node rejects the whole file.
 */
export function parsePython(text: string): PyNode {
  if (!parser) throw new Error('the Python parser is not loaded');
  const tree = parser.parse(text);
  if (!tree) throw new PythonSyntaxProblem('the parser gave up on this file', 1, 1);
  try {
    const lines = new SourceIndex(text);
    const { root, error } = tree.rootNode.hasError ? convert(tree.walk(), lines) : convertValid(tree, lines);
    if (error) {
      const at = error.missing ? error.node : errorToken(error.node, text);
      throw new PythonSyntaxProblem(error.missing ? `syntax error: missing "${error.node.type}"` : `syntax error at "${text.slice(at.start, at.end).split('\n')[0]}"`, at.line, at.column);
    }
    const legacy = python2Construct(root, text);
    if (legacy) throw new PythonSyntaxProblem(`Python 2 syntax (${legacy.what}); faaslint analyses Python 3`, legacy.node.line, legacy.node.column);
    const tab = inconsistentTabs(root, text);
    if (tab) throw new PythonSyntaxProblem('inconsistent use of tabs and spaces in indentation (Python 3 raises TabError)', tab, 1);
    return root;
  } finally {
    tree.delete();
  }
}

/**
 * A file's copy as a whole: its nodes in document order with the index just past each one's
 * subtree (any walk is then a loop over a range), and where its lines start (tree-sitter's rows
 * end at `\n` too) for positions computed when asked for.
 */
class SourceIndex implements FlatCode {
  readonly nodes: Node[] = [];
  readonly ends: number[] = [];
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The 0-based line holding a UTF-16 offset. */
  lineOf(index: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  columnOf(index: number, line: number): number {
    return index - this.starts[line]!;
  }
}

const NO_CHILDREN: readonly PyNode[] = Object.freeze([]);

/**
 * A node of the copy. Every node is built the same way (one shape for V8); a leaf shares one
 * empty list of children; lines and columns come from the file's line index when asked for
 * (findings, diagnostics), not for every node. The copy is most of what a run keeps in memory.
 */
class Node implements PyNode {
  children: readonly PyNode[] = NO_CHILDREN;
  args: CallArguments | undefined = undefined;
  /** Its place among the file's nodes (comments, left out of the copy, have none). */
  readonly index: number;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly field: string | undefined,
    readonly start: number,
    readonly end: number,
    readonly parent: Node | undefined,
    readonly tree: SourceIndex,
  ) {
    if (type === 'comment') {
      this.index = -1;
    } else {
      this.index = tree.nodes.length;
      tree.nodes.push(this);
      tree.ends.push(this.index + 1);
    }
  }

  /** Its subtree is complete: it ends where the next node will start. */
  close(): void {
    if (this.index >= 0) this.tree.ends[this.index] = this.tree.nodes.length;
  }

  get line(): number {
    return this.tree.lineOf(this.start) + 1;
  }

  get column(): number {
    return this.tree.columnOf(this.start, this.tree.lineOf(this.start)) + 1;
  }

  get endLine(): number {
    return this.tree.lineOf(this.end) + 1;
  }

  get endColumn(): number {
    return this.tree.columnOf(this.end, this.tree.lineOf(this.end)) + 1;
  }
}

/** A cursor over the parsed tree: the node it is on, and its moves. */
interface Reader {
  node(parent: Node | undefined): Node;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

/**
 * Copies the tree in document order, iteratively (deeply nested generated code must not
 * overflow the stack), dropping comments. A node's children wait on one shared stack until the
 * walk leaves it, then move into a list of exactly their number.
 */
function copyTree(reader: Reader): Node {
  const root = reader.node(undefined);
  const ancestors: Node[] = [];
  const waiting: Node[] = [];
  const firstWaiting: number[] = [];
  let parent: Node | undefined;
  let current = root;
  for (;;) {
    if (reader.gotoFirstChild()) {
      if (parent) ancestors.push(parent);
      parent = current;
      firstWaiting.push(waiting.length);
    } else {
      let done = false;
      while (!reader.gotoNextSibling()) {
        if (!reader.gotoParent()) {
          done = true;
          break;
        }
        const first = firstWaiting.pop()!;
        if (waiting.length > first) parent!.children = waiting.slice(first);
        waiting.length = first;
        parent!.close();
        parent = ancestors.pop();
      }
      if (done) return root;
    }
    current = reader.node(parent);
    if (current.type !== 'comment') waiting.push(current);
  }
}

/** Copies a tree with errors through the public cursor, noting the first error or missing node. */
function convert(cursor: TreeCursor, lines: SourceIndex): { root: PyNode; error: { node: PyNode; missing: boolean } | undefined } {
  let error: { node: PyNode; missing: boolean } | undefined;
  const root = copyTree({
    node: (parent) => {
      const node = new Node(cursor.nodeType, cursor.nodeIsNamed, cursor.currentFieldName ?? undefined, cursor.startIndex, cursor.endIndex, parent, lines);
      if (!error && (node.type === 'ERROR' || cursor.nodeIsMissing)) error = { node, missing: cursor.nodeIsMissing };
      return node;
    },
    gotoFirstChild: () => cursor.gotoFirstChild(),
    gotoNextSibling: () => cursor.gotoNextSibling(),
    gotoParent: () => cursor.gotoParent(),
  });
  cursor.delete();
  return { root, error };
}

/**
 * The same copy for a tree without errors, reading only numbers per node: type and field ids
 * (names come from the grammar's tables) and UTF-16 offsets, through the parser's cursor
 * functions directly when the binding has them.
 */
function convertValid(tree: Tree, lines: SourceIndex): { root: PyNode; error: undefined } {
  const language = tree.language;
  const cursor = tree.walk();
  const address = (tree as unknown as { readonly 0: number })[0];
  const calls = cursorCalls;
  const types = language.types;
  const fieldNames = language.fields;
  const named: boolean[] = [];
  const isNamed = (typeId: number): boolean => (named[typeId] ??= language.nodeTypeIsNamed(typeId));
  const make = (typeId: number, fieldId: number, start: number, end: number, parent: Node | undefined) =>
    new Node(types[typeId] || 'ERROR', isNamed(typeId), fieldNames[fieldId] ?? undefined, start, end, parent, lines);
  // The transfer buffer holds the cursor just made: a direct read must agree with the public one.
  const direct = calls !== undefined && calls.typeId(address) === cursor.nodeTypeId && calls.startIndex(address) === cursor.startIndex;
  lastCopyDirect = direct;
  const root = direct
    ? copyTree({
        node: (parent) => make(calls.typeId(address), calls.fieldId(address), calls.startIndex(address), calls.endIndex(address), parent),
        gotoFirstChild: () => calls.gotoFirstChild(address) !== 0,
        gotoNextSibling: () => calls.gotoNextSibling(address) !== 0,
        gotoParent: () => calls.gotoParent(address) !== 0,
      })
    : copyTree({
        node: (parent) => make(cursor.nodeTypeId, cursor.currentFieldId, cursor.startIndex, cursor.endIndex, parent),
        gotoFirstChild: () => cursor.gotoFirstChild(),
        gotoNextSibling: () => cursor.gotoNextSibling(),
        gotoParent: () => cursor.gotoParent(),
      });
  // The cursor's memory is found through its id, which moving does not change.
  cursor.delete();
  return { root, error: undefined };
}

/**
 * Where to point for an ERROR node: the last token when it runs to the end of the file (an
 * unclosed bracket or block), else its first token after the complete statements it swallowed.
 */
function errorToken(error: PyNode, text: string): PyNode {
  const leaves = (n: PyNode): PyNode[] => (n.children.length === 0 ? [n] : n.children.flatMap(leaves));
  if (text.slice(error.end).trim() === '') {
    const last = leaves(error).at(-1);
    if (last) return last;
  }
  const first = error.children.find((c) => !(c.isNamed && /statement|definition$/.test(c.type) && !containsError(c)));
  return first ? (leaves(first)[0] ?? first) : error;
}

function containsError(node: PyNode): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'ERROR') return true;
    append(stack, n.children);
  }
  return false;
}

/** Constructs that tree-sitter-python accepts but only Python 2 runs. */
function python2Construct(root: PyNode, text: string): { node: PyNode; what: string } | undefined {
  // The file's nodes in document order: the first construct found is the first in the file.
  for (const n of root.tree.nodes) {
    switch (n.type) {
      case 'print_statement':
        return { node: n, what: 'print statement' };
      case 'exec_statement':
        return { node: n, what: 'exec statement' };
      case 'except_clause':
        if (n.children.some((c) => c.type === ',')) return { node: n, what: '"except E, name"' };
        break;
      case 'comparison_operator':
        if (n.children.some((c) => c.type === '<>')) return { node: n, what: 'the <> operator' };
        break;
      case 'string_start':
        if (text.slice(n.start, n.end) === '`') return { node: n, what: 'backquotes' };
        break;
      case 'integer':
        if (/^(0\d+|\d+[lL])$/.test(text.slice(n.start, n.end))) return { node: n, what: 'a Python 2 integer literal' };
        break;
      case 'raise_statement':
        if (n.children.some((c) => c.type === 'expression_list')) return { node: n, what: '"raise E, message"' };
        break;
    }
  }
  return undefined;
}

const CLAUSES = new Set(['elif_clause', 'else_clause', 'except_clause', 'except_group_clause', 'finally_clause', 'case_clause']);

/**
 * The first line whose indentation compares differently with tabs as 8 columns and as 1,
 * which Python 3 rejects with TabError (tree-sitter reads tabs as 8 columns and parses on).
 */
function inconsistentTabs(root: PyNode, text: string): number | undefined {
  if (!text.includes('\t')) return undefined;
  const starts = new Map<number, number>();
  const pending: PyNode[] = [root];
  while (pending.length > 0) {
    const n = pending.pop()!;
    for (const c of n.children) {
      if ((n.type === 'block' || n.type === 'module' || CLAUSES.has(c.type)) && c.isNamed) starts.set(c.start, c.line);
      pending.push(c);
    }
  }
  const stack: [number, number][] = [[0, 0]];
  for (const [startIndex, line] of [...starts].sort((a, b) => a[0] - b[0])) {
    const lineStart = text.lastIndexOf('\n', startIndex - 1) + 1;
    const indent = text.slice(lineStart, startIndex);
    if (!/^[ \t\f]*$/.test(indent)) continue;
    let wide = 0;
    let narrow = 0;
    for (const ch of indent) {
      if (ch === '\t') {
        wide = (Math.floor(wide / 8) + 1) * 8;
        narrow += 1;
      } else if (ch === ' ') {
        wide += 1;
        narrow += 1;
      }
    }
    while (stack.length > 1 && wide < stack[stack.length - 1]![0]) stack.pop();
    const [topWide, topNarrow] = stack[stack.length - 1]!;
    if (wide === topWide) {
      if (narrow !== topNarrow) return line;
    } else if (wide > topWide) {
      if (narrow <= topNarrow) return line;
      stack.push([wide, narrow]);
    } else if (narrow !== topNarrow) {
      return line;
    }
  }
  return undefined;
}
