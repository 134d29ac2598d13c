import type { Project, Role } from '../model.js';
import { actionMatches } from './actions.js';
import { callResources, type ResourceExpr } from './least-privilege.js';
import { roleUsage } from './usage.js';

/** What a role's handlers really call, when every one of them was analysed completely. */
export interface RoleNeeds {
  /** IAM actions the code calls (with the role's credentials). */
  readonly actions: readonly string[];
  /** For each action, the resources it reaches; undefined when the code hides one. */
  resourcesFor(actionPattern: string): readonly ResourceExpr[] | undefined;
}

export function roleNeeds(project: Project, role: Role): RoleNeeds | undefined {
  if (role.usedBy.length === 0) return undefined;
  const usage = roleUsage(project, role);
  if (!usage.complete) return undefined;
  const pairs = usage.functions.flatMap((f) => f.calls.filter((c) => !c.ownCredentials).flatMap((c) => c.actions.map((action) => ({ fn: f.fn, call: c, action }))));
  return {
    actions: [...new Set(pairs.map((p) => p.action))].sort(),
    resourcesFor(actionPattern) {
      const out = new Map<string, ResourceExpr>();
      for (const p of pairs) {
        if (!actionMatches(actionPattern, p.action)) continue;
        const resources = callResources(p.fn, p.call, p.action);
        if (!resources) return undefined;
        for (const r of resources) out.set(JSON.stringify(r), r);
      }
      return [...out.values()];
    },
  };
}

/** A YAML flow sequence that is also JSON: a drop-in replacement for a scalar `Action`/`Resource` value. */
export function flowList(values: readonly (string | object)[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}
