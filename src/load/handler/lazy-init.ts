import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { enclosingStatement, isFunction, unwrap, walk, type AstNode } from './ast.js';
import type { ModuleInfo } from './modules.js';

/**
 * Writes to module state that happen once per container, not once per invocation: the
 * initialise-once pattern AWS recommends, one-time flags, and memo caches filled only when
 * an entry is missing.
 */

function refersTo(node: AstNode | null | undefined, module: ModuleInfo, variable: Variable): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return n.type === 'Identifier' && module.resolved.get(n) === variable;
}

function mentionsVariable(node: AstNode, module: ModuleInfo, variable: Variable): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.type === 'Identifier' && module.resolved.get(n) === variable) found = true;
    return !found;
  });
  return found;
}

/** `!x`, `x == null`, `x === undefined`, `typeof x === 'undefined'`, and either side of `||`/`&&`. */
function testsUnset(test: AstNode, module: ModuleInfo, variable: Variable): boolean {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return refersTo(t.argument, module, variable) || testsMemberUnset(t.argument, module, variable);
  if (t.type === 'LogicalExpression') return testsUnset(t.left, module, variable) || testsUnset(t.right, module, variable);
  if (t.type === 'BinaryExpression' && (t.operator === '==' || t.operator === '===')) {
    const isNullish = (n: AstNode) =>
      (n.type === 'Literal' && n.value === null) ||
      (n.type === 'Identifier' && n.name === 'undefined') ||
      (n.type === 'Literal' && n.value === 'undefined');
    const side = (a: AstNode, b: AstNode) =>
      isNullish(b) && (refersTo(a, module, variable) || (a.type === 'UnaryExpression' && a.operator === 'typeof' && refersTo(a.argument, module, variable)));
    return side(t.left, t.right) || side(t.right, t.left);
  }
  return false;
}

/** `!cache[key]` for a keyed lazy cache of clients is still a test on the variable. */
function testsMemberUnset(node: AstNode, module: ModuleInfo, variable: Variable): boolean {
  const n = unwrap(node);
  return n.type === 'MemberExpression' && refersTo(n.object, module, variable);
}

/** `if (x) return x;` (or `if (x !== undefined) …return`) earlier in the same block. */
function returnsEarlyWhenSet(statement: AstNode, module: ModuleInfo, variable: Variable): boolean {
  const block = module.parents.get(statement);
  if (!block || (block.type !== 'BlockStatement' && block.type !== 'Program')) return false;
  for (const s of block.body) {
    if (s === statement) break;
    if (s.type !== 'IfStatement') continue;
    const test = unwrap(s.test);
    const checksSet =
      refersTo(test, module, variable) ||
      (test.type === 'BinaryExpression' && (test.operator === '!==' || test.operator === '!=') && (refersTo(test.left, module, variable) || refersTo(test.right, module, variable)));
    const returns = s.consequent.type === 'ReturnStatement' || (s.consequent.type === 'BlockStatement' && s.consequent.body.some((b) => b.type === 'ReturnStatement'));
    if (checksSet && returns) return true;
  }
  return false;
}

/**
 * The initialise-once pattern AWS recommends for SDK clients, connections and configuration:
 * `x ??= …`, `x ||= …`, `x ?? (x = …)`, `x || (x = …)`, `x ? x : (x = …)`, `if (!x) x = …`,
 * `if (x) return x; x = …`.
 */
export function isLazyInit(assignment: TSESTree.AssignmentExpression, module: ModuleInfo, variable: Variable): boolean {
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (assignment.operator !== '=') return false;
  const parent = module.parents.get(assignment);
  if (parent?.type === 'LogicalExpression' && (parent.operator === '??' || parent.operator === '||') && parent.right === assignment) {
    if (refersTo(parent.left, module, variable) || testsMemberUnset(parent.left, module, variable)) return true;
  }
  if (parent?.type === 'ConditionalExpression' && parent.alternate === assignment && refersTo(parent.test, module, variable)) return true;
  // A one-time flag (`if (coldStart) { coldStart = false; … }`) changes once per container, like an initialisation.
  const constant = unwrap(assignment.right).type === 'Literal';
  let child: AstNode = assignment;
  let cur = parent;
  while (cur && !isFunction(cur)) {
    if (cur.type === 'IfStatement' && cur.consequent === child) {
      if (testsUnset(cur.test, module, variable)) return true;
      if (constant && mentionsVariable(cur.test, module, variable)) return true;
    }
    child = cur;
    cur = module.parents.get(cur);
  }
  return returnsEarlyWhenSet(enclosingStatement(assignment, module.parents), module, variable);
}

/** `!x.has(k)`, `!x.get(k)`, `!x[k]`, `x.get(k) === undefined`, `!(k in x)`: "not there yet" tests on a container. */
function testsMissingEntry(test: AstNode, module: ModuleInfo, variable: Variable): boolean {
  const t = unwrap(test);
  const lookup = (n: AstNode): boolean => {
    const u = unwrap(n);
    if (u.type === 'MemberExpression') return refersTo(u.object, module, variable);
    if (u.type === 'CallExpression' && u.callee.type === 'MemberExpression' && !u.callee.computed && u.callee.property.type === 'Identifier') {
      return (u.callee.property.name === 'has' || u.callee.property.name === 'get') && refersTo(u.callee.object, module, variable);
    }
    return u.type === 'BinaryExpression' && u.operator === 'in' && refersTo(u.right, module, variable);
  };
  if (t.type === 'UnaryExpression' && t.operator === '!') return lookup(t.argument);
  if (t.type === 'LogicalExpression') return testsMissingEntry(t.left, module, variable) || testsMissingEntry(t.right, module, variable);
  if (t.type === 'BinaryExpression' && (t.operator === '===' || t.operator === '==')) {
    const nullish = (n: AstNode) => (n.type === 'Identifier' && n.name === 'undefined') || (n.type === 'Literal' && (n.value === null || n.value === false));
    return (lookup(t.left) && nullish(t.right)) || (lookup(t.right) && nullish(t.left));
  }
  return false;
}

/** A keyed fill done only when the entry is missing: inside `if (!x.has(k))`, or after `if (x.has(k)) return …`. */
export function isGuardedFill(site: AstNode, module: ModuleInfo, variable: Variable): boolean {
  let child: AstNode = site;
  let cur = module.parents.get(site);
  while (cur && !isFunction(cur)) {
    if (cur.type === 'IfStatement' && cur.consequent === child && testsMissingEntry(cur.test, module, variable)) return true;
    child = cur;
    cur = module.parents.get(cur);
  }
  const statement = enclosingStatement(site, module.parents);
  const block = module.parents.get(statement);
  if (!block || (block.type !== 'BlockStatement' && block.type !== 'Program')) return false;
  for (const s of block.body) {
    if (s === statement) break;
    if (s.type !== 'IfStatement') continue;
    const returns = s.consequent.type === 'ReturnStatement' || (s.consequent.type === 'BlockStatement' && s.consequent.body.some((b) => b.type === 'ReturnStatement'));
    const t = unwrap(s.test);
    const present =
      (t.type === 'CallExpression' && t.callee.type === 'MemberExpression' && !t.callee.computed && t.callee.property.type === 'Identifier' && ['has', 'get'].includes(t.callee.property.name) && refersTo(t.callee.object, module, variable)) ||
      (t.type === 'MemberExpression' && refersTo(t.object, module, variable));
    if (returns && present) return true;
  }
  return false;
}
