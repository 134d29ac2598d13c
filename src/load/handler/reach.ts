import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrap, walk, type AstNode, type FunctionNode } from './ast.js';
import { definitionOf, type FunctionRef, type ImportTarget, type ModuleInfo } from './modules.js';

/** Gives the analysis parsed modules (each file parsed once per run). */
export interface ModuleSource {
  get(file: string): ModuleInfo | undefined;
}

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
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.object.type === 'Identifier') {
    const imported = module.imports.get(n.object.name);
    if (imported?.name === '*') return exportedFunction({ ...imported, name: n.property.name }, modules, hops + 1);
  }
  return undefined;
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
      const target = functionOfValue(module, call.callee, modules);
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
