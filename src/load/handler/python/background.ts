import type { BackgroundWork } from '../../../model.js';
import type { PyAnalysis } from './analysis.js';
import { resolveName, type PyModule, type PyVariable } from './module.js';
import { loadTimeCode, ownCode } from './reach.js';
import { callArguments, enclosingStatement, field, locationOf, shortText, textOf, unparen, walk, type PyNode } from './tree.js';
import { valueOf } from './values.js';

const THREADS = /^(threading\.(Thread|Timer)|multiprocessing\.Process)\(\)$/;
const EXECUTORS = /^(concurrent\.futures\.(thread\.)?(ThreadPoolExecutor|ProcessPoolExecutor)|multiprocessing\.pool\.ThreadPool|multiprocessing\.Pool)\(\)$/;
const TASK_FACTORIES = /^asyncio\.(create_task|ensure_future)$/;
const LOOPS = /^asyncio\.(get_event_loop|get_running_loop|new_event_loop)\(\)$/;
const AWAITABLE_GROUPS = /^asyncio\.(gather|wait)$/;
/** Calls that hand a value on to code that may wait for it. */
const COLLECTING = new Set(['append', 'add', 'extend', 'insert', 'appendleft', 'put']);

function external(a: PyAnalysis, module: PyModule, node: PyNode | undefined): string | undefined {
  const v = valueOf(a.ctx, module, node);
  return v?.kind === 'external' ? v.path : undefined;
}

function methodOf(module: PyModule, call: PyNode): { name: string; receiver: PyNode } | undefined {
  const callee = unparen(field(call, 'function') ?? call);
  if (callee.type !== 'attribute') return undefined;
  const receiver = field(callee, 'object');
  return receiver ? { name: textOf(module.text, field(callee, 'attribute') ?? callee), receiver } : undefined;
}

/** Whether a call's result is thrown away (`ex.submit(f)` as a statement) rather than kept or awaited. */
function discarded(call: PyNode): boolean {
  return call.parent?.type === 'expression_statement';
}

/** The variable a call's result is stored in (`f = ex.submit(…)`), if that is all that happens to it. */
function storedIn(module: PyModule, call: PyNode): PyVariable | undefined {
  const p = call.parent;
  if (p?.type === 'assignment' && field(p, 'right') === call) {
    const left = unparen(field(p, 'left') ?? p);
    return left.type === 'identifier' ? resolveName(module, left) : undefined;
  }
  return undefined;
}

/** Every identifier of a function's code that reads a variable (not the place it is bound). */
function reads(module: PyModule, fn: PyNode, variable: PyVariable): PyNode[] {
  const out: PyNode[] = [];
  const bound = new Set(variable.bindings.flatMap((b) => (b.kind === 'assign' || b.kind === 'for' || b.kind === 'with' || b.kind === 'except' ? [b.target] : b.kind === 'param' ? [b.node] : [])));
  const root = fn.type === 'module' ? fn : fn;
  walk(root, (n) => {
    if (n.type === 'identifier' && !bound.has(n) && n.field !== 'attribute' && n.field !== 'name' && resolveName(module, n) === variable) out.push(n);
    return undefined;
  });
  return out;
}

/** The names a thread is known by in a function: itself, lists it is added to, loop variables over those lists. */
function aliasGroup(module: PyModule, fn: PyNode, start: PyVariable): Set<PyVariable> {
  const group = new Set([start]);
  let grew = true;
  while (grew) {
    grew = false;
    const add = (v: PyVariable | undefined) => {
      if (v && !group.has(v)) {
        group.add(v);
        grew = true;
      }
    };
    ownCode(fn, (n) => {
      if (n.type === 'call') {
        const m = methodOf(module, n);
        const args = callArguments(module.text, n).positional;
        const receiver = m && unparen(m.receiver);
        if (m && COLLECTING.has(m.name) && receiver?.type === 'identifier' && args.some((x) => mentionsAny(module, x, group))) add(resolveName(module, receiver));
      }
      if (n.type === 'assignment') {
        const left = unparen(field(n, 'left') ?? n);
        const right = field(n, 'right');
        if (left.type === 'identifier' && right && mentionsAny(module, right, group)) add(resolveName(module, left));
      }
      if (n.type === 'for_statement' || n.type === 'for_in_clause') {
        const left = unparen(field(n, 'left') ?? n);
        if (left.type === 'identifier' && mentionsAny(module, field(n, 'right'), group)) add(resolveName(module, left));
      }
      return undefined;
    });
  }
  return group;
}

function mentionsAny(module: PyModule, node: PyNode | undefined, vars: ReadonlySet<PyVariable>): boolean {
  let found = false;
  if (node) {
    walk(node, (n) => {
      if (found) return false;
      if (n.type === 'identifier' && n.field !== 'attribute' && vars.has(resolveName(module, n)!)) found = true;
      return undefined;
    });
  }
  return found;
}

/** A thread started in a function is waited for if `.join()` is called on it (or on a list holding it), or it leaves the function. */
function threadJoined(module: PyModule, fn: PyNode, thread: PyVariable): boolean {
  const group = aliasGroup(module, fn, thread);
  let joinedOrEscapes = false;
  ownCode(fn, (n) => {
    if (joinedOrEscapes) return false;
    if (n.type === 'call') {
      const m = methodOf(module, n);
      const receiver = m && unparen(m.receiver);
      if (m?.name === 'join' && receiver?.type === 'identifier' && group.has(resolveName(module, receiver)!)) joinedOrEscapes = true;
      // Handed to other code (a helper that joins, an attribute): not ours to judge.
      const args = callArguments(module.text, n);
      if (!(m && COLLECTING.has(m.name)) && [...args.positional, ...args.keywords.values()].some((x) => unparen(x).type === 'identifier' && group.has(resolveName(module, unparen(x))!))) joinedOrEscapes = true;
    }
    if (n.type === 'return_statement' && mentionsAny(module, n, group)) joinedOrEscapes = true;
    if (n.type === 'assignment' && unparen(field(n, 'left') ?? n).type !== 'identifier' && mentionsAny(module, field(n, 'right'), group)) joinedOrEscapes = true;
    return undefined;
  });
  return joinedOrEscapes;
}

/** Whether a future or task kept in a variable is used afterwards (awaited, waited for, handed on). */
function used(module: PyModule, fn: PyNode, variable: PyVariable): boolean {
  return reads(module, fn, variable).length > 0;
}

/** Work a handler leaves running when it returns: threads not joined, executor futures never waited for, asyncio tasks not awaited. */
export function backgroundWork(a: PyAnalysis): BackgroundWork[] {
  const out: BackgroundWork[] = [];
  const report = (module: PyModule, call: PyNode, kind: BackgroundWork['kind']) =>
    out.push({ loc: locationOf(enclosingStatement(call), module.rel), kind, detail: shortText(module.text, call) });
  const modules = [...new Set(a.functions.map((f) => f.module))];
  // Threads started while the module loads keep running while the container is frozen and thawed.
  for (const module of modules) {
    loadTimeCode(module, (n) => {
      if (n.type === 'call') {
        const m = methodOf(module, n);
        if (m?.name === 'start' && THREADS.test(external(a, module, m.receiver) ?? '')) report(module, n, 'module-thread');
      }
      return undefined;
    });
  }
  for (const { module, node: fn } of a.functions) {
    ownCode(fn, (n) => {
      if (n.type !== 'call') return undefined;
      const m = methodOf(module, n);
      const callee = external(a, module, field(n, 'function'));
      if (m?.name === 'start') {
        if (!THREADS.test(external(a, module, m.receiver) ?? '')) return undefined;
        const receiver = unparen(m.receiver);
        const thread = receiver.type === 'identifier' ? resolveName(module, receiver) : undefined;
        if (receiver.type === 'call' || (thread && thread.scope.node === fn && !threadJoined(module, fn, thread))) report(module, n, 'thread');
        return undefined;
      }
      if (m && (m.name === 'submit' || m.name === 'map' || m.name === 'apply_async')) {
        const receiver = unparen(m.receiver);
        if (!EXECUTORS.test(external(a, module, receiver) ?? '')) return undefined;
        const executor = receiver.type === 'identifier' ? resolveName(module, receiver) : undefined;
        // `with ThreadPoolExecutor() as ex:` waits for every future when the block ends; so does `ex.shutdown()`.
        if (executor?.bindings.some((b) => b.kind === 'with')) return undefined;
        if (executor && shutDown(a, module, executor)) return undefined;
        const kept = storedIn(module, n);
        if (discarded(n) || (kept && kept.scope.node === fn && !used(module, fn, kept))) report(module, n, 'future');
        return undefined;
      }
      const isTask = (callee !== undefined && TASK_FACTORIES.test(callee)) || (m?.name === 'create_task' && LOOPS.test(external(a, module, m.receiver) ?? ''));
      const isGroup = callee !== undefined && AWAITABLE_GROUPS.test(callee);
      if (isTask || isGroup) {
        const kept = storedIn(module, n);
        if (discarded(n) || (kept && kept.scope.node === fn && !used(module, fn, kept))) report(module, n, 'task');
      }
      return undefined;
    });
  }
  return out;
}

/** `ex.shutdown()` (waiting, the default) somewhere in the code the handler runs. */
function shutDown(a: PyAnalysis, module: PyModule, executor: PyVariable): boolean {
  let found = false;
  for (const f of a.functions) {
    if (f.module !== module) continue;
    ownCode(f.node, (n) => {
      if (found || n.type !== 'call') return undefined;
      const m = methodOf(module, n);
      const receiver = m && unparen(m.receiver);
      if (m?.name === 'shutdown' && receiver?.type === 'identifier' && resolveName(module, receiver) === executor) {
        const wait = callArguments(module.text, n).keywords.get('wait') ?? callArguments(module.text, n).positional[0];
        if (!wait || wait.type !== 'false') found = true;
      }
      return undefined;
    });
  }
  return found;
}
