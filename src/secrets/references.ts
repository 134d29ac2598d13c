/**
 * References that make the deployment resolve a secret into plain text: the Serverless
 * Framework's `${ssm:/path~true}` (decrypt) and `${ssm:/aws/reference/secretsmanager/…}`, and
 * CloudFormation's dynamic references `{{resolve:secretsmanager:…}}` and `{{resolve:ssm-secure:…}}`.
 * A reference that only names a secret (its ARN, a plain `${ssm:/app/table}`) is not one.
 */
// Bracketed parts stop at the next bracket of either kind: `[^)]*` would rescan to the end of `${ssm(${ssm(…` from every occurrence.
const SECRETS_MANAGER_THROUGH_SSM = /\$\{ssm(?:\([^()}]*\))?:\s*\/aws\/reference\/secretsmanager\/([^}~,\s]+)/i;
const CFN_SECRETS_MANAGER = /\{\{resolve:secretsmanager:((?:arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:)?(?:\$\{[^{}]*\}|[^:}])+)/i;
const CFN_SSM_SECURE = /\{\{resolve:ssm-secure:((?:\$\{[^{}]*\}|[^:}])+)/i;

/** What secret a value resolves at deploy time ("Secrets Manager secret shelter/smtp"), or undefined. */
export function decryptedSecretSource(text: string): string | undefined {
  const sm = SECRETS_MANAGER_THROUGH_SSM.exec(text) ?? CFN_SECRETS_MANAGER.exec(text);
  if (sm) return `Secrets Manager secret ${sm[1]}`;
  const name = ssmDecryptedName(text) ?? CFN_SSM_SECURE.exec(text)?.[1];
  return name === undefined ? undefined : `SSM SecureString ${name}, decrypted`;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const endsName = (c: string | undefined) => c === undefined || c === '}' || c === '~' || c === ',' || isSpace(c);

/**
 * The parameter of the first `${ssm:NAME~true}` (or `${ssm(region):NAME~true}`). Read by hand: as a
 * regular expression, each `${ssm:` inside a long name would rescan the rest of it, a quadratic cost
 * on `${ssm:${ssm:${ssm:…`. The end of the name is found once and reused by the occurrences inside it.
 */
function ssmDecryptedName(text: string): string | undefined {
  const lower = text.toLowerCase();
  let nameEnd = -1;
  for (let at = lower.indexOf('${ssm'); at >= 0; at = lower.indexOf('${ssm', at + 1)) {
    let i = at + 5;
    if (text[i] === '(') {
      while (++i < text.length && text[i] !== ')' && text[i] !== '(' && text[i] !== '}');
      if (text[i] !== ')') continue;
      i++;
    }
    if (text[i] !== ':') continue;
    i++;
    while (isSpace(text[i])) i++;
    if (nameEnd < i) for (nameEnd = i; !endsName(text[nameEnd]); nameEnd++);
    if (nameEnd > i && lower.startsWith('~true', nameEnd) && !/\w/.test(text[nameEnd + 5] ?? '')) return text.slice(i, nameEnd);
  }
  return undefined;
}
