import type { Condition, Entry, Principal, Statement } from '../model.js';
import { actionMatches } from './actions.js';

/** Condition keys that tie a grant to one account, organisation, source or network: they make a `*` principal non-public. */
const NARROWING_KEYS = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpce',
    'aws:SourceVpc',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalServiceName',
    'aws:userid',
    'sts:ExternalId',
    // KMS key policies: "every principal of this account" (AWS's pattern for keys used through a service).
    'kms:CallerAccount',
    'aws:SourceIp',
    // Delegating bucket access to the account's own access points (AWS's recommended pattern).
    's3:DataAccessPointAccount',
    's3:DataAccessPointArn',
  ].map((k) => k.toLowerCase()),
);

/** The condition keys a `Condition` block tests, lower-cased (`{StringEquals: {"aws:SourceAccount": …}}` → `aws:sourceaccount`). */
function conditionKeys(condition: Condition | undefined): string[] {
  return (condition?.tests ?? []).map((t) => t.key.toLowerCase());
}

export function hasNarrowingCondition(statement: Statement): boolean {
  return conditionKeys(statement.condition).some((k) => NARROWING_KEYS.has(k));
}

/** `"*"` or `{AWS: "*"}`: anyone, in any account. */
export function publicPrincipalEntries(principal: Principal | undefined): Entry[] {
  if (!principal) return [];
  return principal.entries.filter((e) => e.type === '*' || (e.type === 'AWS' && e.value?.trim() === '*'));
}

export function isWildcardResource(entry: Entry): boolean {
  return entry.value?.trim() === '*';
}

export function knownValues(entries: readonly Entry[] | undefined): string[] {
  return (entries ?? []).flatMap((e) => (e.value === undefined ? [] : [e.value.trim()]));
}


/**
 * Whether a public `Allow` is fenced by a `Deny` of the same policy: `Deny` to `"*"` of the same
 * actions unless a narrowing condition holds (`StringNotEquals: {aws:SourceVpce: …}`), AWS's pattern
 * for private APIs and VPC-only buckets.
 */
export function fencedByDeny(statements: readonly Statement[], allow: Statement): boolean {
  const actions = knownValues(allow.actions?.entries);
  if (actions.length === 0) return false;
  return statements.some((deny) => {
    if (deny.effect !== 'Deny' || deny.notActions || publicPrincipalEntries(deny.principal).length === 0 || !hasNarrowingCondition(deny)) return false;
    const patterns = knownValues(deny.actions?.entries);
    return actions.every((a) => patterns.some((p) => actionMatches(p, a)));
  });
}
