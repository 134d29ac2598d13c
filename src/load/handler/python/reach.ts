import { moduleOf, resolveName, type PyModule, type PyVariable } from './module.js';
import { callArguments, field, named, textOf, unparen, walk, type PyNode } from './tree.js';
import { calledFunction, valueOf, variableValue, type PyContext, type PyValue } from './values.js';

export interface PyFunctionRef {
  readonly module: PyModule;
  /** A `function_definition` or `lambda`. */
  readonly node: PyNode;
}

/** A function the platform (or a framework the handler hands the event to) calls with request data. */
export interface PyRoot {
  readonly fn: PyFunctionRef;
  /** Its parameters that hold the event or data taken from the request. */
  readonly requestParams: readonly PyNode[];
}

const MAX_FUNCTIONS = 400;
/** Where an expression holds a value (rather than calls it or names an attribute of it). */
const STORED_IN = new Set(['pair', 'list', 'tuple', 'set', 'expression_list', 'assignment', 'return_statement', 'conditional_expression', 'boolean_operator']);

/** The code of a function itself: its body without the functions and classes defined in it (they run when called). */
export function ownCode(fn: PyNode, visit: (node: PyNode) => boolean | void): void {
  const body = field(fn, 'body');
  if (body) walk(body, (n) => (n !== body && (n.type === 'function_definition' || n.type === 'class_definition') ? false : visit(n)));
}

/** The code that runs when a module loads: all but the bodies of functions, lambdas and classes. */
export function loadTimeCode(module: PyModule, visit: (node: PyNode) => boolean | void): void {
  walk(module.root, (n) => (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda' ? false : visit(n)));
}

/** Parameter identifier nodes of a function, `self`/`cls` of methods left out (worked out once per function). */
export function parameters(module: PyModule, fn: PyNode): readonly PyNode[] {
  const lists = (module.parameterLists ??= new Map());
  let list = lists.get(fn);
  if (!list) {
    list = parametersUncached(module, fn);
    lists.set(fn, list);
  }
  return list;
}

function parametersUncached(module: PyModule, fn: PyNode): readonly PyNode[] {
  const scope = module.scopes.get(fn);
  if (!scope) return [];
  const params = [...scope.vars.values()]
    .flatMap((v) => v.bindings)
    .filter((b): b is Extract<typeof b, { kind: 'param' }> => b.kind === 'param')
    .sort((a, b) => a.node.start - b.node.start);
  const inClass = isMethod(fn) && !hasDecorator(module, fn, 'staticmethod');
  return params.slice(inClass ? 1 : 0).map((b) => b.node);
}

export function isMethod(fn: PyNode): boolean {
  let holder = fn.parent;
  if (holder?.type === 'decorated_definition') holder = holder.parent;
  return holder?.type === 'block' && holder.parent?.type === 'class_definition';
}

export function decorators(fn: PyNode): PyNode[] {
  const holder = fn.parent;
  return holder?.type === 'decorated_definition' ? holder.children.filter((c) => c.type === 'decorator').map((d) => named(d)[0]).filter((d): d is PyNode => d !== undefined) : [];
}

function hasDecorator(module: PyModule, fn: PyNode, name: string): boolean {
  return decorators(fn).some((d) => textOf(module.text, d) === name);
}

/** The function a module exports under the handler's name: a `def`, a wrapped function (`handler = wrap(fn)`), or a callable instance. */
export function findEntry(ctx: PyContext, module: PyModule, name: string): { roots: PyRoot[]; dispatchers: PyVariable[] } | undefined {
  const variable = module.moduleScope.vars.get(name);
  if (!variable) return undefined;
  for (const b of variable.bindings) {
    const value = b.kind === 'assign' && b.value ? entryValue(ctx, module, b.value) : variableValue(ctx, module, variable, 0);
    const fn = calledFunction(ctx, value);
    if (fn) return { roots: [{ fn, requestParams: parameters(fn.module, fn.node).slice(0, 1) }], dispatchers: [] };
    // `handler = Mangum(app)`: a library adapter that hands the event to an app object's routes.
    if (b.kind === 'assign' && b.value && unparen(b.value).type === 'call') {
      const apps = callArguments(module.text, unparen(b.value)).positional.flatMap((a) => appVariable(ctx, module, a) ?? []);
      if (apps.length > 0) return { roots: [], dispatchers: apps };
    }
  }
  return undefined;
}

/** `wrap(fn)`, `decorate(opts)(fn)`: the function among a wrapper call's arguments. */
function entryValue(ctx: PyContext, module: PyModule, node: PyNode, depth = 0): PyValue | undefined {
  const n = unparen(node);
  if (n.type === 'call' && depth < 4) {
    const args = callArguments(module.text, n);
    for (const a of [...args.positional, ...args.keywords.values()]) {
      const v = valueOf(ctx, module, a);
      if (v?.kind === 'function') return v;
      if (unparen(a).type === 'call') {
        const inner = entryValue(ctx, module, a, depth + 1);
        if (inner?.kind === 'function') return inner;
      }
    }
  }
  return valueOf(ctx, module, n);
}

/** A module-level object (not a function, class or module) an expression names: an app, router or resolver. */
function appVariable(ctx: PyContext, module: PyModule, node: PyNode): PyVariable | undefined {
  const n = unparen(node);
  if (n.type !== 'identifier') return undefined;
  const variable = originVariable(ctx, module, n);
  if (!variable || variable.scope.node.type !== 'module') return undefined;
  const owner = moduleOf(variable);
  const value = owner ? variableValue(ctx, owner, variable, 0) : undefined;
  return value?.kind === 'function' || value?.kind === 'class' || value?.kind === 'module' ? undefined : variable;
}

/** The module-level variable an identifier finally names, following `from x import y` into local modules. */
export function originVariable(ctx: PyContext, module: PyModule, id: PyNode): PyVariable | undefined {
  const variable = resolveName(module, id);
  return variable ? followImports(ctx, module, variable, 0) : undefined;
}

function followImports(ctx: PyContext, module: PyModule, variable: PyVariable, depth: number): PyVariable {
  const only = variable.bindings.length === 1 ? variable.bindings[0] : undefined;
  if (only?.kind !== 'import' || only.name === undefined || depth > 4) return variable;
  const target = ctx.imports.resolve(only.module, only.level, module.file, ctx.roots);
  const m = target?.file ? ctx.modules.get(target.file) : undefined;
  const next = m?.moduleScope.vars.get(only.name);
  return m && next ? followImports(ctx, m, next, depth + 1) : variable;
}

/**
 * Functions a handler runs: its roots, what they call in their own module and in local modules,
 * callbacks they hand on (`Thread(target=work)`, `executor.submit(send, …)`), and the routes of
 * app objects they hand the event to (`app.resolve(event, context)`, `Mangum(app)`).
 */
export function reachableFunctions(ctx: PyContext, roots: PyRoot[], dispatchers: PyVariable[], candidates: readonly PyModule[]): { functions: PyFunctionRef[]; roots: PyRoot[] } {
  const seen = new Set<PyNode>();
  const out: PyFunctionRef[] = [];
  const allRoots = [...roots];
  const add = (ref: PyFunctionRef | undefined) => {
    if (!ref || seen.has(ref.node) || ref.node.type !== 'function_definition' || out.length >= MAX_FUNCTIONS) return;
    seen.add(ref.node);
    out.push(ref);
  };
  const dispatched = new Set<PyVariable>();
  const dispatch = (app: PyVariable) => {
    if (dispatched.has(app)) return;
    dispatched.add(app);
    for (const route of routesOf(ctx, app, candidates)) {
      if (seen.has(route.node)) continue;
      allRoots.push({ fn: route, requestParams: parameters(route.module, route.node) });
      add(route);
    }
  };
  for (const r of roots) add(r.fn);
  for (const app of dispatchers) dispatch(app);
  const eventVars = new Set(roots.flatMap((r) => r.requestParams.slice(0, 1).map((p) => resolveName(r.fn.module, p))).filter((v) => v !== undefined));
  for (let i = 0; i < out.length; i++) {
    const { module, node } = out[i]!;
    const visit = (n: PyNode) => {
      // A function stored rather than called (`{'Create': create}.get(kind)(…)`, `op = delete if … else update`)
      // may be called from there: it counts as run.
      if ((n.type === 'identifier' || n.type === 'attribute') && n.parent && STORED_IN.has(n.parent.type) && n.field !== 'key' && n.field !== 'left') {
        const v = valueOf(ctx, module, n);
        if (v?.kind === 'function') add({ module: v.module, node: v.node });
        return;
      }
      if (n.type !== 'call') return;
      add(calledFunction(ctx, valueOf(ctx, module, field(n, 'function'))));
      const args = callArguments(module.text, n);
      for (const a of [...args.positional, ...args.keywords.values()]) {
        const u = unparen(a);
        if (u.type !== 'identifier' && u.type !== 'attribute') continue;
        const v = valueOf(ctx, module, u);
        if (v?.kind === 'function') add({ module: v.module, node: v.node });
      }
      // `app.resolve(event, context)`: the event goes to an app object's routes.
      if (args.positional.some((a) => unparen(a).type === 'identifier' && eventVars.has(resolveName(module, unparen(a))!))) {
        let callee = unparen(field(n, 'function') ?? n);
        while (callee.type === 'attribute') callee = unparen(field(callee, 'object') ?? callee);
        const app = callee.type === 'identifier' ? appVariable(ctx, module, callee) : undefined;
        if (app) dispatch(app);
      }
    };
    ownCode(node, visit);
    // Lambdas inside run with the function: their calls count too (ownCode already walks into them).
  }
  return { functions: out, roots: allRoots };
}

/** Functions registered on an app object by decorators (`@app.get("/x")`, `@router.post`, `@app.route`), in the modules given. */
function routesOf(ctx: PyContext, app: PyVariable, candidates: readonly PyModule[]): PyFunctionRef[] {
  const out: PyFunctionRef[] = [];
  const apps = new Set([app]);
  // Routers included into the app: `app.include_router(router)`, `app.register_blueprint(bp)`.
  for (const module of candidates) {
    walk(module.root, (n) => {
      if (n.type === 'function_definition' || n.type === 'class_definition') return false;
      if (n.type !== 'call') return undefined;
      const callee = unparen(field(n, 'function') ?? n);
      const object = callee.type === 'attribute' ? unparen(field(callee, 'object') ?? callee) : undefined;
      if (object?.type !== 'identifier' || !apps.has(originVariable(ctx, module, object)!)) return undefined;
      for (const a of callArguments(module.text, n).positional) {
        const u = unparen(a);
        const target = u.type === 'identifier' ? originVariable(ctx, module, u) : u.type === 'attribute' ? attributeOrigin(ctx, module, u) : undefined;
        if (target) apps.add(target);
      }
      return undefined;
    });
  }
  for (const module of candidates) {
    walk(module.root, (n) => {
      if (n.type !== 'decorated_definition') return undefined;
      const def = field(n, 'definition');
      if (def?.type !== 'function_definition') return undefined;
      for (const d of decorators(def)) {
        let root = unparen(d);
        while (root.type === 'call' || root.type === 'attribute') root = unparen(field(root, root.type === 'call' ? 'function' : 'object') ?? root);
        if (root.type === 'identifier' && root !== unparen(d) && apps.has(originVariable(ctx, module, root)!)) {
          out.push({ module, node: def });
          break;
        }
      }
      return undefined;
    });
  }
  return out;
}

/** `orders.router` where `orders` is a local module: the variable `router` in it. */
function attributeOrigin(ctx: PyContext, module: PyModule, attribute: PyNode): PyVariable | undefined {
  const object = valueOf(ctx, module, field(attribute, 'object'));
  const name = field(attribute, 'attribute');
  if (object?.kind !== 'module' || !object.target.file || !name) return undefined;
  return ctx.modules.get(object.target.file)?.moduleScope.vars.get(textOf(module.text, name));
}
