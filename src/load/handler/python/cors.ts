import type { CredentialedCors } from '../../../model.js';
import { perModuleFacts, resolveName, type PyModule, type PyVariable } from './module.js';
import { ALLOW_CREDENTIALS, ALLOW_ORIGIN, MAX_HOPS, worst, type CorsOrigin } from '../cors-origin.js';
import { callArguments, field, locationOf, named, stringValue, textOf, unparen, walk, type PyNode } from './tree.js';

/**
 * CORS a Python handler answers itself with credentials: a headers dictionary (a returned
 * response's `"headers"`) holding `Access-Control-Allow-Credentials: "true"` (or `True`) with an
 * `Access-Control-Allow-Origin` of `"*"` or the request's own `Origin`
 * (`event["headers"]["origin"]`, `event["headers"].get("Origin")`, `app.current_event.get_header_value("origin")`).
 * An origin answered only after a test on it (an allow-list) is not reported.
 */

type Kind = CorsOrigin;

export function credentialedCors(modules: readonly PyModule[]): CredentialedCors[] {
  return perModuleFacts(modules, corsByModule, moduleCors);
}

const corsByModule = new WeakMap<PyModule, readonly CredentialedCors[]>();

function moduleCors(module: PyModule): CredentialedCors[] {
  const out: CredentialedCors[] = [];
  walk(module.root, (n) => {
    if (n.type !== 'dictionary') return undefined;
    const pairs = new Map<string, PyNode>();
    for (const pair of named(n)) {
      const key = pair.type === 'pair' ? stringValue(module.text, field(pair, 'key'))?.toLowerCase() : undefined;
      if (key === ALLOW_ORIGIN || key === ALLOW_CREDENTIALS) pairs.set(key, pair);
    }
    const origin = pairs.get(ALLOW_ORIGIN);
    if (!origin || !isTrue(module, field(pairs.get(ALLOW_CREDENTIALS), 'value'))) return undefined;
    const through = new Set<PyVariable>();
    const kind = originOf(module, field(origin, 'value'), through, 0);
    if (kind && !guarded(module, origin, through)) out.push({ loc: locationOf(origin, module.rel), origin: kind, detail: 'a headers dictionary' });
    return undefined;
  });
  return out;
}

function isTrue(module: PyModule, node: PyNode | undefined): boolean {
  if (!node) return false;
  const n = unparen(node);
  return n.type === 'true' || stringValue(module.text, n)?.trim().toLowerCase() === 'true';
}

/** `event["headers"]["origin"]`, `headers.get("Origin")`, `request.headers["origin"]`, `app.current_event.get_header_value("origin")`. */
function isOriginRead(module: PyModule, node: PyNode): boolean {
  const n = unparen(node);
  if (n.type === 'subscript') {
    return stringValue(module.text, field(n, 'subscript'))?.toLowerCase() === 'origin' && /headers|current_event|current_request/i.test(textOf(module.text, field(n, 'value') ?? n));
  }
  if (n.type === 'call') {
    const fn = unparen(field(n, 'function') ?? n);
    if (fn.type !== 'attribute') return false;
    const method = textOf(module.text, field(fn, 'attribute') ?? fn);
    const first = callArguments(module.text, n).positional[0];
    return ['get', 'get_header_value'].includes(method) && stringValue(module.text, first)?.toLowerCase() === 'origin' && /headers|current_event|current_request/i.test(textOf(module.text, field(fn, 'object') ?? fn));
  }
  return false;
}

function originOf(module: PyModule, node: PyNode | undefined, through: Set<PyVariable>, hops: number): Kind | undefined {
  if (!node || hops > MAX_HOPS) return undefined;
  const n = unparen(node);
  if (stringValue(module.text, n)?.trim() === '*') return 'any';
  if (isOriginRead(module, n)) return 'reflected';
  const next = (x: PyNode | undefined) => originOf(module, x, through, hops + 1);
  if (n.type === 'boolean_operator') return worst(next(field(n, 'left')), next(field(n, 'right')));
  if (n.type === 'conditional_expression') {
    // `origin if origin in ALLOWED else ALLOWED[0]` is an allow-list; `origin if origin else "*"` is not.
    const [then, test, otherwise] = named(n);
    const branches = new Set([...through, ...variablesIn(module, then), ...variablesIn(module, otherwise)]);
    return test && validates(module, test, branches) ? undefined : worst(next(then), next(otherwise));
  }
  if (n.type === 'identifier') {
    const variable = resolveName(module, n);
    if (!variable) return undefined;
    through.add(variable);
    let kind: Kind | undefined;
    for (const b of variable.bindings) if (b.kind === 'assign' && !guarded(module, b.statement, through)) kind = worst(kind, next(b.value));
    return kind;
  }
  return undefined;
}

function variablesIn(module: PyModule, node: PyNode | undefined): PyVariable[] {
  const out: PyVariable[] = [];
  if (node) walk(node, (n) => {
    const v = n.type === 'identifier' ? resolveName(module, n) : undefined;
    if (v) out.push(v);
    return undefined;
  });
  return out;
}

/** A test that checks the origin against something (`in`, `==`, a call), not merely that it is set. */
function validates(module: PyModule, test: PyNode, through: ReadonlySet<PyVariable>): boolean {
  let checks = false;
  let mentions = false;
  walk(test, (n) => {
    if (n.type === 'comparison_operator' || n.type === 'call') checks = true;
    if (isOriginRead(module, n)) mentions = true;
    if (n.type === 'identifier') {
      const v = resolveName(module, n);
      if (v && through.has(v)) mentions = true;
    }
    return undefined;
  });
  return checks && mentions;
}

/** Whether an enclosing `if`/`elif` (in the same function) validated the origin before `node` runs. */
function guarded(module: PyModule, node: PyNode, through: ReadonlySet<PyVariable>): boolean {
  for (let cur = node.parent; cur && cur.type !== 'function_definition'; cur = cur.parent) {
    if ((cur.type === 'if_statement' || cur.type === 'elif_clause') && validates(module, field(cur, 'condition') ?? cur, through)) return true;
  }
  return false;
}
