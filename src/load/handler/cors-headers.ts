import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { CredentialedCors } from '../../model.js';
import { enclosingFunction, enclosingStatement, isFunction, locationOf, staticString, unwrap, walk, type AstNode, type FunctionNode } from './ast.js';
import { definitionOf, type ModuleInfo } from './modules.js';
import type { ModuleSource } from './reach.js';
import { parameterOf } from './values.js';
import { ALLOW_CREDENTIALS, ALLOW_ORIGIN, MAX_HOPS, worst, type CorsOrigin } from './cors-origin.js';

/**
 * CORS a handler answers itself that lets any website make credentialed calls: the request's own
 * `Origin` echoed back, or `*`, together with `Access-Control-Allow-Credentials: true`. Found in
 * header objects (a returned response's `headers`), header assignments and setters
 * (`res.setHeader`), and the options of the `cors` and `@middy/http-cors` middlewares. An origin
 * echoed only after a test on it (an allow-list) is not reported.
 */

const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append']);
type Kind = CorsOrigin;

function keyOf(property: TSESTree.Property): string | undefined {
  if (property.computed) return staticString(property.key)?.toLowerCase();
  return property.key.type === 'Identifier' ? property.key.name.toLowerCase() : staticString(property.key)?.toLowerCase();
}

function isTrue(module: ModuleInfo, node: AstNode | undefined): boolean {
  const n = follow(module, node);
  if (!n) return false;
  return (n.type === 'Literal' && n.value === true) || staticString(n)?.trim().toLowerCase() === 'true';
}

/** An identifier's value when it is a constant (`const CREDENTIALS = 'true'`). */
function follow(module: ModuleInfo, node: AstNode | undefined): AstNode | undefined {
  let n = node ? unwrap(node) : undefined;
  for (let hops = 0; n?.type === 'Identifier' && hops < MAX_HOPS; hops++) {
    const variable = module.resolved.get(n);
    const init = variable && !writtenAgain(variable) ? definitionOf(variable) : undefined;
    n = init ? unwrap(init) : undefined;
  }
  return n;
}

function writtenAgain(variable: Variable): boolean {
  return variable.references.some((r) => r.isWrite() && !r.init);
}

function propertyName(node: TSESTree.MemberExpression): string | undefined {
  return node.computed ? staticString(node.property) : node.property.type === 'Identifier' ? node.property.name : undefined;
}

/** A read of the request's `Origin` header: `event.headers.origin`, `req.headers['Origin']`, `req.get('origin')`, `headers.get('Origin')`. */
function isOriginRead(node: AstNode): boolean {
  const n = unwrap(node);
  if (n.type === 'MemberExpression') return propertyName(n)?.toLowerCase() === 'origin' && mentionsHeaders(n.object);
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    return (
      callee.type === 'MemberExpression' &&
      ['get', 'header', 'getHeader'].includes(propertyName(callee) ?? '') &&
      staticString(n.arguments[0] as AstNode | undefined)?.toLowerCase() === 'origin'
    );
  }
  return false;
}

function mentionsHeaders(node: AstNode): boolean {
  let found = false;
  walk(node, (n) => {
    if ((n.type === 'Identifier' && /^(multiValue)?headers$/i.test(n.name)) || (n.type === 'Literal' && typeof n.value === 'string' && /^headers$/i.test(n.value))) found = true;
    return found ? false : undefined;
  });
  return found;
}

/** A test that checks the origin against something (a call, a comparison), not merely that it is set. */
function validates(module: ModuleInfo, test: AstNode, through: ReadonlySet<Variable>): boolean {
  let checks = false;
  let mentions = false;
  walk(test, (n) => {
    if (n.type === 'CallExpression' || (n.type === 'BinaryExpression' && ['===', '!==', '==', '!=', 'in'].includes(n.operator))) checks = true;
    if (isOriginRead(n)) mentions = true;
    if (n.type === 'Identifier') {
      const v = module.resolved.get(n);
      if (v && through.has(v)) mentions = true;
    }
    return undefined;
  });
  return checks && mentions;
}

/** Whether `site` runs only when an enclosing test (in its own function) has validated the origin. */
function guarded(module: ModuleInfo, site: AstNode, through: ReadonlySet<Variable>): boolean {
  let child = site;
  for (let cur = module.parents.get(site); cur && !isFunction(cur); child = cur, cur = module.parents.get(cur)) {
    if ((cur.type === 'IfStatement' || cur.type === 'ConditionalExpression') && cur.test !== child && validates(module, cur.test, through)) return true;
    if (cur.type === 'LogicalExpression' && cur.operator === '&&' && cur.right === child && validates(module, cur.left, through)) return true;
  }
  // `if (!allowed.includes(origin)) return …;` earlier in the same block.
  const statement = enclosingStatement(site, module.parents);
  const block = module.parents.get(statement);
  if (block?.type === 'BlockStatement' || block?.type === 'Program') {
    for (const s of block.body) {
      if (s === statement) break;
      const exits = (b: AstNode): boolean => b.type === 'ReturnStatement' || b.type === 'ThrowStatement' || (b.type === 'BlockStatement' && b.body.some(exits));
      if (s.type === 'IfStatement' && exits(s.consequent) && validates(module, s.test, through)) return true;
    }
  }
  return false;
}

/**
 * What an `Access-Control-Allow-Origin` value resolves to: `*`, the request's origin (directly, through
 * constants, `??`/`||` fallbacks, a template of it, a helper's parameter given it), or neither.
 */
function originOf(module: ModuleInfo, node: AstNode | undefined, modules: ModuleSource, through: Set<Variable>, hops = 0): Kind | undefined {
  if (!node || hops > MAX_HOPS) return undefined;
  const n = unwrap(node);
  if (staticString(n)?.trim() === '*') return 'any';
  if (isOriginRead(n)) return 'reflected';
  const next = (x: AstNode | undefined, m = module) => originOf(m, x, modules, through, hops + 1);
  switch (n.type) {
    case 'LogicalExpression':
      return worst(next(n.left), next(n.right));
    case 'ConditionalExpression':
      // `allowed.includes(origin) ? origin : allowed[0]` is an allow-list; `origin ? origin : '*'` is not.
      return validates(module, n.test, new Set([...through, ...variablesIn(module, n.consequent), ...variablesIn(module, n.alternate)])) ? undefined : worst(next(n.consequent), next(n.alternate));
    case 'TemplateLiteral':
      return n.expressions.length === 1 && n.quasis.every((q) => q.value.cooked === '') ? next(n.expressions[0]) : undefined;
    case 'AwaitExpression':
      return next(n.argument);
    case 'Identifier': {
      const variable = module.resolved.get(n);
      if (!variable) return undefined;
      through.add(variable);
      const param = parameterOf(variable);
      if (param) {
        const kinds = (modules.sites?.argumentsOf(module, variable) ?? []).map((a) => (guarded(a.module, a.node, through) ? undefined : next(a.node, a.module)));
        return kinds.reduce<Kind | undefined>((a, b) => worst(a, b), undefined);
      }
      const writes = [definitionOf(variable), ...variable.references.filter((r) => r.isWrite() && !r.init).map((r) => r.writeExpr as AstNode | null)];
      let kind: Kind | undefined;
      for (const w of writes) if (w && !guarded(module, w, through)) kind = worst(kind, next(w));
      return kind;
    }
    default:
      return undefined;
  }
}

function variablesIn(module: ModuleInfo, node: AstNode): Variable[] {
  const out: Variable[] = [];
  walk(node, (n) => {
    const v = n.type === 'Identifier' ? module.resolved.get(n) : undefined;
    if (v) out.push(v);
    return undefined;
  });
  return out;
}

/** The `origin` a middleware answers with when `credentials` is on. */
function middlewareOrigin(module: ModuleInfo, options: TSESTree.ObjectExpression, middy: boolean): { kind: Kind; at: AstNode } | undefined {
  const props = new Map(options.properties.flatMap((p) => (p.type === 'Property' && keyOf(p) ? [[keyOf(p)!, p] as const] : [])));
  const credentials = props.get('credentials');
  if (!credentials || !isTrue(module, credentials.value)) return undefined;
  const custom = props.get(middy ? 'getorigin' : 'origin');
  if (custom && isFunction(unwrap(custom.value))) return echoes(unwrap(custom.value) as FunctionNode, middy) ? { kind: 'reflected', at: custom } : undefined;
  if (middy) {
    // @middy/http-cors answers with the request's Origin when credentials are on and `origin` is `*`, its default;
    // `origins` entries are patterns where `*` matches any origin.
    const origins = props.get('origins');
    const list = origins && follow(module, origins.value);
    if (list?.type === 'ArrayExpression' && list.elements.length > 0) {
      return list.elements.some((e) => e && staticString(e as AstNode)?.trim() === '*') ? { kind: 'reflected', at: origins! } : undefined;
    }
    const origin = props.get('origin');
    if (!origin) return { kind: 'reflected', at: credentials };
    return staticString(follow(module, origin.value))?.trim() === '*' ? { kind: 'reflected', at: origin } : undefined;
  }
  // The `cors` package: `*` by default, `origin: true` echoes the request's origin.
  const origin = props.get('origin');
  if (!origin) return { kind: 'any', at: credentials };
  const value = follow(module, origin.value);
  if (value?.type === 'Literal' && value.value === true) return { kind: 'reflected', at: origin };
  if (staticString(value)?.trim() === '*') return { kind: 'any', at: origin };
  return undefined;
}

/**
 * An origin function that lets every origin through: `cors`'s `(origin, cb) => cb(null, true)` or
 * `cb(null, origin)`, middy's `getOrigin: (incoming) => incoming`; not when the call or return sits under a test.
 */
function echoes(fn: FunctionNode, middy: boolean): boolean {
  const [first, second] = fn.params;
  const firstName = first?.type === 'Identifier' ? first.name : undefined;
  const isIncoming = (n: AstNode | null | undefined) => !!n && unwrap(n).type === 'Identifier' && (unwrap(n) as TSESTree.Identifier).name === firstName;
  if (middy) {
    if (fn.body.type !== 'BlockStatement') return isIncoming(fn.body);
    let found = false;
    walk(fn.body, (n) => {
      if (n !== fn.body && isFunction(n)) return false;
      if (n.type === 'ReturnStatement' && isIncoming(n.argument) && !underTest(n, fn)) found = true;
      return undefined;
    });
    return found;
  }
  const cbName = second?.type === 'Identifier' ? second.name : undefined;
  let found = false;
  walk(fn.body, (c) => {
    if (c.type === 'CallExpression' && c.callee.type === 'Identifier' && c.callee.name === cbName) {
      const [err, allowed] = c.arguments;
      const lets = allowed !== undefined && ((allowed.type === 'Literal' && allowed.value === true) || isIncoming(allowed));
      if (err?.type === 'Literal' && err.value === null && lets && !underTest(c, fn)) found = true;
    }
    return undefined;
  });
  return found;
}

/** Whether a node sits under an `if`, `?:`, `&&`/`||` or `switch` inside the function: what it does is decided by a test. */
function underTest(node: AstNode, fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, (n) => {
    if (found) return false;
    if (n.type === 'IfStatement' || n.type === 'ConditionalExpression' || n.type === 'LogicalExpression' || n.type === 'SwitchStatement') {
      walk(n, (c) => {
        if (c === node) found = true;
        return found ? false : undefined;
      });
      return false;
    }
    return undefined;
  });
  return found;
}

/** The header-named properties of an object literal, by lower-case name, with those of constant objects it spreads. */
function headerProperties(module: ModuleInfo, object: TSESTree.ObjectExpression, depth = 0): Map<string, TSESTree.Property> {
  const out = new Map<string, TSESTree.Property>();
  for (const p of object.properties) {
    if (p.type === 'Property') {
      const key = keyOf(p);
      if (key === ALLOW_ORIGIN || key === ALLOW_CREDENTIALS) out.set(key, p);
    } else if (depth < 2) {
      const spread = follow(module, p.argument as AstNode);
      if (spread?.type === 'ObjectExpression') for (const [k, v] of headerProperties(module, spread, depth + 1)) if (!out.has(k)) out.set(k, v);
    }
  }
  return out;
}

/** Per function (or module level): the origin values header setters set, and whether one allows credentials there too. */
interface Answer {
  readonly origins: { at: AstNode; kind: Kind; detail: string }[];
  credentials: boolean;
}

export function credentialedCors(modules: readonly ModuleInfo[], source: ModuleSource): CredentialedCors[] {
  const out: CredentialedCors[] = [];
  for (const module of modules) {
    const answers = new Map<FunctionNode | undefined, Answer>();
    const answerAt = (node: AstNode) => {
      const fn = enclosingFunction(node, module.parents);
      let a = answers.get(fn);
      if (!a) answers.set(fn, (a = { origins: [], credentials: false }));
      return a;
    };
    const originAt = (at: AstNode, value: AstNode, detail: string): Answer['origins'][number] | undefined => {
      const through = new Set<Variable>();
      const kind = originOf(module, value, source, through);
      return kind && !guarded(module, at, through) ? { at, kind, detail } : undefined;
    };
    // Header setters and assignments are separate statements: they answer together within one function.
    const header = (at: AstNode, name: string | undefined, value: AstNode | undefined, detail: string) => {
      if (!value) return;
      const answer = answerAt(at);
      if (name === ALLOW_CREDENTIALS) answer.credentials ||= isTrue(module, value);
      const origin = name === ALLOW_ORIGIN ? originAt(at, value, detail) : undefined;
      if (origin) answer.origins.push(origin);
    };
    walk(module.ast, (n) => {
      if (n.type === 'ObjectExpression') {
        // A headers object answers with what it holds itself, spreads of constant objects included.
        const own = headerProperties(module, n);
        const origin = own.get(ALLOW_ORIGIN);
        if (origin && isTrue(module, own.get(ALLOW_CREDENTIALS)?.value as AstNode | undefined)) {
          const found = originAt(origin, origin.value as AstNode, 'a headers object');
          if (found) out.push({ loc: locationOf(found.at, module.rel), origin: found.kind, detail: found.detail });
        }
      } else if (n.type === 'AssignmentExpression' && n.left.type === 'MemberExpression') {
        header(n, propertyName(n.left)?.toLowerCase(), n.right, 'a header assignment');
      } else if (n.type === 'CallExpression') {
        const callee = unwrap(n.callee);
        const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
        if (method && HEADER_SETTERS.has(method)) header(n, staticString(n.arguments[0] as AstNode | undefined)?.toLowerCase(), n.arguments[1] as AstNode | undefined, `${method}()`);
        const imported = callee.type === 'Identifier' ? module.imports.get(callee.name) : undefined;
        const options = follow(module, n.arguments[0] as AstNode | undefined);
        if ((imported?.source === 'cors' || imported?.source === '@middy/http-cors') && options?.type === 'ObjectExpression') {
          const found = middlewareOrigin(module, options, imported.source === '@middy/http-cors');
          if (found) out.push({ loc: locationOf(found.at, module.rel), origin: found.kind, detail: `${imported.source} options` });
        }
      }
      return undefined;
    });
    for (const answer of answers.values()) {
      if (!answer.credentials) continue;
      for (const o of answer.origins) out.push({ loc: locationOf(o.at, module.rel), origin: o.kind, detail: o.detail });
    }
  }
  return out;
}
