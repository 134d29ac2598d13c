/**
 * What a credential looks like, shared by the config and handler secret rules. Shapes come
 * from the issuers' published formats; names follow the conventions teams use for secrets.
 */
const CREDENTIAL_SHAPES: readonly { readonly kind: string; readonly pattern: RegExp; readonly marker: string }[] = [
  { kind: 'AWS access key id', pattern: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/, marker: 'AKIA|ASIA|ABIA|ACCA' },
  { kind: 'private key', pattern: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/, marker: '-----BEGIN' },
  { kind: 'GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/, marker: 'gh[pousr]_|github_pat_' },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/, marker: 'xox[abposr]-' },
  { kind: 'Slack webhook', pattern: /hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/, marker: 'hooks\\.slack\\.com' },
  { kind: 'Stripe key', pattern: /\b[sr]k_(live|test)_[A-Za-z0-9]{16,}\b/, marker: '[sr]k_(?:live|test)_' },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, marker: 'AIza' },
  // The scheme starts where scheme characters start (not at every `\b` of `a.a.a.…`, which would rescan the rest each time).
  { kind: 'password in a URL', pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, marker: ':\\/\\/' },
];

/** A text every shape contains, from each shape's marker (one scan instead of eight for the many values that are none). */
const SHAPE_MARKERS = new RegExp(CREDENTIAL_SHAPES.map((s) => s.marker).join('|'), 'i');

/** The kind of credential a value looks like, whatever it is called. */
export function credentialShape(value: string): string | undefined {
  if (!SHAPE_MARKERS.test(value)) return undefined;
  return CREDENTIAL_SHAPES.find((s) => s.pattern.test(value))?.kind;
}

/** Name parts that say "this holds a secret". */
const SECRET_NAME = /(pass(word|wd|phrase)?|pwd|secret|token|api_?key|private_?key|credential|access_?key|auth_?key|signing_?key|encryption_?key|client_?secret|hmac|bearer|session_?key|master_?key)/i;
/** Name endings that say "this names or configures a secret, it is not one". */
const REFERENCE_SUFFIX =
  /(_|^)(arn|name|id|ids|path|param|parameter|ssm|ref|url|uri|endpoint|host|header|ttl|seconds|minutes|hours|days|ms|timeout|expiry|expiration|expires|length|size|count|max|min|type|enabled|version|field|table|bucket|queue|topic|key_id|region|location|prefix|policy|rotation|file|env|stage|mode|issuer|audience|algorithm|alg|kind|format|scope)$/i;

/** Splits camelCase and kebab-case into SNAKE_CASE so one set of patterns serves env vars and code. */
function normaliseName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-.\s]/g, '_')
    .toLowerCase();
}

export function looksSecretName(name: string): boolean {
  const n = normaliseName(name);
  return SECRET_NAME.test(n) && !REFERENCE_SUFFIX.test(n);
}

/** Values that are obviously not a real secret: placeholders, numbers, booleans, references. */
export function isPlaceholderOrReference(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (/^-?\d+(\.\d+)?$/.test(v) || /^(true|false|yes|no|on|off|null|none|undefined)$/i.test(v)) return true;
  if (/^arn:/.test(v) || /\{\{resolve:/.test(v) || /^\$\{/.test(v)) return true;
  if (/^(<.*>|\[.*\]|x{3,}|\*{3,}|\.{3,}|-+)$/i.test(v)) return true;
  // Documentation and sample values: AKIAIOSFODNN7EXAMPLE, DUMMYEXAMPLEKEY, my-sample-token.
  if (/(example|dummy|sample|placeholder|redacted|replace[-_]?me|change[-_]?me|your[-_]?(api|secret|token|key|password))/i.test(v)) return true;
  return /^(change[-_ ]?me|changeit|todo|tbd|fixme|replace[-_ ]?me.*|your[-_ ].*|dummy|example|placeholder|secret|password|token|test|testing|default|empty)$/i.test(v);
}

/** A secret-named literal that reads like a value, not like a name, path, URL or sentence. */
export function looksLikeCredentialValue(value: string): boolean {
  return !(value.length < 8 || /\s/.test(value) || value.startsWith('/') || /^https?:\/\/[^@]*$/i.test(value));
}

/** A credential kind with its indefinite article, for messages: "an AWS access key id", "a GitHub token". */
export function withArticle(kind: string): string {
  return `${/^[AEIOU]/i.test(kind) ? 'an' : 'a'} ${kind}`;
}
