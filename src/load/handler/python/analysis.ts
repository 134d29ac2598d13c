import type { CallSite } from './calls.js';
import type { PyFunctionRef } from './reach.js';
import type { PyNode } from './tree.js';
import type { PyTaint } from './taint.js';
import type { PyContext } from './values.js';

/** What the fact finders share: the parsed modules, the functions the handler reaches, and request taint. */
export interface PyAnalysis {
  readonly ctx: PyContext;
  readonly functions: readonly PyFunctionRef[];
  /** The function the platform calls (the handler's own `def`), when the handler is one. */
  readonly entry?: PyFunctionRef;
  readonly taint: PyTaint;
  /** Calls among the functions, by the function they call: built on first use (calls.ts). */
  callSites?: ReadonlyMap<PyNode, readonly CallSite[]>;
}
