import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { managedPolicyName } from '../../src/iam/managed-policies.js';
import { isFunctionRole } from '../../src/iam/roles.js';

/** AWS-managed policies that amount to administrator rights. */
const ADMIN = new Set(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess']);

export default defineRule({
  id: 'iam-no-admin-managed-policy',
  meta: {
    description: 'A function role has an AWS-managed administrator or *FullAccess policy attached.',
    severity: 'error',
    cwe: ['CWE-250', 'CWE-732'],
    securitySeverity: 8.5,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      admin:
        'Managed policy {{policy}} gives the function administrator-level rights{{when}}: any bug or injection in it can take over the account. Replace it with statements for the actions the function calls.',
      fullAccess:
        'Managed policy {{policy}} grants every action of its service on every resource{{when}}. Replace it with statements for the actions and resources the function uses (or a narrower managed policy such as a ReadOnly one).',
    },
    related: { checkov: ['CKV_AWS_274'], 'cdk-nag': ['AwsSolutions-IAM4'] },
  },
  create(context) {
    return {
      role(role) {
        // Deployment roles (CloudFormation, CodePipeline) hold broad managed policies by design; function roles must not.
        if (!isFunctionRole(role)) return;
        for (const ref of role.managedPolicies) {
          const { name, awsManaged } = managedPolicyName(ref);
          if (!awsManaged) continue;
          const when = describeGuards(ref.when);
          if (ADMIN.has(name)) context.report({ at: ref.loc, messageId: 'admin', data: { policy: name, when } });
          else if (name.endsWith('FullAccess')) context.report({ at: ref.loc, messageId: 'fullAccess', severity: 'warning', data: { policy: name, when } });
        }
      },
    };
  },
});
