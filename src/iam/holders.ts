/**
 * Who holds a role: the functions that run with it, a service its trust policy names, the users of
 * a Cognito identity pool, other accounts. Every IAM rule applies to every role and policy a
 * config defines (what a grant allows is a risk whoever holds it); the holder says what the
 * grant puts at risk, and findings name it instead of assuming "the function".
 */
import type { Entry, Project, Role, Statement } from '../model.js';
import { knownValues } from './statements.js';

export type HolderKind = 'functions' | 'lambda' | 'service' | 'identity-pool' | 'principals' | 'policy' | 'unknown';

export interface Holder {
  readonly kind: HolderKind;
  /** Who holds it, as a message names them: "function orders", "role DeployRole (assumed by codebuild.amazonaws.com)". */
  readonly name: string;
  /** Who gets its rights when the holder is compromised: "a bug or injection in the function", "any user of the app, from the browser,". */
  readonly compromise: string;
}

const MAX_NAMED = 3;
const COGNITO = 'cognito-identity.amazonaws.com';

function namesList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMED);
  const more = names.length - shown.length;
  const list = shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : list;
}

/** What a trust policy's Cognito condition says about the identity pool: its id (or `!Ref`) and whether guests get the role. */
function identityPool(statements: readonly Statement[]): { pool: string | undefined; guests: boolean } {
  let pool: string | undefined;
  let guests = false;
  for (const s of statements) {
    for (const t of s.condition?.tests ?? []) {
      const key = t.key.toLowerCase();
      const shown = t.values.map((v: Entry) => v.ref?.name ?? v.value ?? v.text);
      if (key === `${COGNITO}:aud`) pool ??= shown[0];
      if (key === `${COGNITO}:amr` && shown.some((v) => v === 'unauthenticated')) guests = true;
    }
  }
  return { pool, guests };
}

const holders = new WeakMap<Role, Holder>();

/** Who holds the role, from the functions using it and its trust policy. */
export function holderOf(project: Project, role: Role): Holder {
  const known = holders.get(role);
  if (known) return known;
  const holder = computeHolder(project, role);
  holders.set(role, holder);
  return holder;
}

function computeHolder(project: Project, role: Role): Holder {
  if (role.usedBy.length > 0) {
    const names = role.usedBy.map((id) => project.functions.find((f) => f.id === id)?.name ?? id);
    const one = names.length === 1;
    return {
      kind: 'functions',
      name: `${one ? 'function' : 'functions'} ${namesList(names)}`,
      compromise: `a bug or injection in ${one ? 'the function' : 'any of them'}`,
    };
  }
  if (role.kind === 'policy') return { kind: 'policy', name: `policy ${role.name}`, compromise: 'whoever it is attached to' };
  const allows = role.trust.filter((s) => s.effect === 'Allow');
  const principals = allows.flatMap((s) => s.principal?.entries ?? []);
  const federated = knownValues(principals.filter((p) => p.type === 'Federated'));
  if (federated.some((p) => p.toLowerCase() === COGNITO)) {
    const { pool, guests } = identityPool(allows);
    const users = `${guests ? 'unauthenticated (guest) users' : 'users'} of Cognito identity pool${pool ? ` ${pool}` : ''}`;
    return {
      kind: 'identity-pool',
      name: `role ${role.name} (held by ${users}, in their browsers)`,
      compromise: `any ${guests ? 'visitor' : 'user of the app'}, with the credentials from the browser,`,
    };
  }
  const services = knownValues(principals.filter((p) => p.type === 'Service'));
  const others = services.filter((s) => !/^lambda\.amazonaws\.com/i.test(s));
  if (services.length > 0 && others.length === 0) {
    return { kind: 'lambda', name: `role ${role.name} (for Lambda functions)`, compromise: 'a bug or injection in a function using it' };
  }
  if (others.length > 0) {
    return {
      kind: 'service',
      name: `role ${role.name} (assumed by ${namesList(others)})`,
      compromise: `whoever controls what ${others.length === 1 ? 'that service does' : 'those services do'} with it (a template it deploys, a build script, a task)`,
    };
  }
  const accounts = knownValues(principals.filter((p) => p.type === 'AWS' || p.type === 'Federated'));
  if (accounts.length > 0) {
    return { kind: 'principals', name: `role ${role.name} (assumed by ${namesList(accounts)})`, compromise: 'whoever can assume it' };
  }
  // A generated or per-function role without functions, or a role whose trust faaslint cannot read.
  return { kind: 'unknown', name: `role ${role.name}`, compromise: 'whoever holds it' };
}
