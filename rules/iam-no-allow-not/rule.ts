import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';

export default defineRule({
  id: 'iam-no-allow-not',
  meta: {
    description: 'An Allow statement uses NotAction or NotResource, granting everything except a list.',
    severity: 'error',
    cwe: ['CWE-732'],
    securitySeverity: 7.5,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      notAction:
        'Allow with NotAction grants every AWS action except the ones listed{{when}}, including actions AWS adds later and IAM changes. Replace it with an Action list of what the function calls.',
      notResource:
        'Allow with NotResource grants the actions on every resource except the ones listed{{when}}, including resources created later. Replace it with a Resource list of what the function uses.',
    },
    related: { checkov: ['CKV_AWS_107'], cfn_nag: ['W15', 'W16', 'W21', 'W22'] },
  },
  create(context) {
    return {
      roleStatement(statement) {
        if (statement.effect !== 'Allow') return;
        const when = describeGuards(statement.when);
        if (statement.notActions) context.report({ at: statement.notActions.keyLoc, messageId: 'notAction', data: { when } });
        if (statement.notResources) context.report({ at: statement.notResources.keyLoc, messageId: 'notResource', data: { when } });
      },
    };
  },
});
