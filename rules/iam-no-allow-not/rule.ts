import type { Statement } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';

export default defineRule({
  id: 'iam-no-allow-not',
  meta: {
    description:
      'An Allow statement uses NotAction, NotResource or NotPrincipal, granting everything except a list: in a role policy, a trust policy or a resource policy.',
    severity: 'error',
    cwe: ['CWE-732'],
    securitySeverity: 7.5,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      notAction:
        'Allow with NotAction grants every AWS action except the ones listed{{when}}, including actions AWS adds later and IAM changes. Replace it with an Action list of what is needed.',
      notResource:
        'Allow with NotResource grants the actions on every resource except the ones listed{{when}}, including resources created later. Replace it with a Resource list of what is used.',
      notPrincipal:
        'Allow with NotPrincipal in this {{policy}} grants every principal except the ones listed{{when}}: anyone with an AWS account, and anonymous callers where the service allows them. Replace it with a Principal naming who may call.',
    },
    related: { checkov: ['CKV_AWS_107'], cfn_nag: ['W15', 'W16', 'W21', 'W22'] },
  },
  create(context) {
    const check = (statement: Statement, policy: string) => {
      if (statement.effect !== 'Allow') return;
      const when = describeGuards(statement.when);
      if (statement.notActions) context.report({ at: statement.notActions.keyLoc, messageId: 'notAction', data: { when } });
      if (statement.notResources) context.report({ at: statement.notResources.keyLoc, messageId: 'notResource', data: { when } });
      if (statement.notPrincipal) context.report({ at: statement.notPrincipal.keyLoc, messageId: 'notPrincipal', data: { when, policy } });
    };
    return {
      roleStatement(statement) {
        check(statement, 'policy');
      },
      role(role) {
        for (const s of role.trust) check(s, 'trust policy');
      },
      resourcePolicy(policy) {
        for (const s of policy.statements) check(s, 'resource policy');
      },
    };
  },
});
