import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';

/** A service principal (`s3.amazonaws.com`, `events.amazonaws.com`, `lambda.alb.amazonaws.com`). */
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i;

export default defineRule({
  id: 'iam-no-unscoped-service-invoke',
  meta: {
    description: 'A Lambda permission lets an AWS service invoke the function without saying which resource (SourceArn) or account (SourceAccount) may do so.',
    severity: 'warning',
    cwe: ['CWE-441'],
    securitySeverity: 6.0,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      noSourceArn:
        'Lambda permission lets {{service}} invoke the function from any resource in any account{{when}} (confused deputy). Set SourceArn to the bucket, rule, topic or API that should invoke it.',
      accountOnly:
        'Lambda permission lets {{service}} invoke the function from any resource in {{scope}}{{when}}: {{condition}} is set but SourceArn is not, so every bucket, rule, topic or API there can invoke it, not only the one that should. Set SourceArn to that resource.',
      noSourceAccount:
        'Lambda permission for s3.amazonaws.com has no SourceAccount{{when}}: bucket names are global, so a bucket with this name in another account could invoke the function. Set SourceAccount to your account id.',
    },
    related: { checkov: ['CKV_AWS_364'] },
  },
  create(context) {
    return {
      permission(permission) {
        const principal = permission.principal;
        const service = principal?.value?.trim();
        if (!principal || !service || !SERVICE_PRINCIPAL.test(service)) return;
        const when = describeGuards(principal.when);
        const account = permission.sourceAccount;
        if (!permission.sourceArn && (account || permission.principalOrgId)) {
          // Open to one account (or organisation), not to the world: a smaller confused-deputy surface, said as such.
          const scope = account
            ? account.ref?.name === 'AWS::AccountId' || account.text.includes('AWS::AccountId')
              ? 'your account'
              : `account ${account.value ?? account.text}`
            : 'your organisation';
          const condition = account ? 'SourceAccount' : 'PrincipalOrgID';
          context.report({ at: principal.loc, messageId: 'accountOnly', severity: 'note', data: { service, when, scope, condition } });
        } else if (!permission.sourceArn) {
          context.report({ at: principal.loc, messageId: 'noSourceArn', data: { service, when } });
        } else if (service.toLowerCase() === 's3.amazonaws.com' && !permission.sourceAccount) {
          context.report({ at: principal.loc, messageId: 'noSourceAccount', data: { when } });
        }
      },
    };
  },
});
