import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { hasNarrowingCondition, publicPrincipalEntries } from '../../src/iam/statements.js';

export default defineRule({
  id: 'iam-no-wildcard-trust',
  meta: {
    description: "A role's trust policy lets any AWS principal (\"*\") assume it.",
    severity: 'error',
    cwe: ['CWE-284'],
    securitySeverity: 9.0,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      trust:
        'Role {{role}} can be assumed by any AWS principal in any account{{when}}: its permissions are effectively public. Trust only lambda.amazonaws.com (for a function role) or named accounts/roles, with sts:ExternalId or aws:PrincipalOrgID.',
    },
    related: { checkov: ['CKV_AWS_60', 'CKV_AWS_61'], cfn_nag: ['F2'] },
  },
  create(context) {
    return {
      role(role) {
        for (const s of role.trust) {
          if (s.effect !== 'Allow' || hasNarrowingCondition(s)) continue;
          const open = publicPrincipalEntries(s.principal);
          if (open.length === 0) continue;
          context.report({ at: s.principal!.keyLoc, messageId: 'trust', data: { role: role.name, when: describeGuards(open[0]!.when) } });
        }
      },
    };
  },
});
