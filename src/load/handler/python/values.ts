import type { ImportResolver, LocalModule } from './imports.js';
import { resolveName, type PyBinding, type PyModule, type PyVariable } from './module.js';
import { field, named, textOf, unparen, walk, type PyNode } from './tree.js';

/** Gives the analysis parsed modules (each file parsed once per run). */
export interface PyModuleSource {
  get(file: string): PyModule | undefined;
}

/** What one handler's analysis shares: parsed modules and where its imports are found. */
export interface PyContext {
  readonly modules: PyModuleSource;
  readonly imports: ImportResolver;
  readonly roots: readonly string[];
  /** `valueOf`'s answers for this handler (a plain field: a WeakMap's values outlive young GCs and drag whole trees along). */
  readonly values: Map<PyNode, { readonly module: PyModule; readonly value: PyValue | undefined }>;
}

/** What an expression denotes, as far as the analysis can tell without running it. */
export type PyValue =
  | { readonly kind: 'function'; readonly module: PyModule; readonly node: PyNode }
  | { readonly kind: 'class'; readonly module: PyModule; readonly node: PyNode }
  | { readonly kind: 'instance'; readonly module: PyModule; readonly node: PyNode }
  | { readonly kind: 'module'; readonly target: LocalModule }
  /** Something from a library or the builtins, by dotted path: `boto3.client`, `builtins.open`, `threading.Thread()` (a call's result). */
  | { readonly kind: 'external'; readonly path: string };

const MAX_DEPTH = 8;

/**
 * What an expression denotes. The analyses of a handler ask about the same expressions (callees
 * above all) again and again: a question asked from the top is answered once per handler.
 */
export function valueOf(ctx: PyContext, module: PyModule, node: PyNode | undefined, depth = 0): PyValue | undefined {
  if (!node || depth > 0) return valueOfUncached(ctx, module, node, depth);
  const values = ctx.values;
  const known = values.get(node);
  if (known && known.module === module) return known.value;
  const value = valueOfUncached(ctx, module, node, 0);
  if (!known) values.set(node, { module, value });
  return value;
}

function valueOfUncached(ctx: PyContext, module: PyModule, node: PyNode | undefined, depth: number): PyValue | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const n = unparen(node);
  switch (n.type) {
    case 'lambda':
    case 'function_definition':
      return { kind: 'function', module, node: n };
    case 'identifier': {
      const variable = resolveName(module, n);
      if (!variable) {
        const name = textOf(module.text, n);
        return wildcardValue(ctx, module, name, depth + 1) ?? { kind: 'external', path: `builtins.${name}` };
      }
      return variableValue(ctx, module, variable, depth + 1, n);
    }
    case 'attribute': {
      const attr = field(n, 'attribute');
      const object = valueOf(ctx, module, field(n, 'object'), depth + 1);
      return object && attr ? attributeValue(ctx, object, textOf(module.text, attr), depth + 1) : undefined;
    }
    case 'call': {
      const callee = valueOf(ctx, module, field(n, 'function'), depth + 1);
      if (!callee) return undefined;
      if (callee.kind === 'class') return { kind: 'instance', module: callee.module, node: callee.node };
      if (callee.kind === 'external') return { kind: 'external', path: `${callee.path}()` };
      if (callee.kind === 'function') return returnedValue(ctx, callee.module, callee.node, depth + 1);
      return undefined;
    }
    case 'await':
      return valueOf(ctx, module, named(n)[0], depth + 1);
    case 'boolean_operator':
      // `x or make()`: what is made when x is not set yet.
      return valueOf(ctx, module, field(n, 'right'), depth + 1) ?? valueOf(ctx, module, field(n, 'left'), depth + 1);
    case 'conditional_expression':
      return valueOf(ctx, module, named(n)[0], depth + 1) ?? valueOf(ctx, module, named(n)[2], depth + 1);
    default:
      return undefined;
  }
}

/** What a variable holds: the first of its bindings that denotes something known. */
export function variableValue(ctx: PyContext, module: PyModule, variable: PyVariable, depth: number, from?: PyNode): PyValue | undefined {
  for (const b of variable.bindings) {
    const v = bindingValue(ctx, module, b, depth, from);
    if (v) return v;
  }
  return undefined;
}

function bindingValue(ctx: PyContext, module: PyModule, b: PyBinding, depth: number, from?: PyNode): PyValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (b.kind) {
    case 'def':
      return { kind: 'function', module, node: b.node };
    case 'class':
      return { kind: 'class', module, node: b.node };
    case 'import':
      return importValue(ctx, module, b, depth + 1);
    case 'assign':
      return b.value && b.value !== from && !b.augmented ? valueOf(ctx, module, b.value, depth + 1) : undefined;
    case 'param': {
      // `self` in a method: an instance of its class.
      const cls = b.index === 0 ? methodClass(b.node) : undefined;
      return cls ? { kind: 'instance', module, node: cls } : undefined;
    }
    case 'with':
      // `with ThreadPoolExecutor() as ex`: ex is the manager (its __enter__ returns itself for executors, pools, sessions).
      return b.value ? valueOf(ctx, module, b.value, depth + 1) : undefined;
    default:
      return undefined;
  }
}

function importValue(ctx: PyContext, module: PyModule, b: Extract<PyBinding, { kind: 'import' }>, depth: number): PyValue | undefined {
  const local = ctx.imports.resolve(b.module, b.level, module.file, ctx.roots);
  if (local) {
    if (b.name === undefined) return { kind: 'module', target: local };
    return attributeValue(ctx, { kind: 'module', target: local }, b.name, depth);
  }
  if (b.level > 0) return undefined;
  return { kind: 'external', path: b.name === undefined ? b.module : `${b.module}.${b.name}` };
}

/** A name a module does not bind itself, from its `from x import *` of a local module (the first that binds it). */
function wildcardValue(ctx: PyContext, module: PyModule, name: string, depth: number): PyValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const w of module.moduleScope.wildcards) {
    const local = ctx.imports.resolve(w.module, w.level, module.file, ctx.roots);
    if (!local) continue;
    const value = attributeValue(ctx, { kind: 'module', target: local }, name, depth + 1);
    if (value) return value;
  }
  return undefined;
}

export function attributeValue(ctx: PyContext, object: PyValue, name: string, depth: number): PyValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (object.kind) {
    case 'external':
      return { kind: 'external', path: `${object.path}.${name}` };
    case 'module': {
      const sub = ctx.imports.submodule(object.target, name);
      const m = object.target.file ? ctx.modules.get(object.target.file) : undefined;
      const variable = m?.moduleScope.vars.get(name);
      // A package's `from pkg import sub` of its own submodule binds the name to that submodule.
      const bound = m && variable ? variableValue(ctx, m, variable, depth + 1) : undefined;
      return bound ?? (sub ? { kind: 'module', target: sub } : m && !variable ? wildcardValue(ctx, m, name, depth + 1) : undefined);
    }
    case 'class':
    case 'instance': {
      const member = classMember(ctx, object.module, object.node, name, depth + 1);
      if (!member) return undefined;
      return member;
    }
    default:
      return undefined;
  }
}

/** A method or class attribute, looked up in the class and its local base classes. */
export function classMember(ctx: PyContext, module: PyModule, cls: PyNode, name: string, depth = 0): PyValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const scope = module.scopes.get(cls);
  const variable = scope?.vars.get(name);
  if (variable) return variableValue(ctx, module, variable, depth + 1);
  const bases = field(cls, 'superclasses');
  for (const base of bases ? named(bases) : []) {
    const value = valueOf(ctx, module, base, depth + 1);
    if (value?.kind === 'class') {
      const found = classMember(ctx, value.module, value.node, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** What a local function returns: its first `return` whose value is known (getters of clients and tables). */
function returnedValue(ctx: PyContext, module: PyModule, fn: PyNode, depth: number): PyValue | undefined {
  if (fn.type === 'lambda') return valueOf(ctx, module, field(fn, 'body'), depth + 1);
  const body = field(fn, 'body');
  if (!body) return undefined;
  let found: PyValue | undefined;
  walk(body, (n) => {
    if (found || n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return false;
    if (n.type === 'return_statement') {
      const v = named(n)[0];
      if (v) found = valueOf(ctx, module, v, depth + 1);
      return false;
    }
    return undefined;
  });
  return found;
}

/** The dotted path of a library value (`os.path.join`, `builtins.open`), or undefined for local code. */
export function externalPath(ctx: PyContext, module: PyModule, node: PyNode | undefined): string | undefined {
  const v = valueOf(ctx, module, node);
  return v?.kind === 'external' ? v.path : undefined;
}

/** The function a value denotes when called: a function, a class's `__init__`, or an instance's `__call__`. */
export function calledFunction(ctx: PyContext, value: PyValue | undefined): { module: PyModule; node: PyNode } | undefined {
  if (!value) return undefined;
  if (value.kind === 'function') return { module: value.module, node: value.node };
  if (value.kind === 'class' || value.kind === 'instance') {
    const member = classMember(ctx, value.module, value.node, value.kind === 'class' ? '__init__' : '__call__');
    return member?.kind === 'function' ? { module: member.module, node: member.node } : undefined;
  }
  return undefined;
}

/** The class a method parameter's function is defined in (directly in the class body), if any. */
function methodClass(param: PyNode): PyNode | undefined {
  let fn = param.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  let holder = fn?.parent;
  if (holder?.type === 'decorated_definition') holder = holder.parent;
  return holder?.type === 'block' && holder.parent?.type === 'class_definition' ? holder.parent : undefined;
}
