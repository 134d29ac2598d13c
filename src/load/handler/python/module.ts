import { field, fields, named, textOf, unparen, walk, type PyNode } from './tree.js';
import { append } from '../../../arrays.js';
import type { LocalModule } from './imports.js';
import type { Location } from '../../../location.js';

/** How a name gets its value in one scope. */
export type PyBinding =
  | { readonly kind: 'assign'; readonly target: PyNode; readonly value: PyNode | undefined; readonly statement: PyNode; readonly augmented: boolean }
  | { readonly kind: 'def' | 'class'; readonly node: PyNode }
  /** `import a.b as c` → c = {module 'a.b'}; `from ..x import y` → y = {module 'x', level 2, name 'y'}. */
  | { readonly kind: 'import'; readonly node: PyNode; readonly module: string; readonly level: number; readonly name?: string }
  | { readonly kind: 'param'; readonly node: PyNode; readonly index: number; readonly keyword: string }
  /** A loop, `with … as`, `except … as` or comprehension target: bound from `value` (an iterable, a context manager). */
  | { readonly kind: 'for' | 'with' | 'except'; readonly target: PyNode; readonly value: PyNode | undefined; readonly statement: PyNode };

export interface PyVariable {
  readonly name: string;
  readonly scope: PyScope;
  readonly bindings: PyBinding[];
}

export interface PyScope {
  /** `module`, `function_definition`, `lambda` or `class_definition`. */
  readonly node: PyNode;
  readonly parent: PyScope | undefined;
  readonly vars: Map<string, PyVariable>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
  /** `from x import *` in this scope: where names it does not bind may come from. */
  readonly wildcards: { readonly module: string; readonly level: number }[];
  /** The module it is in (set once the module is built). */
  readonly module: PyModule;
}

/** One parsed Python file with its scopes: what every analysis of it shares. */
export interface PyModule {
  readonly file: string;
  readonly rel: string;
  readonly text: string;
  readonly root: PyNode;
  readonly moduleScope: PyScope;
  /** Function, lambda and class nodes → their scope. */
  readonly scopes: ReadonlyMap<PyNode, PyScope>;
  /** `resolveName`'s answers (a plain field: a WeakMap's values outlive young GCs and drag whole trees along). */
  readonly names: Map<PyNode, PyVariable | null>;
  /** Its functions' parameters, worked out on first use (`parameters`). */
  parameterLists?: Map<PyNode, readonly PyNode[]>;
  /** The local modules it imports, by search path (index.ts). */
  importTargets?: Map<string, readonly LocalModule[]>;
}

const SCOPE_TYPES = new Set(['function_definition', 'lambda', 'class_definition']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

export function buildPyModule(file: string, rel: string, text: string, root: PyNode): PyModule {
  const scopes = new Map<PyNode, PyScope>();
  const moduleScope = collectScope(root, undefined, text, scopes, undefined);
  const module: PyModule = { file, rel, text, root, moduleScope, scopes, names: new Map() };
  for (const scope of scopes.values()) (scope as { module: PyModule }).module = module;
  return module;
}

/** The module a variable is defined in. */
export function moduleOf(variable: PyVariable): PyModule | undefined {
  return variable.scope.module;
}

function collectScope(node: PyNode, parent: PyScope | undefined, text: string, scopes: Map<PyNode, PyScope>, moduleScope: PyScope | undefined): PyScope {
  const scope: PyScope = { node, parent, vars: new Map(), globals: new Set(), nonlocals: new Set(), wildcards: [], module: undefined as unknown as PyModule };
  scopes.set(node, scope);
  const bind = (name: string, binding: PyBinding) => {
    let v = scope.vars.get(name);
    if (!v) {
      v = { name, scope, bindings: [] };
      scope.vars.set(name, v);
    }
    v.bindings.push(binding);
  };
  const bindTarget = (target: PyNode, make: (id: PyNode) => PyBinding) => {
    for (const id of targetIdentifiers(target)) bind(textOf(text, id), make(id));
  };
  const nested: PyNode[] = [];
  const comprehensions: PyNode[] = [];

  if (node.type === 'function_definition' || node.type === 'lambda') {
    const params = field(node, 'parameters');
    let index = 0;
    for (const p of params ? named(params) : []) {
      const id = p.type === 'identifier' ? p : (field(p, 'name') ?? named(p).find((c) => c.type === 'identifier'));
      if (!id) continue;
      const name = textOf(text, id);
      bind(name, { kind: 'param', node: id, index: p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' ? -1 : index, keyword: name });
      index++;
    }
  }
  const body = node.type === 'module' ? node : field(node, 'body');
  const visit = (n: PyNode): boolean | void => {
    if (n !== body && SCOPE_TYPES.has(n.type)) {
      const name = field(n, 'name');
      if (name && n.type !== 'lambda') bind(textOf(text, name), { kind: n.type === 'class_definition' ? 'class' : 'def', node: n });
      nested.push(n);
      return false;
    }
    // Comprehension variables live in a scope of their own; what they iterate over is read here.
    if (COMPREHENSIONS.has(n.type)) {
      // Noted here (with those nested in it) for their own scopes, made after the nested functions'.
      walk(n, (m) => {
        if (SCOPE_TYPES.has(m.type)) return false;
        if (COMPREHENSIONS.has(m.type)) comprehensions.push(m);
        return undefined;
      });
      return false;
    }
    switch (n.type) {
      case 'assignment': {
        const left = field(n, 'left');
        const value = assignedValue(n);
        const statement = n.parent?.type === 'expression_statement' ? n.parent : n;
        if (left) bindTarget(left, (target) => ({ kind: 'assign', target, value, statement, augmented: false }));
        break;
      }
      case 'augmented_assignment': {
        const left = field(n, 'left');
        if (left?.type === 'identifier') bind(textOf(text, left), { kind: 'assign', target: left, value: field(n, 'right'), statement: n.parent ?? n, augmented: true });
        break;
      }
      case 'named_expression': {
        const name = field(n, 'name');
        if (name) bind(textOf(text, name), { kind: 'assign', target: name, value: field(n, 'value'), statement: n, augmented: false });
        break;
      }
      case 'for_statement': {
        const left = field(n, 'left');
        if (left) bindTarget(left, (target) => ({ kind: 'for', target, value: field(n, 'right'), statement: n }));
        break;
      }
      case 'as_pattern': {
        const alias = field(n, 'alias');
        const value = named(n).find((c) => c.field !== 'alias');
        const kind = n.parent?.type === 'with_item' ? 'with' : 'except';
        if (alias) bindTarget(alias, (target) => ({ kind, target, value, statement: n }));
        break;
      }
      case 'import_statement':
        for (const item of fields(n, 'name')) {
          if (item.type === 'aliased_import') {
            const alias = field(item, 'alias');
            const dotted = field(item, 'name');
            if (alias && dotted) bind(textOf(text, alias), { kind: 'import', node: n, module: textOf(text, dotted), level: 0 });
          } else {
            const first = named(item)[0];
            if (first) bind(textOf(text, first), { kind: 'import', node: n, module: textOf(text, first), level: 0 });
          }
        }
        break;
      case 'import_from_statement': {
        const from = field(n, 'module_name');
        if (!from) break;
        const { module, level } = fromModule(text, from);
        if (n.children.some((c) => c.type === 'wildcard_import')) scope.wildcards.push({ module, level });
        for (const item of fields(n, 'name')) {
          const dotted = item.type === 'aliased_import' ? field(item, 'name') : item;
          const alias = item.type === 'aliased_import' ? field(item, 'alias') : item;
          if (dotted && alias) bind(textOf(text, alias), { kind: 'import', node: n, module, level, name: textOf(text, dotted) });
        }
        break;
      }
      case 'global_statement':
        for (const id of named(n)) scope.globals.add(textOf(text, id));
        break;
      case 'nonlocal_statement':
        for (const id of named(n)) scope.nonlocals.add(textOf(text, id));
        break;
    }
    return undefined;
  };
  if (body) walk(body, visit);
  // `global x` / `nonlocal x`: what this function assigns to x are bindings of the outer variable.
  for (const name of [...scope.globals, ...scope.nonlocals]) {
    const own = scope.vars.get(name);
    scope.vars.delete(name);
    if (!own) continue;
    let outer: PyScope | undefined = scope.globals.has(name) ? moduleScope : scope.parent;
    while (outer && scope.nonlocals.has(name) && !outer.vars.has(name)) outer = outer.parent;
    if (!outer) continue;
    const v = outer.vars.get(name) ?? { name, scope: outer, bindings: [] };
    append(v.bindings, own.bindings);
    outer.vars.set(name, v);
  }
  for (const n of nested) collectScope(n, scope, text, scopes, moduleScope ?? scope);
  // Comprehensions: their targets bind in a scope of their own, nested here.
  for (const c of comprehensions) collectComprehension(c, scope, text, scopes);
  return scope;
}

function collectComprehension(node: PyNode, parent: PyScope, text: string, scopes: Map<PyNode, PyScope>): void {
  if (scopes.has(node)) return;
  const scope: PyScope = { node, parent, vars: new Map(), globals: new Set(), nonlocals: new Set(), wildcards: [], module: undefined as unknown as PyModule };
  scopes.set(node, scope);
  for (const clause of node.children.filter((c) => c.type === 'for_in_clause')) {
    const left = field(clause, 'left');
    for (const id of left ? targetIdentifiers(left) : []) {
      const name = textOf(text, id);
      const v = scope.vars.get(name) ?? { name, scope, bindings: [] };
      v.bindings.push({ kind: 'for', target: id, value: field(clause, 'right'), statement: clause });
      scope.vars.set(name, v);
    }
  }
}

/** `a = b = value` → value. */
function assignedValue(assignment: PyNode): PyNode | undefined {
  let right = field(assignment, 'right');
  while (right?.type === 'assignment') right = field(right, 'right');
  return right;
}

function fromModule(text: string, from: PyNode): { module: string; level: number } {
  if (from.type === 'relative_import') {
    const prefix = from.children.find((c) => c.type === 'import_prefix');
    const dotted = from.children.find((c) => c.type === 'dotted_name');
    return { module: dotted ? textOf(text, dotted) : '', level: prefix ? prefix.children.filter((c) => c.type === '.').length : 0 };
  }
  return { module: textOf(text, from), level: 0 };
}

/** The names a target binds: `a`, `a, (b, *c)`; attributes and subscripts bind no name. */
export function targetIdentifiers(target: PyNode): PyNode[] {
  const t = unparen(target);
  switch (t.type) {
    case 'identifier':
      return [t];
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list':
    case 'as_pattern_target':
      return named(t).flatMap(targetIdentifiers);
    case 'list_splat_pattern':
    case 'list_splat':
      return named(t).flatMap(targetIdentifiers);
    default:
      return [];
  }
}

/**
 * The innermost scope a node's code runs in. A parameter's name binds in its function, but its
 * default value, annotation and the function's decorators run in the scope around it.
 */
export function scopeAt(module: PyModule, node: PyNode): PyScope {
  let child = node;
  let inValue = node.field === 'value' || node.field === 'type' || node.type === 'type';
  for (let cur = node.parent; cur; cur = cur.parent) {
    const scope = module.scopes.get(cur);
    if (scope) {
      const isFunction = cur.type === 'function_definition' || cur.type === 'lambda';
      const inHeader = isFunction && child.field !== 'body' && !(child.field === 'parameters' && !inValue);
      const inComprehensionHead = COMPREHENSIONS.has(cur.type) && child === firstIterable(cur);
      if (!inHeader && !inComprehensionHead) return scope;
    }
    if (cur.field === 'value' || cur.field === 'type' || cur.type === 'type') inValue = true;
    child = cur;
  }
  return module.moduleScope;
}

/** The first `for … in X` of a comprehension: X is evaluated in the enclosing scope. */
function firstIterable(comprehension: PyNode): PyNode | undefined {
  return field(comprehension.children.find((c) => c.type === 'for_in_clause'), 'right');
}

/**
 * The variable an identifier refers to, by Python's rules (class bodies are not seen from their
 * methods). Every analysis asks about the same identifiers: each is resolved once per module.
 */
export function resolveName(module: PyModule, id: PyNode): PyVariable | undefined {
  const resolved = module.names;
  const known = resolved.get(id);
  if (known !== undefined) return known ?? undefined;
  const variable = resolveNameUncached(module, id);
  resolved.set(id, variable ?? null);
  return variable;
}

function resolveNameUncached(module: PyModule, id: PyNode): PyVariable | undefined {
  const name = textOf(module.text, id);
  let scope: PyScope | undefined = scopeAt(module, id);
  if (scope.globals.has(name)) return module.moduleScope.vars.get(name);
  let first = true;
  while (scope) {
    if (!first && scope.node.type === 'class_definition') {
      scope = scope.parent;
      continue;
    }
    const v = scope.vars.get(name);
    if (v) return v;
    if (scope.globals.has(name)) return module.moduleScope.vars.get(name);
    first = false;
    scope = scope.parent;
  }
  return undefined;
}

/**
 * Facts a module gives whatever handler imports it (its secrets, its CORS answers), read once per
 * module, since a helper library is shared by many handlers, and copied for each handler: each
 * handler's facts are its own.
 */
export function perModuleFacts<T extends { readonly loc: Location }>(modules: readonly PyModule[], memo: WeakMap<PyModule, readonly T[]>, read: (module: PyModule) => T[]): T[] {
  const out: T[] = [];
  for (const module of modules) {
    let found = memo.get(module);
    if (!found) {
      found = read(module);
      memo.set(module, found);
    }
    for (const fact of found) out.push({ ...fact, loc: { ...fact.loc } });
  }
  return out;
}
