import type { EnvVar } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { branches } from '../../src/load/cloudformation/intrinsics.js';
import { credentialShape, isPlaceholderOrReference, looksSecretName } from '../../src/secrets/credentials.js';

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
        'Environment variable {{name}} holds a literal secret{{via}}{{when}}: it is stored in plain text in the template, the deployment artefacts and the function configuration, readable by anyone with lambda:GetFunctionConfiguration. Store it in Secrets Manager or SSM SecureString and read it at run time (or use `${ssm:…}` / `{{resolve:secretsmanager:…}}`).',
      shaped:
        'Environment variable {{name}} holds what looks like a {{kind}}{{via}}{{when}}: it is stored in plain text in the template and the function configuration. Rotate it, store it in Secrets Manager or SSM SecureString, and read it at run time.',
    },
    related: { checkov: ['CKV_AWS_45'], cfn_nag: ['W24'] },
  },
  create(context) {
    const check = (env: EnvVar) => {
      for (const b of branches(env.value)) {
        const node = b.node;
        // Unresolved values (${ssm:…}, a NoEcho parameter, a resource ARN) are references, not secrets.
        if (node.kind !== 'scalar' || typeof node.value !== 'string') continue;
        const value = node.value;
        const via = node.via?.startsWith('default of parameter') ? ` (the ${node.via})` : node.via ? ` (through ${node.via})` : '';
        const when = describeGuards(b.when);
        if (isPlaceholderOrReference(value)) continue;
        const kind = credentialShape(value);
        if (kind) {
          context.report({ at: env.keyLoc, messageId: 'shaped', data: { name: env.name, kind, via, when } });
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
