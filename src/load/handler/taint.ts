import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { isFunction, walk, type AstNode } from './ast.js';
import type { FunctionRef, ModuleInfo } from './modules.js';
import { functionOfValue, type ModuleSource } from './reach.js';
import { isSdkRequest } from './sdk-clients.js';

/**
 * Which variables hold data derived from the handler's `event`: its parameter, and anything
 * computed from it (destructured, parsed, looked up, passed to helpers), found by iterating
 * assignments to a fixed point over the functions the handler reaches. Flow-insensitive on
 * purpose: a variable that ever holds event data counts.
 */
export class EventTaint {
  private readonly tainted = new Set<Variable>();
  private readonly sdkRequests = new Map<AstNode, boolean>();

  constructor(
    entry: FunctionRef,
    private readonly functions: readonly FunctionRef[],
    private readonly modules: ModuleSource,
  ) {
    const [event] = entry.fn.params;
    if (event) this.taintPattern(entry.module, entry.fn, event);
    for (let pass = 0; pass < 6; pass++) if (!this.propagate()) break;
  }

  /**
   * Whether an expression mentions event-derived data. What an AWS request returns is the
   * service's data, not the caller's, even when the caller's data chose what to fetch
   * (`(await ddb.send(new QueryCommand(…))).Count`).
   */
  mentions(module: ModuleInfo, node: AstNode | null | undefined): boolean {
    if (!node) return false;
    let found = false;
    walk(node, (n) => {
      if (found) return false;
      if (n.type === 'CallExpression' && this.isSdkRequest(module, n)) return false;
      if (n.type === 'Identifier') {
        const v = module.resolved.get(n);
        if (v && this.tainted.has(v)) found = true;
      }
      return undefined;
    });
    return found;
  }

  private isSdkRequest(module: ModuleInfo, call: TSESTree.CallExpression): boolean {
    let known = this.sdkRequests.get(call);
    if (known === undefined) {
      known = isSdkRequest(module, call, this.modules);
      this.sdkRequests.set(call, known);
    }
    return known;
  }

  private taintPattern(module: ModuleInfo, owner: AstNode, pattern: AstNode): boolean {
    const ids = bindingIdentifiers(pattern);
    const names = new Set(ids.map((id) => id.name));
    let changed = false;
    const mark = (v: Variable | undefined) => {
      if (v && !this.tainted.has(v)) {
        this.tainted.add(v);
        changed = true;
      }
    };
    // Declarations bind new variables; assignment targets resolve through references.
    for (const v of module.scopeManager.getDeclaredVariables(owner)) if (names.has(v.name)) mark(v);
    for (const id of ids) mark(module.resolved.get(id));
    return changed;
  }

  private propagate(): boolean {
    let changed = false;
    for (const { module, fn } of this.functions) {
      walk(fn.body, (node) => {
        switch (node.type) {
          case 'VariableDeclarator':
            if (node.init && this.mentions(module, node.init)) changed = this.taintPattern(module, node, node.id) || changed;
            break;
          case 'AssignmentExpression':
            if (this.mentions(module, node.right)) changed = this.taintPattern(module, node, node.left) || changed;
            break;
          case 'ForOfStatement':
          case 'ForInStatement':
            if (this.mentions(module, node.right)) {
              const left = node.left.type === 'VariableDeclaration' ? node.left.declarations[0] : node.left;
              if (left) changed = this.taintPattern(module, node.left.type === 'VariableDeclaration' ? node.left : node, left.type === 'VariableDeclarator' ? left.id : left) || changed;
            }
            break;
          case 'CallExpression':
            changed = this.intoCallee(module, node) || changed;
            break;
        }
        return undefined;
      });
    }
    return changed;
  }

  /** Event data passed as an argument taints the callee's parameter (same module or local import). */
  private intoCallee(module: ModuleInfo, call: TSESTree.CallExpression): boolean {
    const args = call.arguments;
    if (!args.some((a) => this.mentions(module, a))) return false;
    const target = functionOfValue(module, call.callee, this.modules);
    if (!target || !isFunction(target.fn)) return false;
    let changed = false;
    target.fn.params.forEach((param, i) => {
      const arg = args[i];
      if (arg && this.mentions(module, arg)) changed = this.taintPattern(target.module, target.fn, param) || changed;
    });
    return changed;
  }
}

/** The identifiers a pattern binds or assigns (`{a, b: [c], ...d} = …` → a, c, d; `obj.x = …` → obj). */
function bindingIdentifiers(pattern: AstNode): TSESTree.Identifier[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => bindingIdentifiers(p.type === 'Property' ? p.value : p));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? bindingIdentifiers(e) : []));
    case 'RestElement':
      return bindingIdentifiers(pattern.argument);
    case 'AssignmentPattern':
      return bindingIdentifiers(pattern.left);
    case 'MemberExpression': {
      let object: AstNode = pattern.object;
      while (object.type === 'MemberExpression') object = object.object;
      return object.type === 'Identifier' ? [object] : [];
    }
    default:
      return [];
  }
}
