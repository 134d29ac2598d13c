import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { managedPolicyName } from '../../src/iam/managed-policies.js';
import { holderOf } from '../../src/iam/holders.js';

/** AWS-managed policies that amount to administrator rights. */
const ADMIN = new Set(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess']);

export default defineRule({
  id: 'iam-no-admin-managed-policy',
  meta: {
    description: 'A role has an AWS-managed administrator or *FullAccess policy attached.',
    severity: 'error',
    cwe: ['CWE-250', 'CWE-732'],
    securitySeverity: 8.5,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      admin:
        'Managed policy {{policy}} gives {{holder}} administrator-level rights{{when}}: {{compromise}} can take over the account. Replace it with statements for the actions it needs.',
      fullAccess:
        'Managed policy {{policy}} grants every action of its service on every resource{{when}}. Replace it with statements for the actions and resources {{holder}} uses (or a narrower managed policy such as a ReadOnly one).',
    },
    related: { checkov: ['CKV_AWS_274'], 'cdk-nag': ['AwsSolutions-IAM4'] },
  },
  create(context) {
    return {
      role(role) {
        // Every role counts, whoever holds it: the message names the holder (functions, a deployment service, identity-pool users).
        const { name: holder, compromise } = holderOf(context.project, role);
        for (const ref of role.managedPolicies) {
          const { name, awsManaged } = managedPolicyName(ref);
          if (!awsManaged) continue;
          if (ADMIN.has(name)) context.report({ at: ref.loc, messageId: 'admin', data: { policy: name, when: describeGuards(ref.when), holder, compromise } });
          else if (name.endsWith('FullAccess')) context.report({ at: ref.loc, messageId: 'fullAccess', severity: 'warning', data: { policy: name, when: describeGuards(ref.when), holder } });
        }
      },
    };
  },
});
