import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrap, walk, type AstNode, type FunctionNode } from './ast.js';
import { definitionOf, type FunctionRef, type ImportTarget, type ModuleInfo } from './modules.js';
import { classMethod, constructorOf, definingExpression, enclosingClass, fieldValues, isClass, variableOf, type ClassNode, type ModuleSource } from './values.js';

export type { ModuleSource } from './values.js';

const MAX_MODULE_HOPS = 3;
const MAX_FUNCTIONS = 400;

/**
 * Resolves a value to the function it denotes: a function expression, an identifier bound to
 * one, an import of a local module's export, or a wrapper call (`middy(handler).use(…)`,
 * `withTracing(async (e) => …)`) around one.
 */
export function functionOfValue(module: ModuleInfo, node: AstNode | undefined, modules: ModuleSource, hops = 0): FunctionRef | undefined {
  if (!node || hops > MAX_MODULE_HOPS + 4) return undefined;
  const n = unwrap(node);
  if (isFunction(n)) return { module, fn: n };
  if (n.type === 'Identifier') {
    const variable = module.resolved.get(n) ?? module.moduleScope.set.get(n.name);
    const imported = module.imports.get(n.name);
    if (imported) return exportedFunction(imported, modules, hops + 1);
    if (!variable) return undefined;
    const def = definitionOf(variable);
    return def && def !== node ? functionOfValue(module, def, modules, hops + 1) : undefined;
  }
  if (n.type === 'CallExpression') {
    // Wrappers: the wrapped function is an argument of the call, or of a call in its callee chain.
    for (const arg of n.arguments) {
      const found = functionOfValue(module, arg, modules, hops + 1);
      if (found) return found;
    }
    const callee = unwrap(n.callee);
    if (callee.type === 'MemberExpression') return functionOfValue(module, callee.object, modules, hops + 1);
    return undefined;
  }
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    if (n.object.type === 'Identifier') {
      const imported = module.imports.get(n.object.name);
      if (imported?.name === '*' && imported.file) {
        const found = exportedFunction({ ...imported, name: n.property.name }, modules, hops + 1);
        if (found) return found;
      }
    }
    const defined = definingExpression(module, n, modules);
    if (defined && isFunction(defined.node)) return { module: defined.module, fn: defined.node };
    return methodOf(module, n.object, n.property.name, modules);
  }
  return undefined;
}

/** `obj.name` where `obj` is `this`, a class, an instance (`new C()`), or a field holding one. */
export function methodOf(module: ModuleInfo, object: AstNode, name: string, modules: ModuleSource): FunctionRef | undefined {
  for (const c of classesOf(module, object, modules)) {
    const m = classMethod(c.module, c.cls, name, modules);
    if (m) return m;
  }
  return undefined;
}

/** The local classes an expression is an instance of (or is, for static calls), as far as the code tells. */
export function classesOf(module: ModuleInfo, node: AstNode, modules: ModuleSource, depth = 0): { module: ModuleInfo; cls: ClassNode }[] {
  if (depth > 4) return [];
  const n = unwrap(node);
  if (n.type === 'ThisExpression') {
    const cls = enclosingClass(n, module.parents);
    return cls ? [{ module, cls }] : [];
  }
  // `this.repository`: what the class stores in that field.
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && unwrap(n.object).type === 'ThisExpression') {
    const cls = enclosingClass(n, module.parents);
    if (!cls) return [];
    return fieldValues(cls, n.property.name).flatMap((v) => instancesOf(module, v, modules, depth + 1));
  }
  const defined = definingExpression(module, n, modules);
  if (!defined) return [];
  if (isClass(defined.node)) return [{ module: defined.module, cls: defined.node }];
  return instancesOf(defined.module, defined.node, modules, depth + 1);
}

function instancesOf(module: ModuleInfo, value: AstNode, modules: ModuleSource, depth: number): { module: ModuleInfo; cls: ClassNode }[] {
  const defined = definingExpression(module, value, modules);
  if (!defined) return [];
  const v = unwrap(defined.node);
  if (v.type === 'NewExpression') {
    const cls = definingExpression(defined.module, v.callee, modules);
    return cls && isClass(cls.node) ? [{ module: cls.module, cls: cls.node }] : [];
  }
  if (v.type === 'Identifier' && modules.sites) {
    // A parameter: what its callers pass (`new Handler(new Repository(client))`).
    return modules.sites.argumentsOf(defined.module, variableOf(defined.module, v)).flatMap((a) => (a.node === v ? [] : instancesOf(a.module, a.node, modules, depth + 1)));
  }
  if (v.type === 'MemberExpression' && unwrap(v.object).type === 'ThisExpression') return classesOf(defined.module, v, modules, depth + 1);
  return [];
}

/** The function a module exports under a name, following re-exports one hop at a time. */
export function exportedFunction(target: ImportTarget, modules: ModuleSource, hops = 0): FunctionRef | undefined {
  if (!target.file || hops > MAX_MODULE_HOPS + 4) return undefined;
  const module = modules.get(target.file);
  if (!module) return undefined;
  return findExport(module, target.name === '*' ? 'default' : target.name, modules, hops);
}

export function findExport(module: ModuleInfo, name: string, modules: ModuleSource, hops = 0): FunctionRef | undefined {
  const local = module.exports.get(name);
  if (local) return functionOfValue(module, local, modules, hops);
  for (const [exported, target] of module.reexports) {
    if (exported === name) return exportedFunction(target, modules, hops + 1);
    if (exported === '*' && target.file) {
      const found = exportedFunction({ ...target, name }, modules, hops + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Functions a handler runs: itself, and what it calls in its own module and in local modules (bounded). */
export function reachableFunctions(entry: FunctionRef, modules: ModuleSource): FunctionRef[] {
  const seen = new Set<FunctionNode>([entry.fn]);
  const out: FunctionRef[] = [entry];
  for (let i = 0; i < out.length && out.length < MAX_FUNCTIONS; i++) {
    const { module, fn } = out[i]!;
    walk(fn.body, (node) => {
      if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
      const call = node as TSESTree.CallExpression;
      const target = functionOfValue(module, call.callee, modules) ?? (node.type === 'NewExpression' ? constructorRef(module, node.callee, modules) : undefined);
      if (target && !seen.has(target.fn)) {
        seen.add(target.fn);
        out.push(target);
      }
      // Callbacks handed to other calls (`items.forEach(save)`) run too.
      for (const arg of call.arguments) {
        if (arg.type !== 'Identifier') continue;
        const cb = functionOfValue(module, arg, modules);
        if (cb && !seen.has(cb.fn)) {
          seen.add(cb.fn);
          out.push(cb);
        }
      }
    });
  }
  return out;
}

/** The constructor `new C(…)` runs, for a local class. */
function constructorRef(module: ModuleInfo, callee: AstNode, modules: ModuleSource): FunctionRef | undefined {
  const cls = definingExpression(module, callee, modules);
  if (!cls || !isClass(cls.node)) return undefined;
  const ctor = constructorOf(cls.node);
  return ctor ? { module: cls.module, fn: ctor } : undefined;
}
