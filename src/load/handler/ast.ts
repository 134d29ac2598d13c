import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Location } from '../../location.js';

export type AstNode = TSESTree.Node;
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

// `tokens` and `comments` hang off the Program when ESLint parses it: text, not code.
const SKIP_KEYS = new Set(['parent', 'loc', 'range', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'decorators', 'tokens', 'comments']);

/** The child nodes of a node, in source order (type annotations skipped: they never run). */
export function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string' && 'range' in value;
}

/** Parent links for a whole program, built once per file (typescript-estree does not set them). */
export function parentMap(program: TSESTree.Program): Map<AstNode, AstNode> {
  const parents = new Map<AstNode, AstNode>();
  const stack: AstNode[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of children(node)) {
      parents.set(child, node);
      stack.push(child);
    }
  }
  return parents;
}

/** Visits `node` and its descendants; `enter` returning false skips a subtree. */
export function walk(node: AstNode, enter: (node: AstNode) => boolean | void): void {
  const stack: AstNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (enter(current) === false) continue;
    const kids = children(current);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

export function isFunction(node: AstNode | undefined): node is FunctionNode {
  return node?.type === 'FunctionDeclaration' || node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression';
}

export function locationOf(node: AstNode, file: string): Location {
  return {
    file,
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
  };
}

/** The nearest enclosing function of a node, or undefined at module level. */
export function enclosingFunction(node: AstNode, parents: ReadonlyMap<AstNode, AstNode>): FunctionNode | undefined {
  let cur = parents.get(node);
  while (cur) {
    if (isFunction(cur)) return cur;
    cur = parents.get(cur);
  }
  return undefined;
}

/** The statement a node belongs to: findings on handler code sit on the statement's first line. */
export function enclosingStatement(node: AstNode, parents: ReadonlyMap<AstNode, AstNode>): AstNode {
  let cur: AstNode = node;
  for (;;) {
    const parent = parents.get(cur);
    if (!parent || parent.type === 'BlockStatement' || parent.type === 'Program' || parent.type === 'SwitchCase' || parent.type === 'StaticBlock') return cur;
    if (isFunction(parent) && parent.body === cur) return cur;
    cur = parent;
  }
}

/** `a.b.c` → "a.b.c"; undefined for computed or call chains. */
export function memberPath(node: AstNode): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = memberPath(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

/** The name a call invokes: `fs.writeFileSync(…)` → "writeFileSync", `fetch(…)` → "fetch". */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** A string known statically: a literal, or a template literal without expressions. */
export function staticString(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Strips TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and parentheses. */
export function unwrap(node: AstNode): AstNode {
  let cur = node;
  while (
    cur.type === 'TSAsExpression' ||
    cur.type === 'TSNonNullExpression' ||
    cur.type === 'TSTypeAssertion' ||
    cur.type === 'TSSatisfiesExpression' ||
    cur.type === 'ChainExpression'
  ) {
    cur = cur.expression;
  }
  return cur;
}

export function sourceText(text: string, node: AstNode, max = 60): string {
  const raw = text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
}
