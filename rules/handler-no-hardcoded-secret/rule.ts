import { defineRule } from '../../src/engine/rule.js';
import { withArticle } from '../../src/secrets/credentials.js';

export default defineRule({
  id: 'handler-no-hardcoded-secret',
  meta: {
    description: 'Handler source (or a local module it imports) holds a credential literal.',
    severity: 'error',
    cwe: ['CWE-798'],
    securitySeverity: 8.0,
    precision: 'high',
    appliesTo: ['handler'],
    messages: {
      shaped:
        'This holds what looks like {{kind}}{{name}} in source code: it ships in every deployment package and lives in version control history. Revoke it, store it in Secrets Manager or SSM SecureString, and read it at run time.',
      named:
        'Secret-named {{nameOnly}} holds a literal value in source code: it ships in every deployment package and lives in version control history. Store it in Secrets Manager or SSM SecureString and read it at run time.',
    },
    related: { checkov: ['CKV_SECRET_2', 'CKV_SECRET_6'] },
  },
  create(context) {
    return {
      handler(handler) {
        for (const s of handler.hardcodedSecrets) {
          if (s.kind === 'secret-named literal') context.report({ at: s.loc, messageId: 'named', data: { nameOnly: `"${s.name}"` } });
          else context.report({ at: s.loc, messageId: 'shaped', data: { kind: withArticle(s.kind), name: s.name ? ` ("${s.name}")` : '' } });
        }
      },
    };
  },
});
