import type { Project, Role, Statement } from '../model.js';
import { actionMatches } from './actions.js';
import { EXECUTION_POLICIES } from './lambda-platform.js';
import { managedPolicyName } from './managed-policies.js';
import { grantsKnown, isGeneratedRole } from './roles.js';

export type Grant = 'granted' | 'denied' | 'not-granted' | 'unknown';

function actionsCover(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.entries.some((e) => e.value === undefined || actionMatches(e.value, action));
  if (s.notActions) return !s.notActions.entries.some((e) => e.value !== undefined && actionMatches(e.value, action));
  return false;
}

function resourcesCover(s: Statement, arn: string | undefined): boolean {
  if (s.notResources) return true;
  const entries = s.resources?.entries ?? [];
  // An unresolved resource (a !Ref, a variable) might be the one: only literals can rule a call out.
  if (arn === undefined || entries.length === 0 || entries.some((e) => e.value === undefined)) return true;
  return entries.some((e) => globsOverlap(e.value!, arn));
}

/** Whether two ARN patterns can name a common resource: their literal heads (up to the first wildcard) agree. */
function globsOverlap(a: string, b: string): boolean {
  const head = (s: string) => s.split(/[*?]/)[0]!.toLowerCase();
  const [ha, hb] = [head(a), head(b)];
  const exactA = !/[*?]/.test(a);
  const exactB = !/[*?]/.test(b);
  if (exactA && exactB) return a.toLowerCase() === b.toLowerCase();
  if (exactA) return actionMatches(b, a);
  if (exactB) return actionMatches(a, b);
  return ha.startsWith(hb) || hb.startsWith(ha);
}

/** Whether a role lets `action` reach `arn` (when known). Unknown managed policies or roles make the answer unknown. */
export function grantOf(role: Role, action: string, arn?: string): Grant {
  if (!grantsKnown(role)) return 'unknown';
  for (const s of role.statements) {
    if (s.effect === 'Deny' && s.when.length === 0 && actionsCover(s, action) && resourcesCover(s, arn) && !s.condition) return 'denied';
  }
  for (const s of role.statements) if (s.effect === 'Allow' && actionsCover(s, action) && resourcesCover(s, arn)) return 'granted';
  let unknown = role.statements.some((s) => s.effect === undefined);
  for (const m of role.managedPolicies) {
    const known = EXECUTION_POLICIES[managedPolicyName(m).name];
    if (!known) unknown = true;
    else if (known.some((p) => actionMatches(p, action))) return 'granted';
  }
  // serverless.yml and SAM add CloudWatch Logs permissions to the roles they generate.
  if (isGeneratedRole(role) && action.startsWith('logs:')) return 'granted';
  return unknown ? 'unknown' : 'not-granted';
}

/**
 * Whether a resource-based policy of the project (a bucket, queue, topic or key policy) allows `action`
 * to this role by name (`!GetAtt FnRole.Arn`, `arn:aws:iam::…:role/name`) or to everyone: within one
 * account that grants the call without the role's own policy saying so.
 */
export function grantedByResourcePolicy(project: Project, role: Role, action: string): boolean {
  const logicalId = role.id.slice(role.id.lastIndexOf('#') + 1);
  const roleFile = role.location.file;
  const byName = new RegExp(`:role/(.*/)?${role.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return project.resourcePolicies.some((policy) =>
    policy.statements.some(
      (s) =>
        s.effect === 'Allow' &&
        actionsCover(s, action) &&
        (s.principal?.entries ?? []).some(
          (p) =>
            p.value === '*' ||
            (p.type === 'AWS' &&
              ((p.ref?.kind === 'resource' && p.ref.name === logicalId && policy.location.file === roleFile) ||
                (p.value !== undefined && byName.test(p.value)))),
        ),
    ),
  );
}
