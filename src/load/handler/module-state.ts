import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { ModuleStateWrite } from '../../model.js';
import { reachableSet, type AnalysisScope } from './analysis-scope.js';
import { enclosingFunction, enclosingStatement, isFunction, locationOf, memberPath, staticString, unwrap, walk, type AstNode, type FunctionNode } from './ast.js';
import { isGuardedFill, isLazyInit, variableTarget, type StateTarget } from './lazy-init.js';
import { definitionOf, type ModuleInfo } from './modules.js';
import { isGlobalTimer } from './timers.js';
import { append } from '../../arrays.js';

const MUTATING_METHODS = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin',
  'set', 'delete', 'clear', 'add',
]);
const CONTAINER_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object']);

/** Whether code at `node` runs as part of the handler: inside a reachable function (or a closure in one). */
function runsInHandler(node: AstNode, module: ModuleInfo, reachable: ReadonlySet<FunctionNode>): boolean {
  let fn = enclosingFunction(node, module.parents);
  while (fn) {
    if (reachable.has(fn)) return true;
    fn = enclosingFunction(fn, module.parents);
  }
  return false;
}

/** A module-scope `let`/`var`, or a `const` holding an array, object, Map or Set. */
function moduleStateVariables(module: ModuleInfo): { variable: Variable; container: boolean }[] {
  const out: { variable: Variable; container: boolean }[] = [];
  for (const variable of module.moduleScope.variables) {
    const def = variable.defs[0];
    if (!def || def.type !== 'Variable') continue;
    const kind = (def.parent as TSESTree.VariableDeclaration | null)?.kind;
    const init = definitionOf(variable);
    const container = init !== undefined && isContainer(init);
    if (kind === 'let' || kind === 'var' || container) out.push({ variable, container });
  }
  return out;
}

function isContainer(init: AstNode): boolean {
  const n = unwrap(init);
  if (n.type === 'ArrayExpression' || n.type === 'ObjectExpression') return true;
  return n.type === 'NewExpression' && n.callee.type === 'Identifier' && CONTAINER_CONSTRUCTORS.has(n.callee.name);
}

/** Callbacks given to module-scope `setInterval`/`setTimeout`: they run on a timer, not per invocation. */
function moduleTimerCallbacks(module: ModuleInfo): Set<FunctionNode> {
  const out = new Set<FunctionNode>();
  for (const stmt of module.ast.body) {
    walk(stmt, (n) => {
      if (isFunction(n)) return false;
      if (n.type === 'CallExpression' && isGlobalTimer(n, module)) for (const a of n.arguments) if (isFunction(a)) out.add(a);
      return undefined;
    });
  }
  return out;
}

/** Writes to module-scope variables and the global object from code the handler runs (or from module-scope timer callbacks). */
export function moduleStateWrites(scope: AnalysisScope): ModuleStateWrite[] {
  const out: ModuleStateWrite[] = [];
  const reachable = reachableSet(scope);
  const modules = [...new Set(scope.functions.map((f) => f.module))];
  for (const module of modules) {
    const timerCallbacks = moduleTimerCallbacks(module);
    for (const { variable, container } of moduleStateVariables(module)) {
      const declaredAt = locationOf(variable.defs[0]!.name as AstNode, module.rel);
      for (const ref of variable.references) {
        const id = ref.identifier as AstNode;
        const inHandler = runsInHandler(id, module, reachable);
        const fn = enclosingFunction(id, module.parents);
        const inTimer = !inHandler && fn !== undefined && [...timerCallbacks].some((cb) => cb === fn || isWithin(fn, cb, module));
        if (!inHandler && !inTimer) continue;
        const write = classifyWrite(ref.isWrite(), id, module, container);
        if (!write) continue;
        const eventDerived = write.values.some((v) => scope.taint.mentions(module, v));
        // A keyed fill guarded by a membership test (`if (!cache.has(k)) cache.set(k, …)`) is a memo of
        // configuration or clients, unless its key comes from the request: then it keeps request data.
        const keyFromEvent = (write.keys ?? []).some((k) => scope.taint.mentions(module, k));
        const lazyInit = write.assignment
          ? isLazyInit(write.assignment, module, variableTarget(module, variable))
          : (write.kind === 'member-write' || write.kind === 'method-call') && !keyFromEvent && isGuardedFill(id, module, variableTarget(module, variable));
        out.push({
          variable: variable.name,
          declaredAt,
          loc: locationOf(enclosingStatement(id, module.parents), module.rel),
          kind: write.kind,
          lazyInit,
          eventDerived,
          inTimerCallback: inTimer,
        });
      }
    }
  }
  append(out, globalObjectWrites(scope));
  return out;
}

/**
 * Writes through the global object (`global.cache = …`, `globalThis.seen.push(…)`): the global
 * object outlives invocations exactly as module scope does. It has no declaration to point at.
 */
function globalObjectWrites(scope: AnalysisScope): ModuleStateWrite[] {
  const out: ModuleStateWrite[] = [];
  const seen = new Set<AstNode>();
  for (const { module, fn } of scope.functions) {
    walk(fn.body, (n) => {
      if (seen.has(n)) return false;
      seen.add(n);
      if (n.type !== 'MemberExpression') return undefined;
      const slot = globalSlot(n, module);
      if (slot === undefined) return undefined;
      const target: StateTarget = (m) => m.type === 'MemberExpression' && globalSlot(m, module) === slot;
      const write = classifyWrite(false, n, module, true, true);
      if (!write) return undefined;
      const keyFromEvent = (write.keys ?? []).some((k) => scope.taint.mentions(module, k));
      out.push({
        variable: `${(n.object as TSESTree.Identifier).name}.${slot}`,
        loc: locationOf(enclosingStatement(n, module.parents), module.rel),
        kind: write.kind,
        lazyInit: write.assignment
          ? isLazyInit(write.assignment, module, target)
          : (write.kind === 'member-write' || write.kind === 'method-call') && !keyFromEvent && isGuardedFill(n, module, target),
        eventDerived: write.values.some((v) => scope.taint.mentions(module, v)),
        inTimerCallback: false,
      });
      return undefined;
    });
  }
  return out;
}

/** `x` in `global.x`, `globalThis.x`, `globalThis['x']`, when `global`/`globalThis` is the real global object (not a local binding). */
function globalSlot(n: TSESTree.MemberExpression, module: ModuleInfo): string | undefined {
  const object = unwrap(n.object);
  if (object.type !== 'Identifier' || (object.name !== 'global' && object.name !== 'globalThis')) return undefined;
  const variable = module.resolved.get(object);
  if (variable && variable.defs.length > 0) return undefined;
  return n.computed ? staticString(n.property) : n.property.type === 'Identifier' ? n.property.name : undefined;
}

function isWithin(node: AstNode, ancestor: AstNode, module: ModuleInfo): boolean {
  let cur: AstNode | undefined = node;
  while (cur) {
    if (cur === ancestor) return true;
    cur = module.parents.get(cur);
  }
  return false;
}

interface WriteSite {
  readonly kind: ModuleStateWrite['kind'];
  readonly values: AstNode[];
  /** The key written under (`cache[k] = …`, `cache.set(k, …)`), for keyed containers. */
  readonly keys?: AstNode[];
  readonly assignment?: TSESTree.AssignmentExpression;
}

/** Whether a reference to a module variable changes it, and with what values. */
function classifyWrite(isWrite: boolean, id: AstNode, module: ModuleInfo, container: boolean, globalProperty = false): WriteSite | undefined {
  const parent = module.parents.get(id);
  // A property of the global object is written like a variable: `global.x = …`, `global.x++`, `delete global.x`.
  if (globalProperty) {
    if (parent?.type === 'AssignmentExpression' && parent.left === id) return { kind: 'assign', values: [parent.right], assignment: parent };
    if (parent?.type === 'UpdateExpression') return { kind: 'update', values: [] };
    if (parent?.type === 'UnaryExpression' && parent.operator === 'delete') return { kind: 'delete', values: [] };
  }
  if (isWrite) {
    if (parent?.type === 'AssignmentExpression' && parent.left === id) return { kind: 'assign', values: [parent.right], assignment: parent };
    if (parent?.type === 'UpdateExpression') return { kind: 'update', values: [] };
    // Destructuring assignment: `({ a: x } = value)`.
    let cur: AstNode | undefined = parent;
    while (cur && cur.type !== 'AssignmentExpression' && cur.type !== 'ForOfStatement' && cur.type !== 'ForInStatement' && !isFunction(cur)) {
      cur = module.parents.get(cur);
    }
    if (cur?.type === 'AssignmentExpression') return { kind: 'assign', values: [cur.right] };
    if (cur?.type === 'ForOfStatement' || cur?.type === 'ForInStatement') return { kind: 'assign', values: [cur.right] };
    return undefined;
  }
  if (!container) return undefined;
  // Climb `x.a.b` while `x` is the object being accessed.
  let top: AstNode = id;
  let next = module.parents.get(top);
  const keys: AstNode[] = [];
  while (next?.type === 'MemberExpression' && next.object === top) {
    if (next.computed) keys.push(next.property);
    top = next;
    next = module.parents.get(top);
  }
  if (top === id) {
    if (next?.type === 'CallExpression' && memberPath(next.callee) === 'Object.assign' && next.arguments[0] === id) {
      return { kind: 'method-call', values: next.arguments.slice(1) as AstNode[] };
    }
    return undefined;
  }
  if (next?.type === 'AssignmentExpression' && next.left === top) return { kind: 'member-write', values: [next.right, ...keys], keys };
  if (next?.type === 'UpdateExpression') return { kind: 'member-write', values: keys };
  if (next?.type === 'UnaryExpression' && next.operator === 'delete') return { kind: 'delete', values: keys };
  if (next?.type === 'CallExpression' && next.callee === top && top.type === 'MemberExpression' && !top.computed && top.property.type === 'Identifier') {
    if (MUTATING_METHODS.has(top.property.name)) {
      const args = next.arguments as AstNode[];
      const keyed = top.property.name === 'set' || top.property.name === 'add' || top.property.name === 'delete';
      return { kind: 'method-call', values: [...args, ...keys], keys: keyed && args[0] ? [args[0], ...keys] : keys };
    }
  }
  return undefined;
}
