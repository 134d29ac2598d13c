import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Language, Parser as TreeSitterParser, TreeCursor } from 'web-tree-sitter';
import type { PyNode } from './tree.js';
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

/**
 * Loads web-tree-sitter and the tree-sitter-python grammar (both WebAssembly, shipped in their
 * npm packages: nothing is built or downloaded). Called only when a Python handler is in scope,
 * so a scan without Python never pays for it; later calls share the first load.
 */
export function loadPythonParser(): Promise<void> {
  loading ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const require = createRequire(import.meta.url);
    const grammarDir = path.dirname(require.resolve('tree-sitter-python/package.json'));
    const language = await Language.load(new Uint8Array(fs.readFileSync(path.join(grammarDir, 'tree-sitter-python.wasm'))));
    const p = new Parser();
    p.setLanguage(language);
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
    const { root, error } = tree.rootNode.hasError ? convert(tree.walk()) : convertValid(tree.walk(), text, tree.language);
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

interface MutableNode {
  type: string;
  isNamed: boolean;
  field: string | undefined;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  children: MutableNode[];
  parent: MutableNode | undefined;
}

/** Walks the cursor in document order, iteratively, building each node with `make(parent)`; frees the cursor. */
function walk(cursor: TreeCursor, make: (parent: MutableNode | undefined) => MutableNode): MutableNode {
  const root = make(undefined);
  const ancestors: MutableNode[] = [];
  let current = root;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      ancestors.push(current);
      current = make(current);
      continue;
    }
    let done = false;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        done = true;
        break;
      }
      current = ancestors.pop()!;
    }
    if (done) break;
    current = make(ancestors[ancestors.length - 1]);
  }
  cursor.delete();
  return root;
}

/** Copies the tree iteratively (deeply nested generated code must not overflow the stack), dropping comments. */
function convert(cursor: TreeCursor): { root: PyNode; error: { node: PyNode; missing: boolean } | undefined } {
  let error: { node: PyNode; missing: boolean } | undefined;
  const make = (parent: MutableNode | undefined): MutableNode => {
    const start = cursor.startPosition;
    const end = cursor.endPosition;
    const node: MutableNode = {
      type: cursor.nodeType,
      isNamed: cursor.nodeIsNamed,
      field: cursor.currentFieldName ?? undefined,
      start: cursor.startIndex,
      end: cursor.endIndex,
      line: start.row + 1,
      column: start.column + 1,
      endLine: end.row + 1,
      endColumn: end.column + 1,
      children: [],
      parent,
    };
    if (!error && (node.type === 'ERROR' || cursor.nodeIsMissing)) error = { node, missing: cursor.nodeIsMissing };
    if (parent && node.type !== 'comment') parent.children.push(node);
    return node;
  };
  const root = walk(cursor, make);
  return { root, error };
}

/**
 * The same copy for a tree without errors, with fewer calls into the parser per node (the cost
 * of Python analysis is mostly here): names of types and fields come from the grammar's tables,
 * and lines and columns from the text's line starts (tree-sitter's rows end at `\n` too).
 */
function convertValid(cursor: TreeCursor, text: string, language: Language): { root: PyNode; error: undefined } {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let hint = 0;
  const lineOf = (index: number, from: number): number => {
    // Nodes come in document order: a start is at or after the previous node's line, an end at or after its start's.
    let line = from;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= index) line++;
    return line;
  };
  const named = new Map<number, boolean>();
  const make = (parent: MutableNode | undefined): MutableNode => {
    const typeId = cursor.nodeTypeId;
    let isNamed = named.get(typeId);
    if (isNamed === undefined) {
      isNamed = language.nodeTypeIsNamed(typeId);
      named.set(typeId, isNamed);
    }
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const line = lineOf(start, hint);
    hint = line;
    const endLine = lineOf(end, line);
    const node: MutableNode = {
      type: language.types[typeId] || 'ERROR',
      isNamed,
      field: language.fields[cursor.currentFieldId] ?? undefined,
      start,
      end,
      line: line + 1,
      column: start - lineStarts[line]! + 1,
      endLine: endLine + 1,
      endColumn: end - lineStarts[endLine]! + 1,
      children: [],
      parent,
    };
    if (parent && node.type !== 'comment') parent.children.push(node);
    return node;
  };
  return { root: walk(cursor, make), error: undefined };
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
  const stack: PyNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
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
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
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
