import type { Role } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { forFormat } from '../../src/engine/formats.js';
import { isPermissionsManagement, perExpansion, isWriteLike, type ActionFacts } from '../../src/iam/actions.js';
import { VPC_ACTIONS } from '../../src/iam/lambda-platform.js';
import { managedPolicyName } from '../../src/iam/managed-policies.js';
import { grantsKnown } from '../../src/iam/roles.js';

/**
 * Writes that are the platform's, not the functions': logs, traces and metrics, and the network
 * interfaces Lambda manages for a function in a VPC (what AWSLambdaVPCAccessExecutionRole grants).
 */
const TELEMETRY = /^(logs|xray):|^cloudwatch:PutMetricData$/i;
const PLATFORM = new Set(VPC_ACTIONS.map((a) => a.toLowerCase()));
const ADMIN_OR_FULL = /(AdministratorAccess|PowerUserAccess|FullAccess)$/;
const MAX_SHOWN = 3;

/** Writes a reader recognises as dangerous, shown first when a wildcard grants thousands: permissions management, then data deletes. */
const TELLING_EXAMPLES = [
  'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PassRole', 's3:DeleteObject', 's3:PutBucketPolicy', 'dynamodb:DeleteTable',
  'dynamodb:DeleteItem', 'lambda:UpdateFunctionCode', 'secretsmanager:DeleteSecret', 'kms:ScheduleKeyDeletion', 'sqs:DeleteQueue', 'sns:DeleteTopic',
].map((a) => a.toLowerCase());

function isSharedWrite(a: ActionFacts): boolean {
  return isWriteLike(a) && !TELEMETRY.test(a.name) && !PLATFORM.has(a.name.toLowerCase());
}

const sharedWrites = perExpansion((expanded) => expanded.filter(isSharedWrite));

function sharedWritesOf(action: string): readonly ActionFacts[] {
  return sharedWrites(action) ?? [];
}

/** Two meaningful examples of what a wildcard grants: known dangerous actions first, then permissions management, deletes, writes. */
function examples(writes: readonly ActionFacts[]): string[] {
  const rank = (a: ActionFacts): number => {
    const known = TELLING_EXAMPLES.indexOf(a.name.toLowerCase());
    if (known >= 0) return known;
    return TELLING_EXAMPLES.length + (isPermissionsManagement(a) ? 0 : /:Delete/.test(a.name) ? 1 : 2);
  };
  // The first two of the list sorted by rank then name, found in one pass ("*" writes are ~9,000 actions).
  const before = (a: ActionFacts, rankA: number, b: ActionFacts, rankB: number) => rankA < rankB || (rankA === rankB && a.name.localeCompare(b.name) < 0);
  let first: ActionFacts | undefined;
  let firstRank = 0;
  let second: ActionFacts | undefined;
  let secondRank = 0;
  for (const a of writes) {
    const r = rank(a);
    if (first === undefined || before(a, r, first, firstRank)) {
      second = first;
      secondRank = firstRank;
      first = a;
      firstRank = r;
    } else if (second === undefined || before(a, r, second, secondRank)) {
      second = a;
      secondRank = r;
    }
  }
  return [first, second].flatMap((a) => (a ? [a.name] : []));
}

/** The writes a role grants, as the message shows them: actions, or a wildcard with what it covers. */
function writeLabels(role: Role): string[] {
  const labels = new Set<string>();
  for (const s of role.statements) {
    if (s.effect !== 'Allow') continue;
    for (const entry of s.actions?.entries ?? []) {
      if (entry.value === undefined) continue;
      const writes = sharedWritesOf(entry.value);
      if (writes.length === 0) continue;
      if (/[*?]/.test(entry.value)) labels.add(`"${entry.value}" (${writes.length} write actions, e.g. ${examples(writes).join(', ')})`);
      else for (const a of writes) labels.add(a.name);
      if (labels.size > MAX_SHOWN) return [...labels];
    }
  }
  for (const m of role.managedPolicies) {
    const { name } = managedPolicyName(m);
    if (ADMIN_OR_FULL.test(name)) labels.add(`(managed policy ${name})`);
  }
  return [...labels];
}

/** How to give each function its own role, in the file's own syntax. */
const OWN_ROLE = {
  serverless: 'a function-level `iam.role` (Serverless v4), or `iamRoleStatements` with the serverless-iam-roles-per-function plugin',
  sam: 'its own `Policies` on each `AWS::Serverless::Function` (SAM then creates one role per function), or its own `Role`',
  cloudformation: 'its own `AWS::IAM::Role` for each function, with the statements that function needs',
} as const;

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
        'This role is shared by {{count}} functions ({{functions}}) and grants writes such as {{writes}}: each function can do what any of them needs. Give each function its own role: {{ownRole}}.',
    },
    related: {},
  },
  create(context) {
    const functions = new Map(context.project.functions.map((f) => [f.id, f]));
    return {
      role(role) {
        // External roles' grants are unknown.
        if (!grantsKnown(role) || role.usedBy.length < 2) return;
        const writes = writeLabels(role);
        if (writes.length === 0) return;
        const users = role.usedBy.map((id) => functions.get(id)).filter((f) => f !== undefined);
        context.report({
          at: role.location,
          messageId: 'shared',
          data: {
            count: users.length,
            functions: users.map((f) => f.name).join(', '),
            writes: writes.slice(0, MAX_SHOWN).join(', ') + (writes.length > MAX_SHOWN ? ', …' : ''),
            ownRole: forFormat(context.project, role.location.file, OWN_ROLE),
          },
          related: users.map((f) => ({ at: f.location, message: `function ${f.name} uses this role` })),
        });
      },
    };
  },
});
