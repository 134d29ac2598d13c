import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { hasNarrowingCondition, publicPrincipalEntries } from '../../src/iam/statements.js';

const KIND_NAMES = { 's3-bucket': 'bucket policy', 'sqs-queue': 'queue policy', 'sns-topic': 'topic policy', other: 'resource policy' } as const;

export default defineRule({
  id: 'iam-no-public-resource-policy',
  meta: {
    description: 'A resource policy (S3 bucket, SQS queue, SNS topic, Lambda permission) allows any principal without a narrowing condition.',
    severity: 'error',
    cwe: ['CWE-284', 'CWE-732'],
    securitySeverity: 8.5,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      policy:
        'This {{kind}} allows Principal "*" ({{actions}}){{when}}: anyone with an AWS account can call it. Name the principals, or add a condition on aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.',
      permission:
        'This Lambda permission lets any principal ("*") invoke the function{{when}}. Name the principal (a service or account) and set SourceArn/SourceAccount, or PrincipalOrgID.',
    },
    related: { checkov: ['CKV_AWS_70', 'CKV_AWS_72', 'CKV_AWS_168', 'CKV_AWS_169'], cfn_nag: ['F16', 'F20', 'F18', 'W14'] },
  },
  create(context) {
    return {
      resourcePolicy(policy) {
        for (const s of policy.statements) {
          if (s.effect !== 'Allow' || hasNarrowingCondition(s)) continue;
          const open = publicPrincipalEntries(s.principal);
          if (open.length === 0) continue;
          const actions = (s.actions?.entries ?? []).map((e) => e.text).slice(0, 3).join(', ') || 'NotAction';
          context.report({
            at: s.principal!.keyLoc,
            messageId: 'policy',
            data: { kind: KIND_NAMES[policy.kind], actions, when: describeGuards(open[0]!.when) },
          });
        }
      },
      permission(permission) {
        const principal = permission.principal;
        if (principal?.value?.trim() !== '*') return;
        if (permission.sourceArn || permission.sourceAccount || permission.principalOrgId) return;
        context.report({ at: principal.loc, messageId: 'permission', data: { when: describeGuards(principal.when) } });
      },
    };
  },
});
