import type { PyAnalysis } from './analysis.js';
import type { PyModule } from './module.js';
import { ownCode, parameters } from './reach.js';
import { callArguments, field, type PyNode } from './tree.js';
import { calledFunction, valueOf } from './values.js';

export interface CallSite {
  readonly module: PyModule;
  readonly call: PyNode;
}

/** Calls among the functions the handler runs, by the function they call. */
export function callSites(a: PyAnalysis): ReadonlyMap<PyNode, readonly CallSite[]> {
  let sites = a.callSites;
  if (!sites) {
    const map = new Map<PyNode, CallSite[]>();
    for (const { module, node } of a.functions) {
      ownCode(node, (n) => {
        if (n.type !== 'call') return undefined;
        const target = calledFunction(a.ctx, valueOf(a.ctx, module, field(n, 'function')));
        if (target) map.set(target.node, [...(map.get(target.node) ?? []), { module, call: n }]);
        return undefined;
      });
    }
    sites = map;
    a.callSites = sites;
  }
  return sites;
}

/** The arguments passed for a parameter at the call sites of its function among the functions the handler runs. */
export function argumentsFor(a: PyAnalysis, param: PyNode, keyword: string): { module: PyModule; node: PyNode }[] {
  let fn = param.parent;
  while (fn && fn.type !== 'function_definition' && fn.type !== 'lambda') fn = fn.parent;
  if (!fn) return [];
  const out: { module: PyModule; node: PyNode }[] = [];
  for (const site of callSites(a).get(fn) ?? []) {
    const params = parameters(moduleOfFunction(a, fn) ?? site.module, fn);
    const position = params.indexOf(param);
    const args = callArguments(site.module.text, site.call);
    const arg = args.keywords.get(keyword) ?? (position >= 0 ? args.positional[position] : undefined);
    if (arg) out.push({ module: site.module, node: arg });
  }
  return out;
}

function moduleOfFunction(a: PyAnalysis, fn: PyNode): PyModule | undefined {
  return a.functions.find((f) => f.node === fn)?.module;
}
