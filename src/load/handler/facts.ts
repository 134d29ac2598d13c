import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { BackgroundWork, HardcodedSecret, ModuleStateWrite, TmpWrite } from '../../model.js';
import { credentialShape, isPlaceholderOrReference, looksSecretName } from '../../secrets/credentials.js';
import {
  calleeName,
  enclosingFunction,
  enclosingStatement,
  isFunction,
  locationOf,
  memberPath,
  sourceText,
  staticString,
  unwrap,
  walk,
  type AstNode,
  type FunctionNode,
} from './ast.js';
import { definitionOf, type FunctionRef, type ModuleInfo } from './modules.js';
import type { EventTaint } from './taint.js';

const MUTATING_METHODS = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin',
  'set', 'delete', 'clear', 'add',
]);
const CONTAINER_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object']);

/** What the fact finders share: the modules, the reachable functions, and event taint. */
export interface AnalysisScope {
  readonly entry: FunctionRef;
  readonly functions: readonly FunctionRef[];
  readonly taint: EventTaint;
}

function reachableSet(scope: AnalysisScope): Set<FunctionNode> {
  return new Set(scope.functions.map((f) => f.fn));
}

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
function isLazyInit(assignment: TSESTree.AssignmentExpression, module: ModuleInfo, variable: Variable): boolean {
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
function isGuardedFill(site: AstNode, module: ModuleInfo, variable: Variable): boolean {
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
          ? isLazyInit(write.assignment, module, variable)
          : (write.kind === 'member-write' || write.kind === 'method-call') && !keyFromEvent && isGuardedFill(id, module, variable);
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
  return out;
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
function classifyWrite(isWrite: boolean, id: AstNode, module: ModuleInfo, container: boolean): WriteSite | undefined {
  const parent = module.parents.get(id);
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

function isGlobalTimer(call: TSESTree.CallExpression, module: ModuleInfo): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') {
    return (callee.name === 'setInterval' || callee.name === 'setTimeout') && !module.resolved.get(callee)?.defs.length && !module.imports.has(callee.name);
  }
  const path = memberPath(callee);
  return path === 'global.setTimeout' || path === 'global.setInterval' || path === 'globalThis.setTimeout' || path === 'globalThis.setInterval';
}

/** `await new Promise((r) => setTimeout(r, ms))`: a sleep the handler waits for. */
function isAwaitedSleep(call: AstNode, module: ModuleInfo): boolean {
  const fn = enclosingFunction(call, module.parents);
  const newPromise = fn && module.parents.get(fn);
  if (newPromise?.type !== 'NewExpression' || newPromise.callee.type !== 'Identifier' || newPromise.callee.name !== 'Promise') return false;
  const user = module.parents.get(newPromise);
  return user?.type === 'AwaitExpression' || user?.type === 'ReturnStatement' || (user?.type === 'ArrowFunctionExpression' && user.body === newPromise);
}

/** A call that returns a promise of network work: SDK v3 `client.send(…)`, SDK v2 `….promise()`, `fetch(…)`, and their `.then/.catch` chains. */
function isPromiseOfWork(node: AstNode, module: ModuleInfo): boolean {
  const n = unwrap(node);
  if (n.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee);
  if (callee.type === 'Identifier') return callee.name === 'fetch' && !module.resolved.get(callee)?.defs.length;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const name = callee.property.name;
  if (name === 'then' || name === 'catch' || name === 'finally') return isPromiseOfWork(callee.object, module);
  if (name === 'promise') return unwrap(callee.object).type === 'CallExpression';
  if (name === 'send') return isSdkClient(callee.object, module);
  return false;
}

/** An AWS SDK client: created with `new XxxClient(…)`, `XxxClient.from(…)`, or named like one. */
function isSdkClient(node: AstNode, module: ModuleInfo): boolean {
  const n = unwrap(node);
  const clientLike = (text: string) => /client$/i.test(text) || /^(sns|sqs|s3|ddb|dynamo(db)?|lambda|eventbridge|events|ses|kinesis|firehose|sfn|ssm|secrets(manager)?|cloudwatch|iot|sts)\w*$/i.test(text);
  if (n.type === 'Identifier') {
    const variable = module.resolved.get(n);
    const inits = variable ? [definitionOf(variable), ...variable.references.filter((r) => r.isWrite()).map((r) => r.writeExpr as AstNode | null)] : [];
    for (const init of inits) {
      if (!init) continue;
      const i = unwrap(init);
      const created = i.type === 'NewExpression' || i.type === 'CallExpression' ? i : undefined;
      const name = created ? (created.callee.type === 'MemberExpression' ? memberPath(created.callee.object) : calleeName(created)) : undefined;
      if (name && /Client$/.test(name)) return true;
    }
    return clientLike(n.name);
  }
  if (n.type === 'CallExpression') return /client$/i.test(calleeName(n) ?? '');
  const path = memberPath(n);
  return path !== undefined && clientLike(path.split('.').pop()!);
}

export function backgroundWork(scope: AnalysisScope): BackgroundWork[] {
  const out: BackgroundWork[] = [];
  const modules = [...new Set(scope.functions.map((f) => f.module))];
  const report = (module: ModuleInfo, node: AstNode, kind: BackgroundWork['kind']) =>
    out.push({ loc: locationOf(enclosingStatement(node, module.parents), module.rel), kind, detail: sourceText(module.text, node, 50) });
  for (const module of modules) {
    for (const stmt of module.ast.body) {
      walk(stmt, (n) => {
        if (isFunction(n)) return false;
        if (n.type === 'CallExpression' && isGlobalTimer(n, module)) report(module, n, 'module-timer');
        return undefined;
      });
    }
  }
  for (const { module, fn } of scope.functions) {
    walk(fn.body, (n) => {
      // Nested named functions are visited as reachable functions of their own when called.
      if (n !== fn.body && n.type === 'FunctionDeclaration') return false;
      if (n.type === 'CallExpression' && isGlobalTimer(n, module) && !isAwaitedSleep(n, module)) report(module, n, 'handler-timer');
      if (
        n.type === 'AssignmentExpression' &&
        n.left.type === 'MemberExpression' &&
        !n.left.computed &&
        n.left.property.type === 'Identifier' &&
        n.left.property.name === 'callbackWaitsForEmptyEventLoop' &&
        unwrap(n.right).type === 'Literal' &&
        (unwrap(n.right) as TSESTree.Literal).value === false
      ) {
        report(module, n, 'callback-waits-false');
      }
      if (n.type === 'ExpressionStatement' && enclosingFunction(n, module.parents)?.async && isPromiseOfWork(n.expression, module)) {
        report(module, n.expression, 'floating-promise');
      }
      return undefined;
    });
  }
  return out;
}

const FS_WRITES: Readonly<Record<string, number>> = {
  writeFile: 0, writeFileSync: 0, appendFile: 0, appendFileSync: 0, createWriteStream: 0,
  outputFile: 0, outputFileSync: 0, writeJson: 0, writeJsonSync: 0, outputJson: 0, outputJsonSync: 0,
  copyFile: 1, copyFileSync: 1, rename: 1, renameSync: 1, cp: 1, cpSync: 1,
};
const FS_REMOVES = new Set(['unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'remove', 'removeSync', 'emptyDir', 'emptyDirSync']);

/** The variables an expression is built from, followed through their initialisers. */
function sourcesOf(node: AstNode, module: ModuleInfo, depth = 0, acc = new Set<Variable>()): Set<Variable> {
  if (depth > 6) return acc;
  walk(node, (n) => {
    if (n.type !== 'Identifier') return;
    const v = module.resolved.get(n);
    if (!v || acc.has(v)) return;
    acc.add(v);
    const init = definitionOf(v);
    if (init) sourcesOf(init, module, depth + 1, acc);
    for (const r of v.references) if (r.isWrite() && r.writeExpr) sourcesOf(r.writeExpr as AstNode, module, depth + 1, acc);
  });
  return acc;
}

/** Whether a path expression lands under /tmp: a literal, `os.tmpdir()`, `path.join('/tmp', …)`, `mkdtemp(…)`, or a variable holding one. */
function isTmpPath(node: AstNode, module: ModuleInfo, depth = 0): boolean {
  if (depth > 6) return false;
  const n = unwrap(node);
  const s = staticString(n);
  if (s !== undefined) return /^\/tmp(\/|$)/.test(s);
  if (n.type === 'TemplateLiteral') {
    const head = n.quasis[0]?.value.cooked ?? '';
    if (/^\/tmp(\/|$)/.test(head)) return true;
    return head === '' && n.expressions[0] !== undefined && isTmpPath(n.expressions[0], module, depth + 1);
  }
  if (n.type === 'AwaitExpression') return isTmpPath(n.argument, module, depth + 1);
  if (n.type === 'BinaryExpression' && n.operator === '+') return isTmpPath(n.left as AstNode, module, depth + 1);
  if (n.type === 'CallExpression') {
    const name = calleeName(n);
    if (name === 'tmpdir') return true;
    if ((name === 'join' || name === 'resolve' || name === 'mkdtemp' || name === 'mkdtempSync') && n.arguments[0]) return isTmpPath(n.arguments[0], module, depth + 1);
    return false;
  }
  if (n.type === 'Identifier') {
    const v = module.resolved.get(n);
    if (!v) return false;
    const writes = [definitionOf(v), ...v.references.filter((r) => r.isWrite()).map((r) => r.writeExpr as AstNode | null)];
    return writes.some((w) => w !== undefined && w !== null && isTmpPath(w, module, depth + 1));
  }
  return false;
}

export function tmpWrites(scope: AnalysisScope): TmpWrite[] {
  const out: TmpWrite[] = [];
  const removals: { module: ModuleInfo; sources: Set<Variable>; literal?: string }[] = [];
  const writes: { module: ModuleInfo; call: TSESTree.CallExpression; pathArg: AstNode }[] = [];
  for (const { module, fn } of scope.functions) {
    walk(fn.body, (n) => {
      if (n.type !== 'CallExpression') return;
      const name = calleeName(n);
      if (!name) return;
      if (FS_REMOVES.has(name) && n.arguments[0]) {
        const lit = staticString(n.arguments[0]);
        removals.push({ module, sources: sourcesOf(n.arguments[0], module), ...(lit ? { literal: lit } : {}) });
      }
      const index = FS_WRITES[name];
      const pathArg = index === undefined ? undefined : n.arguments[index];
      if (pathArg && isTmpPath(pathArg, module)) writes.push({ module, call: n, pathArg });
    });
  }
  for (const { module, call, pathArg } of writes) {
    const literal = staticString(pathArg);
    const sources = sourcesOf(pathArg, module);
    // Removing the file, or a folder it was written into (a mkdtemp() directory), cleans up.
    const removed = removals.some(
      (r) => r.module === module && ((literal !== undefined && r.literal === literal) || [...r.sources].some((v) => sources.has(v) && !isModuleImport(v))),
    );
    out.push({
      loc: locationOf(enclosingStatement(call, module.parents), module.rel),
      path: sourceText(module.text, pathArg, 50),
      removed,
      eventDerived: scope.taint.mentions(module, pathArg),
    });
  }
  return out;
}

/** `path`, `os`, `fs`: shared imports say nothing about which file is removed. */
function isModuleImport(v: Variable): boolean {
  const def = v.defs[0];
  if (!def) return true;
  if (def.type === 'ImportBinding') return true;
  const init = definitionOf(v);
  return init !== undefined && unwrap(init).type === 'CallExpression' && calleeName(unwrap(init) as TSESTree.CallExpression) === 'require';
}

const TEST_FILE = /(\.|\/)(test|spec)\.[cm]?[jt]sx?$|(^|\/)__tests__\//;

/** Credential literals in a handler's source files (its own and the local modules it imports). */
export function hardcodedSecrets(modules: readonly ModuleInfo[]): HardcodedSecret[] {
  const out: HardcodedSecret[] = [];
  for (const module of modules) {
    if (TEST_FILE.test(module.rel)) continue;
    const report = (node: AstNode, kind: string, name?: string) =>
      out.push({ loc: locationOf(enclosingStatement(node, module.parents), module.rel), kind, ...(name ? { name } : {}) });
    walk(module.ast, (n) => {
      if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier') checkNamed(n.id.name, n.init, n, report);
      else if (n.type === 'Property' && !n.computed) checkNamed(keyName(n.key), n.value, n, report);
      else if (n.type === 'PropertyDefinition' && !n.computed) checkNamed(keyName(n.key), n.value, n, report);
      else if (n.type === 'AssignmentExpression' && n.operator === '=') {
        const target = n.left.type === 'MemberExpression' && !n.left.computed && n.left.property.type === 'Identifier' ? n.left.property.name : n.left.type === 'Identifier' ? n.left.name : undefined;
        if (target) checkNamed(target, n.right, n, report);
      } else {
        const value = staticString(n);
        if (value !== undefined && !isPlaceholderOrReference(value)) {
          const kind = credentialShape(value);
          if (kind) report(n, kind);
        }
      }
      return undefined;
    });
  }
  // One literal can match both as a shape and as a named value: keep one finding per statement.
  const seen = new Set<string>();
  return out.filter((s) => {
    const key = `${s.loc.file}:${s.loc.line}:${s.loc.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function keyName(key: AstNode): string | undefined {
  if (key.type === 'Identifier') return key.name;
  return staticString(key);
}

function checkNamed(name: string | undefined, value: AstNode | null | undefined, node: AstNode, report: (n: AstNode, kind: string, name?: string) => void): void {
  const literal = value ? staticString(unwrap(value)) : undefined;
  if (!name || literal === undefined || isPlaceholderOrReference(literal)) return;
  const shape = credentialShape(literal);
  if (shape) report(node, shape, name);
  else if (looksSecretName(name) && looksLikeCredential(literal)) report(node, 'secret-named literal', name);
}

/** A secret-named literal that reads like a value, not like a name, path, URL or sentence. */
function looksLikeCredential(value: string): boolean {
  if (value.length < 8 || /\s/.test(value) || value.startsWith('/') || /^https?:\/\/[^@]*$/i.test(value)) return false;
  return true;
}
