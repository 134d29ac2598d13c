/**
 * Which roles functions run with, decided in one place: rules and least privilege ask here
 * rather than testing role kinds themselves.
 */
import type { Fn, Project, Role } from '../model.js';

const roleIndexes = new WeakMap<Project, ReadonlyMap<string, Role>>();

/** The role a function runs with, when the model has it. */
export function roleOf(project: Project, fn: Fn): Role | undefined {
  if (fn.roleId === undefined) return undefined;
  let index = roleIndexes.get(project);
  if (!index) {
    const byId = new Map<string, Role>();
    for (const r of project.roles) if (!byId.has(r.id)) byId.set(r.id, r);
    roleIndexes.set(project, (index = byId));
  }
  return index.get(fn.roleId);
}

/**
 * Whether a Lambda function can run with this role: a role of a serverless.yml or SAM function,
 * one a function uses, or one whose trust policy names Lambda (or is unknown). Deployment roles
 * for CloudFormation or CodeBuild are not functions' roles.
 */
export function isFunctionRole(role: Role): boolean {
  if (role.kind !== 'cloudformation' || role.usedBy.length > 0) return true;
  const principals = role.trust.flatMap((s) => s.principal?.entries ?? []);
  if (principals.length === 0) return true;
  return principals.some((p) => p.value === undefined || /lambda\.amazonaws\.com/i.test(p.value) || p.type !== 'Service');
}

/** Whether faaslint sees what the role grants: not a role defined elsewhere (an ARN, an import, a parameter). */
export function grantsKnown(role: Role): boolean {
  return role.kind !== 'external';
}

/** A role the Serverless Framework or SAM generates for functions: they add CloudWatch Logs permissions to it. */
export function isGeneratedRole(role: Role): boolean {
  return role.kind === 'serverless-provider' || role.kind === 'serverless-function' || role.kind === 'sam-function';
}

/** A role written as a resource of its own (in a template, or outside it): a policy for its functions belongs in that role. */
export function isStandaloneRole(role: Role): boolean {
  return role.kind === 'cloudformation' || role.kind === 'external';
}
