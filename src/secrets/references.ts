/**
 * References that make the deployment resolve a secret into plain text: the Serverless
 * Framework's `${ssm:/path~true}` (decrypt) and `${ssm:/aws/reference/secretsmanager/…}`, and
 * CloudFormation's dynamic references `{{resolve:secretsmanager:…}}` and `{{resolve:ssm-secure:…}}`.
 * A reference that only names a secret (its ARN, a plain `${ssm:/app/table}`) is not one.
 */
const SECRETS_MANAGER_THROUGH_SSM = /\$\{ssm(?:\([^)]*\))?:\s*\/aws\/reference\/secretsmanager\/([^}~,\s]+)/i;
const SSM_DECRYPT = /\$\{ssm(?:\([^)]*\))?:\s*([^}~,\s]+)~true\b/i;
const CFN_SECRETS_MANAGER = /\{\{resolve:secretsmanager:((?:arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:)?(?:\$\{[^}]*\}|[^:}])+)/i;
const CFN_SSM_SECURE = /\{\{resolve:ssm-secure:((?:\$\{[^}]*\}|[^:}])+)/i;

/** What secret a value resolves at deploy time ("Secrets Manager secret shelter/smtp"), or undefined. */
export function decryptedSecretSource(text: string): string | undefined {
  const sm = SECRETS_MANAGER_THROUGH_SSM.exec(text) ?? CFN_SECRETS_MANAGER.exec(text);
  if (sm) return `Secrets Manager secret ${sm[1]}`;
  const ssm = SSM_DECRYPT.exec(text) ?? CFN_SSM_SECURE.exec(text);
  if (ssm) return `SSM SecureString ${ssm[1]}, decrypted`;
  return undefined;
}
