import type { EnvVar } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { credentialShape, isPlaceholderOrReference, looksSecretName, withArticle } from '../../src/secrets/credentials.js';

export default defineRule({
  id: 'secrets-no-plaintext-env',
  meta: {
    description: 'A Lambda environment variable holds a literal secret (secret-like name, or a value shaped like a credential).',
    severity: 'error',
    cwe: ['CWE-798', 'CWE-312'],
    securitySeverity: 7.5,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      named:
        'Environment variable {{name}} holds a literal secret{{via}}{{when}}: it is stored in plain text in the template, the deployment artefacts and the function configuration, readable by anyone with lambda:GetFunctionConfiguration. Store it in Secrets Manager or SSM SecureString and read it at run time, keeping only its name or ARN in the variable (a `{{resolve:secretsmanager:…}}` or `${ssm:…~true}` value would put the plain text back in the configuration).',
      shaped:
        'Environment variable {{name}} holds what looks like {{kind}}{{via}}{{when}}: it is stored in plain text in the template and the function configuration. Rotate it, store it in Secrets Manager or SSM SecureString, and read it at run time.',
    },
    related: { checkov: ['CKV_AWS_45'], cfn_nag: ['W24'] },
  },
  create(context) {
    const check = (env: EnvVar) => {
      for (const entry of env.values) {
        // Unresolved values (${ssm:…}, a NoEcho parameter, a resource ARN) are references, not secrets.
        const value = entry.value;
        if (value === undefined || entry.scalarType !== undefined) continue;
        const via = entry.via?.startsWith('default of parameter') ? ` (the ${entry.via})` : entry.via ? ` (through ${entry.via})` : '';
        const when = describeGuards(entry.when);
        if (isPlaceholderOrReference(value)) continue;
        const kind = credentialShape(value);
        if (kind) {
          context.report({ at: env.keyLoc, messageId: 'shaped', data: { name: env.name, kind: withArticle(kind), via, when } });
        } else if (looksSecretName(env.name)) {
          context.report({ at: env.keyLoc, messageId: 'named', data: { name: env.name, via, when } });
        }
      }
    };
    return {
      function(fn) {
        for (const env of fn.environment) check(env);
      },
    };
  },
});
