import type { Fn, HandlerFacts, Project, Role, SdkCall } from '../model.js';
import { actionMatches } from './actions.js';
import { lambdaActions } from './lambda-platform.js';
import { append } from '../arrays.js';

export interface FunctionCalls {
  readonly fn: Fn;
  readonly handler: HandlerFacts | undefined;
  readonly calls: readonly SdkCall[];
  /** Why the calls found may not be all of them; empty when the analysis is complete. */
  readonly gaps: readonly string[];
}

/** Per-project lookups, built once: several rules ask about every role and function. */
interface ProjectIndex {
  readonly handlerOf: ReadonlyMap<string, HandlerFacts>;
  readonly functionById: ReadonlyMap<string, Fn>;
  readonly usage: Map<Role, RoleUsage>;
}
const indexes = new WeakMap<Project, ProjectIndex>();

function indexOf(project: Project): ProjectIndex {
  let index = indexes.get(project);
  if (!index) {
    const handlerOf = new Map<string, HandlerFacts>();
    for (const h of project.handlers) for (const id of h.fnIds) if (!handlerOf.has(id)) handlerOf.set(id, h);
    index = { handlerOf, functionById: new Map(project.functions.map((f) => [f.id, f])), usage: new Map() };
    indexes.set(project, index);
  }
  return index;
}

export function functionCalls(project: Project, fn: Fn): FunctionCalls {
  const handler = indexOf(project).handlerOf.get(fn.id);
  const gaps: string[] = [];
  if (!handler) gaps.push('its handler source was not analysed');
  else {
    if (!handler.complete) gaps.push(`export ${handler.exportName} of ${handler.file} was not found`);
    append(gaps, handler.sdkGaps);
  }
  return { fn, handler, calls: handler?.sdkCalls ?? [], gaps };
}

export interface RoleUsage {
  readonly functions: readonly FunctionCalls[];
  /** Every function using the role was analysed completely. */
  readonly complete: boolean;
  /** Actions called by code or used by the platform for these functions. */
  readonly used: readonly string[];
}

export function roleUsage(project: Project, role: Role): RoleUsage {
  const index = indexOf(project);
  const known = index.usage.get(role);
  if (known) return known;
  const fns = role.usedBy.map((id) => index.functionById.get(id)).filter((f): f is Fn => f !== undefined);
  const functions = fns.map((fn) => functionCalls(project, fn));
  const used = new Set<string>();
  for (const f of functions) {
    for (const c of f.calls) if (!c.ownCredentials) for (const a of [...c.actions, ...(c.mayUse ?? [])]) used.add(a);
    for (const a of lambdaActions(f.fn)) used.add(a);
  }
  const usage = { functions, complete: fns.length > 0 && functions.every((f) => f.gaps.length === 0), used: [...used] };
  index.usage.set(role, usage);
  return usage;
}

/** Whether any used action falls under a granted pattern (either side may be a wildcard). */
export function patternUsed(pattern: string, used: readonly string[]): boolean {
  return used.some((a) => actionMatches(pattern, a) || actionMatches(a, pattern));
}
