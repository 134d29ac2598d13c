import { isMap, type Node } from '../load/tree.js';
import type { Entry, Principal, Role, Statement } from '../model.js';

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
export function conditionKeys(condition: Node | undefined): string[] {
  if (!isMap(condition)) return [];
  const keys: string[] = [];
  for (const operator of condition.entries) {
    if (isMap(operator.value)) for (const k of operator.value.entries) keys.push(k.key.toLowerCase());
  }
  return keys;
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

/**
 * Whether a Lambda function can run with this role: a role of a serverless.yml or SAM function,
 * one a function uses, or one whose trust policy names Lambda (or is unknown). Deployment roles
 * for CloudFormation or CodeBuild are not functions' roles.
 */
export function isFunctionRole(role: Role): boolean {
  if (role.kind !== 'cloudformation' || role.usedBy.length > 0) return true;
  const principals = role.trust.flatMap((s) => s.principal?.entries ?? []);
  if (principals.length === 0) return true;
  return principals.some((p) => p.value === undefined || /lambda\.amazonaws\.com/i.test(p.value) || p.type !== 'Service');
}

export function isWildcardResource(entry: Entry): boolean {
  return entry.value?.trim() === '*';
}

export function knownValues(entries: readonly Entry[] | undefined): string[] {
  return (entries ?? []).flatMap((e) => (e.value === undefined ? [] : [e.value.trim()]));
}

