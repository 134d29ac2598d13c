import type { ModuleStateWrite } from '../../../model.js';
import type { Location } from '../../../location.js';
import type { PyAnalysis } from './analysis.js';
import { moduleOf, resolveName, targetIdentifiers, type PyModule, type PyVariable } from './module.js';
import { decorators, originVariable, ownCode } from './reach.js';
import { callArguments, enclosingStatement, field, locationOf, named, textOf, unparen, walk, type PyNode } from './tree.js';
import { externalPath, valueOf } from './values.js';
import { append } from '../../../arrays.js';

const MUTATING_METHODS = new Set([
  'append', 'extend', 'insert', 'pop', 'popitem', 'remove', 'clear', 'update', 'setdefault', 'add', 'discard',
  'sort', 'reverse', 'appendleft', 'extendleft', 'popleft', 'rotate', '__setitem__', 'put', 'put_nowait',
  'difference_update', 'intersection_update', 'symmetric_difference_update',
]);
/** Methods whose first argument is the key they change. */
const KEYED_METHODS = new Set(['setdefault', 'pop', 'add', 'discard', 'remove', '__setitem__']);
const CONTAINER_LITERALS = new Set(['list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension']);
const CONTAINER_FACTORIES = /^(builtins\.(dict|list|set|bytearray)|collections\.(defaultdict|OrderedDict|deque|Counter|ChainMap)|queue\.\w*Queue|weakref\.Weak\w+|types\.SimpleNamespace)$/;
/** Creating an AWS client, resource or session, or a connection: AWS's recommended initialise-once objects. */
const INITIALISERS = /^(boto3|botocore|aioboto3|aiobotocore)\.|^(pymysql|psycopg2?|psycopg|mysql\.connector|sqlite3|pymongo|redis|sqlalchemy|requests|httpx|urllib3|elasticsearch|opensearchpy)\.[\w.]*(connect|Connection|Redis|StrictRedis|MongoClient|create_engine|Session|Client|AsyncClient|PoolManager|Elasticsearch|OpenSearch)\b/;
const MEMO_DECORATORS = /^(functools\.)?(lru_cache|cache)$|^(cachetools\.)?(cached|func\.\w+_cache)$/;

interface Site {
  readonly kind: ModuleStateWrite['kind'];
  readonly values: PyNode[];
  readonly keys: PyNode[];
  readonly assignment?: PyNode;
}

/** Writes to module-level variables from code the handler runs: rebinding through `global`, and changes to module-level containers. */
export function moduleStateWrites(a: PyAnalysis): ModuleStateWrite[] {
  const out: ModuleStateWrite[] = [];
  // Functions' own code never overlaps (nested functions and classes are their own): each node is visited once.
  for (const { module, node } of a.functions) {
    ownCode(node, (n) => {
      if (n.type === 'identifier') {
        const write = classify(a, module, n);
        if (!write) return undefined;
        const { variable, owner, site } = write;
        const eventDerived = site.values.some((v) => a.taint.mentions(module, v));
        const keyFromEvent = site.keys.some((k) => a.taint.mentions(module, k));
        const lazyInit = site.assignment
          ? isLazyInit(a, module, site.assignment, variable) || (!eventDerived && isFreshEachInvocation(a, module, site.assignment, variable))
          : (site.kind === 'member-write' || site.kind === 'method-call') && !keyFromEvent && isGuardedFill(module, n, variable);
        out.push({
          variable: variable.name,
          declaredAt: declaredAt(owner, variable),
          loc: locationOf(enclosingStatement(n), module.rel),
          kind: site.kind,
          lazyInit,
          eventDerived,
          inTimerCallback: false,
        });
      } else if (n.type === 'call') {
        const memo = memoCall(a, module, n);
        if (memo) out.push(memo);
      }
      return undefined;
    });
  }
  return out;
}

function declaredAt(owner: PyModule, variable: PyVariable): Location {
  const b = variable.bindings.find((x) => x.kind === 'assign' && moduleLevel(x.statement)) ?? variable.bindings[0];
  const node = !b ? owner.root : 'target' in b ? b.target : b.node;
  return locationOf(node, owner.rel);
}

function moduleLevel(node: PyNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
  }
  return true;
}

/** A module-level variable whose value is a mutable container (or an instance of a local class). */
function isContainer(a: PyAnalysis, owner: PyModule, variable: PyVariable): boolean {
  return variable.bindings.some((b) => {
    if (b.kind !== 'assign' || !b.value || !moduleLevel(b.statement)) return false;
    const v = unparen(b.value);
    if (CONTAINER_LITERALS.has(v.type)) return true;
    if (v.type !== 'call') return false;
    const value = valueOf(a.ctx, owner, v);
    if (value?.kind === 'instance') return true;
    const path = externalPath(a.ctx, owner, field(v, 'function'));
    return path !== undefined && CONTAINER_FACTORIES.test(path);
  });
}

/** Whether an identifier in handler code changes a module-level variable, and how. */
function classify(a: PyAnalysis, module: PyModule, id: PyNode): { variable: PyVariable; owner: PyModule; site: Site } | undefined {
  if (id.field === 'attribute' || id.field === 'name') return undefined;
  const local = resolveName(module, id);
  if (!local || local.scope.node.type !== 'module') return undefined;
  const parent = id.parent;
  // Rebinding: only possible from a function through `global` (the variable then lives in the module scope).
  const rebinding = rebindingSite(id);
  if (rebinding) {
    if (!local.bindings.some((b) => b.kind === 'assign' || b.kind === 'for' || b.kind === 'with')) return undefined;
    return { variable: local, owner: module, site: rebinding };
  }
  if (!parent) return undefined;
  const variable = originVariable(a.ctx, module, id) ?? local;
  const owner = moduleOf(variable) ?? module;
  if (variable.scope.node.type !== 'module' || !isContainer(a, owner, variable)) return undefined;
  // Climb `x[k].attr[j]` while x is what is being accessed.
  let top = id;
  const keys: PyNode[] = [];
  for (;;) {
    const p = top.parent;
    if (p?.type === 'subscript' && field(p, 'value') === top) {
      append(keys, p.children.filter((c) => c.field === 'subscript'));
    } else if (p?.type === 'attribute' && field(p, 'object') === top) {
      // `x.append(…)`: stop below a method call.
      if (p.parent?.type === 'call' && field(p.parent, 'function') === p) break;
    } else {
      break;
    }
    top = p;
  }
  const holder = top.parent;
  if (top !== id && holder && (holder.type === 'assignment' || holder.type === 'augmented_assignment') && field(holder, 'left') === top) {
    const right = field(holder, 'right');
    return { variable, owner, site: { kind: 'member-write', values: [...(right ? [right] : []), ...keys], keys } };
  }
  if (top !== id && holder?.type === 'delete_statement') return { variable, owner, site: { kind: 'delete', values: keys, keys } };
  const method = top.parent;
  const call = method?.parent;
  if (method?.type === 'attribute' && field(method, 'object') === top && call?.type === 'call' && field(call, 'function') === method) {
    const name = textOf(module.text, field(method, 'attribute') ?? method);
    if (!MUTATING_METHODS.has(name)) return undefined;
    const args = callArguments(module.text, call);
    const values = [...args.positional, ...args.keywords.values(), ...keys];
    const keyed = KEYED_METHODS.has(name) && args.positional[0] ? [args.positional[0]] : [];
    const dictKeys = name === 'update' ? [...args.keywords.keys()].length > 0 ? [] : updateKeys(args.positional[0]) : [];
    return { variable, owner, site: { kind: 'method-call', values, keys: [...keyed, ...dictKeys, ...keys] } };
  }
  return undefined;
}

/** `cache.update({k: v})`: the keys written. */
function updateKeys(arg: PyNode | undefined): PyNode[] {
  const d = arg ? unparen(arg) : undefined;
  if (d?.type !== 'dictionary') return arg ? [arg] : [];
  return named(d).flatMap((p) => (p.type === 'pair' && field(p, 'key') ? [field(p, 'key')!] : []));
}

/** `x = …`, `x += …`, `for x in …`, `with … as x`, `del x`, `(x := …)` where x is a module variable. */
function rebindingSite(id: PyNode): Site | undefined {
  let target = id;
  let holder = id.parent;
  while (holder && ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list', 'list_splat_pattern', 'as_pattern_target', 'parenthesized_expression'].includes(holder.type)) {
    target = holder;
    holder = holder.parent;
  }
  if (!holder) return undefined;
  if (holder.type === 'assignment' && field(holder, 'left') === target) {
    let right = field(holder, 'right');
    while (right?.type === 'assignment') right = field(right, 'right');
    return { kind: 'assign', values: right ? [right] : [], keys: [], assignment: holder };
  }
  if (holder.type === 'augmented_assignment' && field(holder, 'left') === target) {
    const right = field(holder, 'right');
    return { kind: 'update', values: right ? [right] : [], keys: [] };
  }
  if ((holder.type === 'for_statement' || holder.type === 'for_in_clause') && field(holder, 'left') === target) {
    const right = field(holder, 'right');
    return { kind: 'assign', values: right ? [right] : [], keys: [] };
  }
  if (holder.type === 'as_pattern' && field(holder, 'alias') === target) {
    return { kind: 'assign', values: named(holder).filter((c) => c.field !== 'alias'), keys: [] };
  }
  if (holder.type === 'named_expression' && field(holder, 'name') === id) {
    const value = field(holder, 'value');
    return { kind: 'assign', values: value ? [value] : [], keys: [], assignment: holder };
  }
  if (holder.type === 'delete_statement' && targetIdentifiers(target).includes(id)) return { kind: 'delete', values: [], keys: [] };
  return undefined;
}

function refersTo(module: PyModule, node: PyNode | undefined, variable: PyVariable): boolean {
  const n = node ? unparen(node) : undefined;
  return n?.type === 'identifier' && resolveName(module, n) === variable;
}

function mentionsVariable(module: PyModule, node: PyNode | undefined, variable: PyVariable): boolean {
  if (!node) return false;
  if (refersTo(module, node, variable)) return true;
  return node.children.some((c) => mentionsVariable(module, c, variable));
}

/** `x is None`, `not x`, `x == None`, `not hasattr(…)`, and either side of `and`/`or`. */
function testsUnset(module: PyModule, test: PyNode | undefined, variable: PyVariable): boolean {
  const t = test ? unparen(test) : undefined;
  if (!t) return false;
  if (t.type === 'not_operator') return refersTo(module, field(t, 'argument'), variable) || testsMissing(module, field(t, 'argument'), variable);
  if (t.type === 'boolean_operator') return testsUnset(module, field(t, 'left'), variable) || testsUnset(module, field(t, 'right'), variable);
  if (t.type === 'comparison_operator') {
    const [left, right] = named(t);
    const ops = t.children.filter((c) => !c.isNamed).map((c) => textOf(module.text, c)).join(' ');
    const isNone = (n: PyNode | undefined) => n?.type === 'none';
    if ((ops === 'is' || ops === '==') && ((refersTo(module, left, variable) && isNone(right)) || (refersTo(module, right, variable) && isNone(left)))) return true;
  }
  return false;
}

/** `x is not None`, `x`: the variable is already set. */
function testsSet(module: PyModule, test: PyNode | undefined, variable: PyVariable): boolean {
  const t = test ? unparen(test) : undefined;
  if (!t) return false;
  if (refersTo(module, t, variable)) return true;
  if (t.type === 'comparison_operator') {
    const [left, right] = named(t);
    const ops = t.children.filter((c) => !c.isNamed).map((c) => textOf(module.text, c)).join(' ');
    return (ops === 'is not' || ops === '!=') && ((refersTo(module, left, variable) && right?.type === 'none') || (refersTo(module, right, variable) && left?.type === 'none'));
  }
  return false;
}

/** `k not in x`, `not x.get(k)`, `x.get(k) is None`, `not x[k]`: the entry is not there yet. */
function testsMissing(module: PyModule, test: PyNode | undefined, variable: PyVariable): boolean {
  const t = test ? unparen(test) : undefined;
  if (!t) return false;
  const lookup = (n: PyNode | undefined): boolean => {
    const u = n ? unparen(n) : undefined;
    if (!u) return false;
    if (u.type === 'subscript') return refersTo(module, field(u, 'value'), variable);
    if (u.type === 'call') {
      const f = unparen(field(u, 'function') ?? u);
      return f.type === 'attribute' && textOf(module.text, field(f, 'attribute') ?? f) === 'get' && refersTo(module, field(f, 'object'), variable);
    }
    return false;
  };
  if (t.type === 'not_operator') return lookup(field(t, 'argument')) || refersTo(module, field(t, 'argument'), variable);
  if (t.type === 'boolean_operator') return testsMissing(module, field(t, 'left'), variable) || testsMissing(module, field(t, 'right'), variable);
  if (t.type === 'comparison_operator') {
    const [left, right] = named(t);
    const ops = t.children.filter((c) => !c.isNamed).map((c) => textOf(module.text, c)).join(' ');
    if (ops === 'not in') return refersTo(module, right, variable);
    if (ops === 'is' || ops === '==') return (lookup(left) && right?.type === 'none') || (lookup(right) && left?.type === 'none');
  }
  return false;
}

/** `k in x`, `x.get(k)`, `x`: the entry (or the container) is there. */
function testsPresent(module: PyModule, test: PyNode | undefined, variable: PyVariable): boolean {
  const t = test ? unparen(test) : undefined;
  if (!t) return false;
  if (t.type === 'comparison_operator') {
    const ops = t.children.filter((c) => !c.isNamed).map((c) => textOf(module.text, c)).join(' ');
    return ops === 'in' && refersTo(module, named(t)[1], variable);
  }
  if (t.type === 'call') {
    const f = unparen(field(t, 'function') ?? t);
    return f.type === 'attribute' && textOf(module.text, field(f, 'attribute') ?? f) === 'get' && refersTo(module, field(f, 'object'), variable);
  }
  return t.type === 'subscript' && refersTo(module, field(t, 'value'), variable);
}

/** The `if`/`elif` conditions a node sits under in its function, with the branch it is on. */
function guards(node: PyNode): { condition: PyNode | undefined; branch: 'then' | 'else' }[] {
  const out: { condition: PyNode | undefined; branch: 'then' | 'else' }[] = [];
  let child = node;
  for (let p = node.parent; p && p.type !== 'function_definition' && p.type !== 'lambda' && p.type !== 'module'; p = p.parent) {
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && field(p, 'consequence') === child) out.push({ condition: field(p, 'condition'), branch: 'then' });
    if (p.type === 'else_clause' && p.parent?.type === 'if_statement') out.push({ condition: field(p.parent, 'condition'), branch: 'else' });
    if (p.type === 'conditional_expression') {
      const [then, condition, otherwise] = named(p);
      if (child === then) out.push({ condition, branch: 'then' });
      if (child === otherwise) out.push({ condition, branch: 'else' });
    }
    child = p;
  }
  return out;
}

/** Earlier statements of the same block: `if x: return x` before the assignment. */
function returnsEarlyWhen(statement: PyNode, test: (condition: PyNode | undefined) => boolean): boolean {
  const block = statement.parent;
  if (!block) return false;
  for (const s of block.children) {
    if (s === statement) break;
    if (s.type !== 'if_statement') continue;
    const body = field(s, 'consequence');
    const returns = body?.children.some((c) => c.type === 'return_statement' || c.type === 'raise_statement' || c.type === 'continue_statement') ?? false;
    if (returns && test(field(s, 'condition'))) return true;
  }
  return false;
}

/**
 * The initialise-once pattern AWS recommends for clients, connections and configuration:
 * `if x is None: x = …`, `if not x: x = …`, `x = x or …`, `if x: return x` before `x = …`,
 * one-time flags (`if cold_start: cold_start = False`), and clients or connections however assigned.
 */
function isLazyInit(a: PyAnalysis, module: PyModule, assignment: PyNode, variable: PyVariable): boolean {
  let right = field(assignment, assignment.type === 'named_expression' ? 'value' : 'right');
  while (right?.type === 'assignment') right = field(right, 'right');
  if (right) {
    const r = unparen(right);
    if (r.type === 'boolean_operator' && textOf(module.text, r).includes(' or ') && refersTo(module, field(r, 'left'), variable)) return true;
    const path = r.type === 'call' || r.type === 'attribute' ? created(a, module, r) : undefined;
    if (path && INITIALISERS.test(path)) return true;
  }
  const constant = right !== undefined && ['true', 'false', 'none', 'integer', 'float', 'string'].includes(unparen(right).type);
  if (underOneTimeFlag(module, assignment)) return true;
  for (const g of guards(assignment)) {
    if (g.branch === 'then' && testsUnset(module, g.condition, variable)) return true;
    if (g.branch === 'else' && testsSet(module, g.condition, variable)) return true;
    if (constant && mentionsVariable(module, g.condition, variable)) return true;
  }
  return returnsEarlyWhen(enclosingStatement(assignment), (c) => testsSet(module, c, variable));
}

/**
 * `global config; config = Config()` at the top level of the handler's own body, before any use:
 * every invocation replaces the value before reading it, so nothing of an earlier one is seen.
 * (Request data so stored still stays in memory between invocations: that is the request-data rule's finding.)
 */
function isFreshEachInvocation(a: PyAnalysis, module: PyModule, assignment: PyNode, variable: PyVariable): boolean {
  const entry = a.entry;
  if (!entry || entry.module !== module || assignment.type !== 'assignment') return false;
  let right = field(assignment, 'right');
  while (right?.type === 'assignment') right = field(right, 'right');
  if (!right || mentionsVariable(module, right, variable)) return false;
  const statement = enclosingStatement(assignment);
  for (let p = statement.parent; p !== entry.node; p = p.parent) {
    if (!p || !(p.type === 'block' || p.type === 'try_statement' || p.type === 'with_statement')) return false;
    if (p.type === 'block' && p.parent?.type !== 'try_statement' && p.parent?.type !== 'with_statement' && p.parent !== entry.node) return false;
  }
  let usedBefore = false;
  ownCode(entry.node, (n) => {
    if (usedBefore || n.start >= assignment.start) return false;
    if (n.type === 'identifier' && n.parent?.type !== 'global_statement' && refersTo(module, n, variable)) usedBefore = true;
    return undefined;
  });
  return !usedBefore;
}

/**
 * Inside `if cold_start:` (or `if not initialised:`) whose block also sets that module-level flag
 * to a constant: the block runs once per container, as initialisation.
 */
function underOneTimeFlag(module: PyModule, node: PyNode): boolean {
  for (const g of guards(node)) {
    if (g.branch !== 'then' || !g.condition) continue;
    let c = unparen(g.condition);
    if (c.type === 'not_operator') c = unparen(field(c, 'argument') ?? c);
    if (c.type !== 'identifier') continue;
    const flag = resolveName(module, c);
    const block = g.condition.parent ? field(g.condition.parent, 'consequence') : undefined;
    if (!flag || flag.scope.node.type !== 'module' || !block) continue;
    let resets = false;
    walk(block, (n) => {
      if (resets || n.type === 'function_definition' || n.type === 'class_definition') return false;
      if (n.type === 'assignment' && refersTo(module, field(n, 'left'), flag) && ['true', 'false', 'none', 'integer'].includes(unparen(field(n, 'right') ?? n).type)) resets = true;
      return undefined;
    });
    if (resets) return true;
  }
  return false;
}

/** The library call an expression is made with (`boto3.resource('dynamodb').Table(name)` → `boto3.resource().Table()`). */
function created(a: PyAnalysis, module: PyModule, node: PyNode): string | undefined {
  const v = valueOf(a.ctx, module, node);
  return v?.kind === 'external' ? v.path : undefined;
}

/** A keyed fill done only when the entry is missing (a memo of configuration or clients). */
function isGuardedFill(module: PyModule, id: PyNode, variable: PyVariable): boolean {
  const statement = enclosingStatement(id);
  // `x.setdefault(k, v)` fills only a missing entry.
  const parent = id.parent;
  if (parent?.type === 'attribute' && textOf(module.text, field(parent, 'attribute') ?? parent) === 'setdefault') return true;
  if (underOneTimeFlag(module, id)) return true;
  for (const g of guards(id)) {
    if (g.branch === 'then' && testsMissing(module, g.condition, variable)) return true;
    if (g.branch === 'else' && testsPresent(module, g.condition, variable)) return true;
  }
  // `try: return x[k]` / `except KeyError: x[k] = …`
  for (let p = statement.parent; p && p.type !== 'function_definition'; p = p.parent) {
    if (p.type === 'except_clause' && p.parent?.type === 'try_statement' && mentionsVariable(module, field(p.parent, 'body'), variable)) return true;
  }
  return returnsEarlyWhen(statement, (c) => testsPresent(module, c, variable));
}

const PURE_CALLS =
  /^(math|cmath|decimal|fractions|statistics|string|re|unicodedata|datetime|builtins\.(abs|round|min|max|sum|len|int|float|str|bool|sorted|reversed|pow|divmod|tuple|list|dict|set|frozenset|range|enumerate|zip|map|filter|isinstance|any|all|format|ord|chr|hex|repr|hash))(\.|\(|$)/;

const VALUE_METHODS = new Set([
  'lower', 'upper', 'strip', 'lstrip', 'rstrip', 'split', 'rsplit', 'join', 'replace', 'startswith', 'endswith', 'format',
  'encode', 'decode', 'get', 'items', 'keys', 'values', 'isdigit', 'isalpha', 'title', 'capitalize', 'zfill', 'count', 'index', 'find',
]);

/** A function that only computes from its arguments and constants: no I/O, no calls beyond arithmetic and text. */
function isPure(a: PyAnalysis, module: PyModule, fn: PyNode, depth: number): boolean {
  let pure = true;
  ownCode(fn, (n) => {
    if (!pure) return false;
    if (n.type === 'call') {
      const callee = valueOf(a.ctx, module, field(n, 'function'));
      if (callee?.kind === 'external' && PURE_CALLS.test(callee.path)) return undefined;
      // Methods on values computed here (`name.lower()`, `parts.split()`): text and numbers.
      const f = unparen(field(n, 'function') ?? n);
      if (f.type === 'attribute' && !callee && VALUE_METHODS.has(textOf(module.text, field(f, 'attribute') ?? f))) return undefined;
      if (callee?.kind === 'function' && callee.node.type === 'function_definition' && depth < 2 && isPure(a, callee.module, callee.node, depth + 1)) return undefined;
      pure = false;
    }
    if (n.type === 'await' || n.type === 'global_statement') pure = false;
    return undefined;
  });
  return pure;
}

/**
 * A call of a module function memoised with `functools.lru_cache`/`cache`: the cache lives in
 * module scope, so calling it with request data keeps that data for later invocations.
 */
function memoCall(a: PyAnalysis, module: PyModule, call: PyNode): ModuleStateWrite | undefined {
  const callee = valueOf(a.ctx, module, field(call, 'function'));
  if (callee?.kind !== 'function' || callee.node.type !== 'function_definition') return undefined;
  const memo = decorators(callee.node).some((d) => {
    const target = unparen(d).type === 'call' ? field(unparen(d), 'function') : d;
    const path = externalPath(a.ctx, callee.module, target);
    return path !== undefined && MEMO_DECORATORS.test(path);
  });
  // Memoising a pure computation (`dew_point(temp, rh)`) keeps nothing a later caller could not compute.
  if (!memo || isPure(a, callee.module, callee.node, 0)) return undefined;
  const args = callArguments(module.text, call);
  if (![...args.positional, ...args.keywords.values()].some((x) => a.taint.mentions(module, x))) return undefined;
  const name = field(callee.node, 'name');
  return {
    variable: `${name ? textOf(callee.module.text, name) : 'function'} (its lru_cache)`,
    declaredAt: locationOf(name ?? callee.node, callee.module.rel),
    loc: locationOf(enclosingStatement(call), module.rel),
    kind: 'method-call',
    lazyInit: false,
    eventDerived: true,
    inTimerCallback: false,
  };
}
