import type { Condition, Entry, Principal, Statement } from '../model.js';

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

export function hasConditionKey(statement: Statement, key: string): boolean {
  return conditionKeys(statement.condition).includes(key.toLowerCase());
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

