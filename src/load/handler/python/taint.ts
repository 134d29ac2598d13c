import { resolveName, targetIdentifiers, type PyModule, type PyVariable } from './module.js';
import { isMethod, ownCode, parameters, type PyFunctionRef, type PyRoot } from './reach.js';
import { callArguments, field, named, textOf, unparen, walk, type PyNode } from './tree.js';
import { valueOf, type PyContext } from './values.js';

/** A request to AWS (boto3) or another service over HTTP: what it returns is that service's answer. */
const SERVICE_CALL = /^(boto3|botocore|aioboto3|aiobotocore|requests|httpx|urllib3|aiohttp|urllib\.request)\./;

/**
 * Which variables hold data derived from the request: the handler's event parameter (and the
 * parameters of routes an app hands requests to), and anything computed from them, found by
 * iterating assignments to a fixed point over the functions the handler reaches.
 * Flow-insensitive on purpose: a variable that ever holds request data counts.
 */
export class PyTaint {
  private readonly tainted = new Set<PyVariable>();
  private readonly serviceCalls = new Map<PyNode, boolean>();

  constructor(
    private readonly ctx: PyContext,
    roots: readonly PyRoot[],
    private readonly functions: readonly PyFunctionRef[],
  ) {
    for (const r of roots) for (const p of r.requestParams) this.mark(resolveName(r.fn.module, p));
    for (let pass = 0; pass < 6; pass++) if (!this.propagate()) break;
  }

  /**
   * Whether an expression mentions request-derived data. What an AWS or HTTP call returns is
   * the service's data, not the caller's, even when the caller's data chose what to fetch
   * (`len(table.query(…)["Items"])`, `requests.get(url).json()`).
   */
  mentions(module: PyModule, node: PyNode | undefined): boolean {
    if (!node) return false;
    let found = false;
    walk(node, (n) => {
      if (found) return false;
      if (n.type === 'call' && this.isServiceCall(module, n)) return false;
      if (n.type === 'identifier' && n.field !== 'attribute' && n.field !== 'name') {
        const v = resolveName(module, n);
        if (v && this.tainted.has(v)) found = true;
      }
      // Framework accessors of the current request: `app.current_event`, `app.current_request`.
      if (n.type === 'attribute' && /^current_(event|request)$/.test(textOf(module.text, field(n, 'attribute') ?? n))) found = true;
      return undefined;
    });
    return found;
  }

  private isServiceCall(module: PyModule, call: PyNode): boolean {
    let known = this.serviceCalls.get(call);
    if (known === undefined) {
      const callee = valueOf(this.ctx, module, field(call, 'function'));
      known = callee?.kind === 'external' && SERVICE_CALL.test(callee.path);
      this.serviceCalls.set(call, known);
    }
    return known;
  }

  private mark(v: PyVariable | undefined): boolean {
    if (!v || this.tainted.has(v)) return false;
    this.tainted.add(v);
    return true;
  }

  /** Names a target taints: `a, b = …` → a, b; `local[k] = …` and `obj.x = …` → the container (never `self`). */
  private taintTarget(module: PyModule, target: PyNode): boolean {
    let changed = false;
    let t = unparen(target);
    while (t.type === 'subscript' || t.type === 'attribute') t = unparen(field(t, t.type === 'subscript' ? 'value' : 'object') ?? t);
    const ids = t.type === 'identifier' && t !== unparen(target) ? [t] : targetIdentifiers(target);
    for (const id of ids) {
      const name = textOf(module.text, id);
      if (name === 'self' || name === 'cls') continue;
      changed = this.mark(resolveName(module, id)) || changed;
    }
    return changed;
  }

  private propagate(): boolean {
    let changed = false;
    for (const { module, node } of this.functions) {
      ownCode(node, (n) => {
        switch (n.type) {
          case 'assignment':
          case 'augmented_assignment': {
            const left = field(n, 'left');
            let right = field(n, 'right');
            while (right?.type === 'assignment') right = field(right, 'right');
            if (left && this.mentions(module, right)) changed = this.taintTarget(module, left) || changed;
            break;
          }
          case 'named_expression':
            if (this.mentions(module, field(n, 'value'))) changed = this.taintTarget(module, field(n, 'name') ?? n) || changed;
            break;
          case 'for_statement':
          case 'for_in_clause':
            if (this.mentions(module, field(n, 'right'))) changed = this.taintTarget(module, field(n, 'left') ?? n) || changed;
            break;
          case 'as_pattern': {
            const alias = field(n, 'alias');
            if (alias && this.mentions(module, named(n).find((c) => c.field !== 'alias'))) changed = this.taintTarget(module, alias) || changed;
            break;
          }
          case 'call':
            changed = this.intoCallee(module, n) || changed;
            break;
        }
        return undefined;
      });
    }
    return changed;
  }

  /** Request data passed as an argument taints the callee's parameter (same module or a local import). */
  private intoCallee(module: PyModule, call: PyNode): boolean {
    const args = callArguments(module.text, call);
    const taintedArgs = [...args.positional, ...args.keywords.values()].some((a) => this.mentions(module, a));
    if (!taintedArgs) return false;
    const callee = field(call, 'function');
    const value = valueOf(this.ctx, module, callee);
    const fn = value?.kind === 'function' ? value : value?.kind === 'class' ? undefined : undefined;
    if (!fn || fn.node.type !== 'function_definition') return false;
    const params = parameters(fn.module, fn.node);
    // A method called through its class (`Cls.method(obj, x)`) gets `self` as the first argument.
    const offset = isMethod(fn.node) && unparen(callee ?? call).type === 'attribute' && valueOf(this.ctx, module, field(unparen(callee ?? call), 'object'))?.kind === 'class' ? 1 : 0;
    let changed = false;
    args.positional.forEach((a, i) => {
      const p = params[i - offset];
      if (p && this.mentions(module, a)) changed = this.mark(resolveName(fn.module, p)) || changed;
    });
    for (const [name, a] of args.keywords) {
      const p = params.find((q) => textOf(fn.module.text, q) === name);
      if (p && this.mentions(module, a)) changed = this.mark(resolveName(fn.module, p)) || changed;
    }
    return changed;
  }
}
