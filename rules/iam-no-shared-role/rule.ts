import type { Role } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { expandAction, isWriteLike } from '../../src/iam/actions.js';
import { managedPolicyName } from '../../src/iam/managed-policies.js';
import { grantsKnown } from '../../src/iam/roles.js';

/** Writes every function needs for logs and traces: sharing them is not a risk worth a finding. */
const TELEMETRY = /^(logs|xray):|^cloudwatch:PutMetricData$/i;
const ADMIN_OR_FULL = /(AdministratorAccess|PowerUserAccess|FullAccess)$/;

/** The write actions a role grants (telemetry aside), capped for the message. */
function writeActions(role: Role): string[] {
  const writes = new Set<string>();
  for (const s of role.statements) {
    if (s.effect !== 'Allow') continue;
    for (const entry of s.actions?.entries ?? []) {
      if (entry.value === undefined) continue;
      for (const a of expandAction(entry.value) ?? []) if (isWriteLike(a) && !TELEMETRY.test(a.name)) writes.add(a.name);
      if (writes.size > 50) return [...writes];
    }
  }
  for (const m of role.managedPolicies) {
    const { name } = managedPolicyName(m);
    if (ADMIN_OR_FULL.test(name)) writes.add(`(managed policy ${name})`);
  }
  return [...writes];
}

export default defineRule({
  id: 'iam-no-shared-role',
  meta: {
    description: 'One role with write permissions is shared by several functions, so each gets the union of what all of them need.',
    severity: 'note',
    cwe: ['CWE-250'],
    securitySeverity: 4.0,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      shared:
        'This role is shared by {{count}} functions ({{functions}}) and grants writes such as {{writes}}: each function can do what any of them needs. Give each function its own role (serverless-iam-roles-per-function or v4 function `iam.role`, SAM per-function `Policies`).',
    },
    related: {},
  },
  create(context) {
    const functions = new Map(context.project.functions.map((f) => [f.id, f]));
    return {
      role(role) {
        // External roles' grants are unknown.
        if (!grantsKnown(role) || role.usedBy.length < 2) return;
        const writes = writeActions(role);
        if (writes.length === 0) return;
        const users = role.usedBy.map((id) => functions.get(id)).filter((f) => f !== undefined);
        context.report({
          at: role.location,
          messageId: 'shared',
          data: {
            count: users.length,
            functions: users.map((f) => f.name).join(', '),
            writes: writes.slice(0, 3).join(', ') + (writes.length > 3 ? ', …' : ''),
          },
          related: users.map((f) => ({ at: f.location, message: `function ${f.name} uses this role` })),
        });
      },
    };
  },
});
