import { wildcardMatch } from '../glob.js';
import { resourceTypeArn, serviceOf, type ActionFacts } from './actions.js';

/**
 * What an ARN pattern in a `Resource` covers, decided from its structure and AWS's ARN formats for
 * the action's resource types (IAM data), never from a list of known-bad patterns.
 *
 * A pattern covers *every* resource of a type when it matches that type's ARN whatever the
 * resource's name: `arn:aws:dynamodb:*:*:table/*` matches `table/<any name>`, as does
 * `arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*` for queues or `arn:aws:s3:::*` for buckets and
 * objects. A name prefix (`table/orders-*`), one table's indexes (`table/Orders/index/*`) or one
 * bucket's objects (`arn:aws:s3:::my-bucket/*`) name part of the resource, so they do not.
 */

/** Placeholders a loader leaves in a value it could not resolve (`${AWS::AccountId}`, `${aws:region}`, `#{AWS::Region}`): each stands for one value, never for every value. */
const PLACEHOLDER = /[$#]\{[^{}]*\}/g;
/** Stands for the value a placeholder names: no probe equals it. */
const KNOWN_VALUE = '\u0002';
/** Stands for an arbitrary resource name: a pattern that matches it does not constrain the name. */
const ANY_NAME = '\u0001';
const VARIABLE = /\$\{[^}]+\}/g;

/** `arn:partition:service:region:account:resource`, the resource part keeping its colons; fewer fields when the pattern ends early (`arn:aws:iot:*`). */
function arnFields(arn: string): string[] {
  const parts = arn.split(':');
  return parts.length <= 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** The pattern with each placeholder replaced by a known value; undefined when it is not an ARN. */
function normalisedPattern(text: string): string | undefined {
  let pattern = text.trim();
  for (let i = 0; i < 8 && PLACEHOLDER.test(pattern); i++) pattern = pattern.replace(PLACEHOLDER, KNOWN_VALUE);
  return pattern.startsWith('arn:') ? pattern : undefined;
}

/**
 * An ARN of the type whose every name is arbitrary, in the partition, region and account the
 * pattern names; undefined when the pattern's fields rule the type out (an S3 bucket pattern has
 * no region, so it names no access point).
 */
function probeArn(format: string, pattern: readonly string[]): string | undefined {
  const fields = arnFields(format);
  // A resource without a name (`/account` of API Gateway, the Glue `catalog`) is one resource, not a type of many.
  if (fields.length !== 6 || !fields[5]!.includes('${')) return undefined;
  const out = [fields[0]!];
  for (let i = 1; i <= 4; i++) {
    const field = fields[i]!;
    if (i === 2 || !field.includes('${')) {
      out.push(field);
      continue;
    }
    // The pattern's own partition, region or account when it writes one; a short pattern (`arn:aws:iot:*`) leaves them open.
    const complete = i < pattern.length - 1;
    if (complete && pattern[i] === '') return undefined;
    out.push(complete ? pattern[i]! : ANY_NAME);
  }
  out.push(fields[5]!.replace(VARIABLE, ANY_NAME));
  return out.join(':');
}

/**
 * The resource types of the action whose every resource the ARN pattern covers (`['table', 'index']`),
 * empty when it names part of them or is not an ARN.
 */
export function typesCoveredBy(text: string, action: ActionFacts): string[] {
  const memo = memoFor(text);
  if (!memo.fields) return [];
  const service = serviceOf(action);
  const covered: string[] = [];
  for (const type of action.resourceTypes) {
    const key = `${service}:${type.name}`;
    let verdict = memo.verdicts.get(key);
    if (verdict === undefined) {
      // Some types have several ARN formats (API Gateway's `Authorizer`, for REST and HTTP APIs), listed with commas.
      const formats = resourceTypeArn(service, type.name)?.split(/,\s*(?=arn:)/) ?? [];
      verdict = formats.some((format) => wildcardMatch(memo.pattern!, probeArn(format, memo.fields!) ?? '\u0000'));
      memo.verdicts.set(key, verdict);
    }
    if (verdict) covered.push(type.name);
  }
  return covered;
}

/**
 * The last pattern asked about, its fields and its verdict per service and resource type: a
 * statement's resource is tested against every action its statement grants in a row, ~22,000
 * for "*", and the verdict depends on the type alone.
 */
interface PatternMemo {
  readonly text: string;
  readonly pattern: string | undefined;
  readonly fields: string[] | undefined;
  readonly verdicts: Map<string, boolean>;
}
let lastPattern: PatternMemo | undefined;

function memoFor(text: string): PatternMemo {
  if (lastPattern?.text !== text) {
    const pattern = normalisedPattern(text);
    lastPattern = { text, pattern, fields: pattern === undefined ? undefined : arnFields(pattern), verdicts: new Map() };
  }
  return lastPattern;
}

/** Whether the text is an ARN pattern at all (a value, or the source text of one the loaders left unresolved). */
export function isArnPattern(text: string): boolean {
  return normalisedPattern(text) !== undefined;
}
