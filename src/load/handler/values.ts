import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { isFunction, unwrap, walk, type AstNode, type FunctionNode } from './ast.js';
import { atTopLevel, definitionOf, type ImportTarget, type ModuleInfo } from './modules.js';

/** Gives the analysis parsed modules (each file parsed once per run). */
export interface ModuleSource {
  get(file: string): ModuleInfo | undefined;
  /** Where the functions and classes of one handler's modules are called: parameters get their arguments from here. */
  readonly sites?: CallSites;
}

/** An expression and the module it is written in. */
export interface Located {
  readonly module: ModuleInfo;
  readonly node: AstNode;
}

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

const MAX_HOPS = 8;

export function isClass(node: AstNode | undefined): node is ClassNode {
  return node?.type === 'ClassDeclaration' || node?.type === 'ClassExpression';
}

/**
 * The expression a value is defined by, following constants, imports of local modules, and
 * properties of object literals: `import db from './db'` then `db.put` leads to the `put:` arrow
 * in db's `export default {…}`. Stops at anything computed (a call, a parameter, `this`).
 */
export function definingExpression(module: ModuleInfo, node: AstNode | null | undefined, modules: ModuleSource, hops = 0): Located | undefined {
  if (!node || hops > MAX_HOPS) return undefined;
  const n = unwrap(node);
  if (n.type === 'Identifier') {
    const variable = module.resolved.get(n) ?? module.moduleScope.set.get(n.name);
    const imported = module.imports.get(n.name);
    if (imported && (!variable || atTopLevel(variable, module))) {
      return (imported.file ? exportedValue(imported, modules, hops + 1) : undefined) ?? { module, node: n };
    }
    if (!variable) return { module, node: n };
    const def = variable.defs[0];
    if (def?.type === 'ClassName') return { module, node: def.node as AstNode };
    const init = definitionOf(variable);
    if (init && init !== n && !(variable.defs[0]?.type === 'Variable' && isWrittenAgain(variable))) return definingExpression(module, init, modules, hops + 1);
    return { module, node: n };
  }
  if (n.type === 'AwaitExpression') return definingExpression(module, n.argument, modules, hops + 1);
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const name = n.property.name;
    const object = unwrap(n.object);
    if (object.type === 'Identifier') {
      const imported = module.imports.get(object.name);
      if (imported?.file && imported.name === '*') {
        const value = exportedValue({ ...imported, name }, modules, hops + 1);
        if (value) return value;
      }
    }
    const owner = definingExpression(module, object, modules, hops + 1);
    if (owner?.node.type === 'ObjectExpression') {
      const value = propertyValue(owner.node, name);
      if (value) return definingExpression(owner.module, value, modules, hops + 1);
    }
    return { module, node: n };
  }
  return { module, node: n };
}

/** A `let`/`var` assigned after its declaration holds more than its initialiser. */
function isWrittenAgain(variable: Variable): boolean {
  return variable.references.some((r) => r.isWrite() && !r.init);
}

export function propertyValue(object: TSESTree.ObjectExpression, name: string): AstNode | undefined {
  for (const p of object.properties) {
    if (p.type !== 'Property' || p.computed) continue;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? String(p.key.value) : undefined;
    if (key === name) return p.value as AstNode;
  }
  return undefined;
}

/** The value a module exports under a name, following re-exports. */
export function exportedValue(target: ImportTarget, modules: ModuleSource, hops = 0): Located | undefined {
  if (!target.file || hops > MAX_HOPS) return undefined;
  const module = modules.get(target.file);
  if (!module) return undefined;
  const name = target.name === '*' ? 'default' : target.name;
  const local = module.exports.get(name);
  if (local) return definingExpression(module, local, modules, hops + 1);
  for (const [exported, t] of module.reexports) {
    if (exported === name) return exportedValue(t, modules, hops + 1);
    if (exported === '*' && t.file) {
      const found = exportedValue({ ...t, name }, modules, hops + 1);
      if (found) return found;
    }
  }
  return undefined;
}

export function enclosingClass(node: AstNode, parents: ReadonlyMap<AstNode, AstNode>): ClassNode | undefined {
  let cur = parents.get(node);
  while (cur) {
    if (isClass(cur)) return cur;
    cur = parents.get(cur);
  }
  return undefined;
}

/** A class's method (or function-valued field) by name, static or not, looking up `extends` of local classes. */
export function classMethod(module: ModuleInfo, cls: ClassNode, name: string, modules: ModuleSource, hops = 0): { module: ModuleInfo; fn: FunctionNode } | undefined {
  for (const m of cls.body.body) {
    if ((m.type !== 'MethodDefinition' && m.type !== 'PropertyDefinition') || m.computed || m.key.type !== 'Identifier' || m.key.name !== name) continue;
    if (m.type === 'MethodDefinition' && m.kind === 'method' && isFunction(m.value)) return { module, fn: m.value };
    if (m.type === 'PropertyDefinition' && m.value && isFunction(m.value)) return { module, fn: m.value };
  }
  if (cls.superClass && hops < 3) {
    const base = definingExpression(module, cls.superClass, modules);
    if (base && isClass(base.node)) return classMethod(base.module, base.node, name, modules, hops + 1);
  }
  return undefined;
}

export function constructorOf(cls: ClassNode): TSESTree.FunctionExpression | undefined {
  for (const m of cls.body.body) if (m.type === 'MethodDefinition' && m.kind === 'constructor' && m.value.type === 'FunctionExpression') return m.value;
  return undefined;
}

/**
 * What a class stores in a field: its initialiser, `this.name = …` in any method, or a
 * constructor parameter property (`constructor(private client: S3Client)`).
 */
export function fieldValues(cls: ClassNode, name: string): AstNode[] {
  const out: AstNode[] = [];
  for (const m of cls.body.body) {
    if (m.type === 'PropertyDefinition' && !m.computed && m.key.type === 'Identifier' && m.key.name === name && m.value) out.push(m.value);
    if (m.type === 'MethodDefinition' && m.kind === 'constructor') {
      for (const p of m.value.params) {
        if (p.type === 'TSParameterProperty') {
          const param = p.parameter.type === 'AssignmentPattern' ? p.parameter.left : p.parameter;
          if (param.type === 'Identifier' && param.name === name) out.push(param);
        }
      }
    }
  }
  walk(cls.body, (n) => {
    if (isClass(n) && n !== cls) return false;
    if (
      n.type === 'AssignmentExpression' &&
      n.left.type === 'MemberExpression' &&
      !n.left.computed &&
      n.left.object.type === 'ThisExpression' &&
      n.left.property.type === 'Identifier' &&
      n.left.property.name === name
    ) {
      out.push(n.right);
    }
    return undefined;
  });
  return out;
}

/** Which parameter of which function an identifier is: `(client) => client.send(…)`. */
export function parameterOf(variable: Variable | undefined): { fn: FunctionNode; index: number } | undefined {
  const def = variable?.defs[0];
  if (!def || def.type !== 'Parameter') return undefined;
  const fn = def.node as AstNode;
  if (!isFunction(fn)) return undefined;
  const index = fn.params.findIndex((p) => {
    const target = p.type === 'TSParameterProperty' ? p.parameter : p;
    const plain = target.type === 'AssignmentPattern' ? target.left : target;
    return plain.type === 'Identifier' && plain.name === variable!.name;
  });
  return index >= 0 ? { fn, index } : undefined;
}

/**
 * Every call and `new` in a set of modules, by the function or class it invokes: built once,
 * on demand, to find the arguments a parameter receives.
 */
export class CallSites {
  private index: Map<AstNode, Located[]> | undefined;

  constructor(
    private readonly modulesInScope: () => readonly ModuleInfo[],
    private readonly modules: ModuleSource,
  ) {}

  /** The calls of a function, or the `new` expressions of a class (for its constructor). */
  of(target: AstNode): readonly Located[] {
    if (!this.index) {
      this.index = new Map();
      for (const module of this.modulesInScope()) {
        walk(module.ast, (n) => {
          if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return undefined;
          const callee = definingExpression(module, n.callee, this.modules);
          if (callee && (isFunction(callee.node) || isClass(callee.node))) {
            const list = this.index!.get(callee.node) ?? [];
            list.push({ module, node: n });
            this.index!.set(callee.node, list);
          }
          return undefined;
        });
      }
    }
    return this.index.get(target) ?? [];
  }

  /** The arguments a function's parameter receives at its known call sites. */
  argumentsOf(module: ModuleInfo, param: Variable | undefined): Located[] {
    const p = parameterOf(param);
    if (!p) return [];
    const parent = module.parents.get(p.fn);
    const cls = parent?.type === 'MethodDefinition' && parent.kind === 'constructor' ? enclosingClass(parent, module.parents) : undefined;
    const sites = this.of(cls ?? p.fn);
    const out: Located[] = [];
    for (const site of sites) {
      const call = site.node as TSESTree.CallExpression | TSESTree.NewExpression;
      const arg = call.arguments[p.index];
      if (arg && arg.type !== 'SpreadElement') out.push({ module: site.module, node: arg });
    }
    return out;
  }
}

/** The variable an identifier refers to or declares (a parameter property's name is a declaration). */
export function variableOf(module: ModuleInfo, id: TSESTree.Identifier): Variable | undefined {
  const referenced = module.resolved.get(id);
  if (referenced) return referenced;
  let cur = module.parents.get(id);
  while (cur && !isFunction(cur)) cur = module.parents.get(cur);
  return cur ? module.scopeManager.getDeclaredVariables(cur).find((v) => v.name === id.name) : undefined;
}
