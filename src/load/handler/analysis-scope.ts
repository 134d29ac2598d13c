import type { FunctionNode } from './ast.js';
import type { FunctionRef } from './modules.js';
import { reachableFunctions, type ModuleSource } from './reach.js';
import { EventTaint } from './taint.js';

/** What the fact finders share: the modules, the reachable functions, and event taint. */
export interface AnalysisScope {
  readonly entry: FunctionRef;
  readonly functions: readonly FunctionRef[];
  readonly taint: EventTaint;
}

/** The functions a handler export runs (within its module and the local modules it imports), and what of its event they see. */
export function analysisScope(entry: FunctionRef, modules: ModuleSource): AnalysisScope {
  const functions = reachableFunctions(entry, modules);
  return { entry, functions, taint: new EventTaint(entry, functions, modules) };
}

/** The function nodes a handler runs, for "does this code run per invocation" tests. */
export function reachableSet(scope: AnalysisScope): Set<FunctionNode> {
  return new Set(scope.functions.map((f) => f.fn));
}
