import { defineRule } from '../../src/engine/rule.js';
import { forFormat } from '../../src/engine/formats.js';
import { describeGuards } from '../../src/engine/guards.js';
import { decryptedSecretSource } from '../../src/secrets/references.js';

/** What to put in the variable instead, in the syntax of the file. */
const INSTEAD = {
  serverless: "the parameter's or secret's name (`DB_PASSWORD_PARAM: /app/db-password`)",
  sam: "the secret's ARN (`DB_SECRET_ARN: !Ref DbSecret`)",
  cloudformation: "the secret's ARN (`DB_SECRET_ARN: !Ref DbSecret`)",
} as const;

export default defineRule({
  id: 'secrets-no-decrypted-env',
  meta: {
    description:
      'A Lambda environment variable is set from a secret resolved at deploy time (`${ssm:…~true}`, `${ssm:/aws/reference/secretsmanager/…}`, `{{resolve:secretsmanager:…}}`), which stores it in plain text in the function configuration.',
    severity: 'error',
    cwe: ['CWE-312', 'CWE-526'],
    securitySeverity: 7.0,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      decrypted:
        "Environment variable {{name}} is set from the {{source}}{{when}}: the deployment resolves it and stores the secret in plain text in the function's configuration, readable by anyone with lambda:GetFunctionConfiguration. Put {{instead}} in the variable and read the secret at run time (the SDK, or the AWS Parameters and Secrets Lambda Extension), with a grant for that secret only.",
    },
    related: {},
  },
  create(context) {
    return {
      function(fn) {
        for (const env of fn.environment) {
          for (const entry of env.values) {
            const source = decryptedSecretSource(entry.value ?? entry.text);
            if (!source) continue;
            const instead = forFormat(context.project, env.keyLoc.file, INSTEAD);
            context.report({ at: env.keyLoc, messageId: 'decrypted', data: { name: env.name, source, instead, when: describeGuards(entry.when) } });
          }
        }
      },
    };
  },
});
