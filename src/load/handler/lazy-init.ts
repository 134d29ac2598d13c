import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingStatement, isFunction, unwrap, walk, type AstNode } from './ast.js';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ModuleInfo } from './modules.js';

/**
 * Writes to module state that happen once per container, not once per invocation: the
 * initialise-once pattern AWS recommends, one-time flags, and memo caches filled only when
 * an entry is missing.
 */

/** Whether an expression is the state in question: a module variable, or a property of the global object. */
export type StateTarget = (node: AstNode) => boolean;

export function variableTarget(module: ModuleInfo, variable: Variable): StateTarget {
  return (n) => n.type === 'Identifier' && module.resolved.get(n) === variable;
}

function refersTo(node: AstNode | null | undefined, target: StateTarget): boolean {
  return node ? target(unwrap(node)) : false;
}

function mentionsVariable(node: AstNode, target: StateTarget): boolean {
  let found = false;
  walk(node, (n) => {
    if (target(n)) found = true;
    return !found;
  });
  return found;
}

/** `!x`, `x == null`, `x === undefined`, `typeof x === 'undefined'`, and either side of `||`/`&&`. */
function testsUnset(test: AstNode, module: ModuleInfo, target: StateTarget): boolean {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return refersTo(t.argument, target) || testsMemberUnset(t.argument, target);
  if (t.type === 'LogicalExpression') return testsUnset(t.left, module, target) || testsUnset(t.right, module, target);
  if (t.type === 'BinaryExpression' && (t.operator === '==' || t.operator === '===')) {
    const isNullish = (n: AstNode) =>
      (n.type === 'Literal' && n.value === null) ||
      (n.type === 'Identifier' && n.name === 'undefined') ||
      (n.type === 'Literal' && n.value === 'undefined');
    const side = (a: AstNode, b: AstNode) =>
      isNullish(b) && (refersTo(a, target) || (a.type === 'UnaryExpression' && a.operator === 'typeof' && refersTo(a.argument, target)));
    return side(t.left, t.right) || side(t.right, t.left);
  }
  return false;
}

/** `!cache[key]` for a keyed lazy cache of clients is still a test on the target. */
function testsMemberUnset(node: AstNode, target: StateTarget): boolean {
  const n = unwrap(node);
  return n.type === 'MemberExpression' && refersTo(n.object, target);
}

/** `if (x) return x;` (or `if (x !== undefined) …return`) earlier in the same block. */
function returnsEarlyWhenSet(statement: AstNode, module: ModuleInfo, target: StateTarget): boolean {
  const block = module.parents.get(statement);
  if (!block || (block.type !== 'BlockStatement' && block.type !== 'Program')) return false;
  for (const s of block.body) {
    if (s === statement) break;
    if (s.type !== 'IfStatement') continue;
    const test = unwrap(s.test);
    const checksSet =
      refersTo(test, target) ||
      (test.type === 'BinaryExpression' && (test.operator === '!==' || test.operator === '!=') && (refersTo(test.left, target) || refersTo(test.right, target)));
    const returns = s.consequent.type === 'ReturnStatement' || (s.consequent.type === 'BlockStatement' && s.consequent.body.some((b) => b.type === 'ReturnStatement'));
    if (checksSet && returns) return true;
  }
  return false;
}

/**
 * `if (coldStart) { …; coldStart = false; }`: the block runs once per container, so what it
 * assigns is initialisation, whatever its value.
 */
function clearsOneTimeFlag(statement: TSESTree.IfStatement, module: ModuleInfo): boolean {
  let test = unwrap(statement.test);
  if (test.type === 'UnaryExpression' && test.operator === '!') test = unwrap(test.argument);
  const flag = test.type === 'Identifier' ? module.resolved.get(test) : undefined;
  if (!flag || flag.scope !== module.moduleScope) return false;
  const body = statement.consequent.type === 'BlockStatement' ? statement.consequent.body : [statement.consequent];
  return body.some((s) => {
    const e = s.type === 'ExpressionStatement' ? unwrap(s.expression) : undefined;
    return e?.type === 'AssignmentExpression' && e.operator === '=' && refersTo(e.left, variableTarget(module, flag)) && unwrap(e.right).type === 'Literal';
  });
}

/**
 * The initialise-once pattern AWS recommends for SDK clients, connections and configuration:
 * `x ??= …`, `x ||= …`, `x ?? (x = …)`, `x || (x = …)`, `x ? x : (x = …)`, `if (!x) x = …`,
 * `if (x) return x; x = …`.
 */
export function isLazyInit(assignment: TSESTree.AssignmentExpression, module: ModuleInfo, target: StateTarget): boolean {
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (assignment.operator !== '=') return false;
  const parent = module.parents.get(assignment);
  if (parent?.type === 'LogicalExpression' && (parent.operator === '??' || parent.operator === '||') && parent.right === assignment) {
    if (refersTo(parent.left, target) || testsMemberUnset(parent.left, target)) return true;
  }
  if (parent?.type === 'ConditionalExpression' && parent.alternate === assignment && refersTo(parent.test, target)) return true;
  // A one-time flag (`if (coldStart) { coldStart = false; … }`) changes once per container, like an initialisation.
  const constant = unwrap(assignment.right).type === 'Literal';
  let child: AstNode = assignment;
  let cur = parent;
  while (cur && !isFunction(cur)) {
    if (cur.type === 'IfStatement' && cur.consequent === child) {
      if (testsUnset(cur.test, module, target)) return true;
      if (clearsOneTimeFlag(cur, module)) return true;
      if (constant && mentionsVariable(cur.test, target)) return true;
    }
    child = cur;
    cur = module.parents.get(cur);
  }
  return returnsEarlyWhenSet(enclosingStatement(assignment, module.parents), module, target);
}

/** `!x.has(k)`, `!x.get(k)`, `!x[k]`, `x.get(k) === undefined`, `!(k in x)`: "not there yet" tests on a container. */
function testsMissingEntry(test: AstNode, module: ModuleInfo, target: StateTarget): boolean {
  const t = unwrap(test);
  const lookup = (n: AstNode): boolean => {
    const u = unwrap(n);
    if (u.type === 'MemberExpression') return refersTo(u.object, target);
    if (u.type === 'CallExpression' && u.callee.type === 'MemberExpression' && !u.callee.computed && u.callee.property.type === 'Identifier') {
      return (u.callee.property.name === 'has' || u.callee.property.name === 'get') && refersTo(u.callee.object, target);
    }
    return u.type === 'BinaryExpression' && u.operator === 'in' && refersTo(u.right, target);
  };
  if (t.type === 'UnaryExpression' && t.operator === '!') return lookup(t.argument);
  if (t.type === 'LogicalExpression') return testsMissingEntry(t.left, module, target) || testsMissingEntry(t.right, module, target);
  if (t.type === 'BinaryExpression' && (t.operator === '===' || t.operator === '==')) {
    const nullish = (n: AstNode) => (n.type === 'Identifier' && n.name === 'undefined') || (n.type === 'Literal' && (n.value === null || n.value === false));
    return (lookup(t.left) && nullish(t.right)) || (lookup(t.right) && nullish(t.left));
  }
  return false;
}

/** A keyed fill done only when the entry is missing: inside `if (!x.has(k))`, or after `if (x.has(k)) return …`. */
export function isGuardedFill(site: AstNode, module: ModuleInfo, target: StateTarget): boolean {
  let child: AstNode = site;
  let cur = module.parents.get(site);
  while (cur && !isFunction(cur)) {
    if (cur.type === 'IfStatement' && cur.consequent === child && testsMissingEntry(cur.test, module, target)) return true;
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
      (t.type === 'CallExpression' && t.callee.type === 'MemberExpression' && !t.callee.computed && t.callee.property.type === 'Identifier' && ['has', 'get'].includes(t.callee.property.name) && refersTo(t.callee.object, target)) ||
      (t.type === 'MemberExpression' && refersTo(t.object, target));
    if (returns && present) return true;
  }
  return false;
}
