import type { Role, Statement } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { expandAction, perExpansion } from '../../src/iam/actions.js';
import { holderOf } from '../../src/iam/holders.js';
import { knownValues } from '../../src/iam/statements.js';
import { ownTable } from '../../src/own.js';

/** Grants that let a principal give itself (or a user it controls) more permissions, on any resource. */
const ALWAYS: Readonly<Record<string, string>> = ownTable({
  'iam:createpolicyversion': 'publish a new default version of a policy it is attached to',
  'iam:setdefaultpolicyversion': 'switch a policy to a more permissive version',
  'iam:attachrolepolicy': 'attach AdministratorAccess to a role',
  'iam:attachuserpolicy': 'attach AdministratorAccess to a user',
  'iam:attachgrouppolicy': 'attach AdministratorAccess to a group',
  'iam:putrolepolicy': 'write an inline admin policy into a role',
  'iam:putuserpolicy': 'write an inline admin policy into a user',
  'iam:putgrouppolicy': 'write an inline admin policy into a group',
  'iam:createaccesskey': 'mint access keys for another user',
  'iam:createloginprofile': 'set a console password for another user',
  'iam:updateloginprofile': "reset another user's console password",
  'iam:updateassumerolepolicy': 'let itself assume a more privileged role',
  'iam:addusertogroup': 'join a more privileged group',
  'iam:deleterolepermissionsboundary': "remove a role's permissions boundary",
  'iam:deleteuserpermissionsboundary': "remove a user's permissions boundary",
});
/** Grants that escalate only when they reach every resource (or combine with iam:PassRole). */
const ON_ANY_RESOURCE: Readonly<Record<string, string>> = ownTable({
  'iam:passrole': 'pass any role, including admin roles, to a service it controls',
  'sts:assumerole': 'assume any role that trusts the account',
});
const LAMBDA_TAKEOVER: Readonly<Record<string, string>> = ownTable({
  'lambda:updatefunctioncode': 'replace the code of a function that runs with a more privileged role',
  'lambda:updatefunctionconfiguration': 'point a function at a more privileged role or layer',
  'lambda:createfunction': 'create a function that runs with a more privileged role',
});

function onEveryResource(statement: Statement): boolean {
  return knownValues(statement.resources?.entries).some((r) => r === '*' || /:role\/\*$/.test(r));
}

const passRoleIn = perExpansion((expanded) => expanded.some((x) => x.name.toLowerCase() === 'iam:passrole'));

function expandsToPassRole(action: string): boolean {
  return passRoleIn(action) ?? false;
}

function grantsPassRole(role: Role): boolean {
  return role.statements.some((s) => s.effect === 'Allow' && knownValues(s.actions?.entries).some(expandsToPassRole));
}

export default defineRule({
  id: 'iam-no-privilege-escalation',
  meta: {
    description: 'A role grants actions that let whoever holds it raise its own privileges (IAM policy writes, iam:PassRole on *, Lambda code takeover).',
    severity: 'error',
    cwe: ['CWE-269'],
    securitySeverity: 9.0,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      escalation:
        '"{{action}}" lets {{holder}} {{paths}}{{when}}: {{compromise}} can escalate to administrator. Remove it, or scope it to named resources and add a permissions boundary.',
    },
    related: { checkov: ['CKV_AWS_286', 'CKV_AWS_287', 'CKV_AWS_289'], 'cdk-nag': ['AwsSolutions-IAM5'] },
  },
  create(context) {
    return {
      roleStatement(statement, role) {
        // Every role counts, a deployment role's too: whoever controls its holder can escalate; the message names the holder.
        if (statement.effect !== 'Allow' || !statement.actions) return;
        const { name: holder, compromise } = holderOf(context.project, role);
        const holderData = { holder, compromise };
        const everyResource = onEveryResource(statement);
        const passRole = grantsPassRole(role);
        for (const entry of statement.actions.entries) {
          const action = entry.value?.trim();
          // A bare "*" is iam-no-wildcard-action's finding: one root cause, one finding.
          if (action === undefined || action === '*' || action === '*:*') continue;
          const paths = new Map<string, string>();
          for (const facts of expandAction(action) ?? []) {
            const name = facts.name.toLowerCase();
            const why = ALWAYS[name] ?? (everyResource ? ON_ANY_RESOURCE[name] : undefined) ?? (everyResource || passRole ? LAMBDA_TAKEOVER[name] : undefined);
            if (why) paths.set(facts.name, why);
          }
          if (paths.size === 0) continue;
          const list = [...paths].slice(0, 3).map(([name, why]) => (name.toLowerCase() === action.toLowerCase() ? why : `${why} (${name})`));
          const more = paths.size > 3 ? ` and ${paths.size - 3} more escalation paths` : '';
          context.report({
            at: entry.loc,
            messageId: 'escalation',
            data: { action, paths: `${list.join('; ')}${more}`, when: describeGuards(entry.when), ...holderData },
          });
        }
      },
    };
  },
});
