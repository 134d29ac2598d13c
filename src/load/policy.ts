import type { Condition, ConditionTest, Entry, Guard, ListField, ManagedPolicyRef, Principal, PrincipalType, Statement, StatementOrigin } from '../model.js';
import { branches, listItems } from './branches.js';
import { entriesOf, entryOf } from './entries.js';
import type { Location } from '../location.js';
import { parseJsonLocated } from './json.js';
import { get, isMap, optional, pairOf, unresolvedNode, type Node } from './tree.js';
import { append } from '../arrays.js';

function listField(statement: Node, key: string, when: readonly Guard[]): ListField | undefined {
  const pair = pairOf(statement, key);
  if (!pair) return undefined;
  return { keyLoc: pair.keyLoc, entries: entriesOf(pair.value, when) };
}

const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

function principalOf(statement: Node, key: string, when: readonly Guard[]): Principal | undefined {
  const pair = pairOf(statement, key);
  if (!pair) return undefined;
  const entries: (Entry & { type: PrincipalType })[] = [];
  for (const b of branches(pair.value, when)) {
    if (isMap(b.node)) {
      for (const p of b.node.entries) {
        const type = PRINCIPAL_TYPES.find((t) => t === p.key) ?? 'AWS';
        for (const e of entriesOf(p.value, b.when)) entries.push({ ...e, type });
      }
    } else {
      for (const e of entriesOf(b.node, b.when)) entries.push({ ...e, type: e.value === '*' ? '*' : 'AWS' });
    }
  }
  return { keyLoc: pair.keyLoc, entries };
}

function effectOf(node: Node | undefined): Statement['effect'] {
  const v = node?.kind === 'scalar' ? String(node.value).toLowerCase() : undefined;
  return v === 'allow' ? 'Allow' : v === 'deny' ? 'Deny' : undefined;
}

/** Parses one statement or a list of statements (a PolicyDocument's `Statement`, serverless `statements`). */
export function parseStatements(node: Node | undefined, origin: StatementOrigin, when: readonly Guard[] = []): Statement[] {
  const out: Statement[] = [];
  for (const b of listItems(node, when)) {
    // A statement we cannot read (`${file(missing.yml)}`, a value computed in serverless.ts) may grant anything: its effect stays unknown.
    if (b.node.kind === 'unresolved') out.push({ effect: undefined, origin, when: b.when, location: b.node.loc });
    if (!isMap(b.node)) continue;
    const s = b.node;
    const sid = get(s, 'Sid');
    const condition = pairOf(s, 'Condition');
    const statement: Statement = {
      effect: effectOf(get(s, 'Effect')),
      ...(sid?.kind === 'scalar' ? { sid: String(sid.value) } : {}),
      ...optional('actions', listField(s, 'Action', b.when)),
      ...optional('notActions', listField(s, 'NotAction', b.when)),
      ...optional('resources', listField(s, 'Resource', b.when)),
      ...optional('notResources', listField(s, 'NotResource', b.when)),
      ...optional('principal', principalOf(s, 'Principal', b.when)),
      ...optional('notPrincipal', principalOf(s, 'NotPrincipal', b.when)),
      ...optional('condition', condition ? conditionOf(condition.value, b.when) : undefined),
      origin,
      when: b.when,
      location: s.loc,
    };
    out.push(statement);
  }
  return out;
}

/** Parses `{Version, Statement}`, also written as a JSON string (`AssumeRolePolicyDocument: |` and a JSON document). */
export function parsePolicyDocument(doc: Node | undefined, origin: StatementOrigin, when: readonly Guard[] = []): Statement[] {
  const out: Statement[] = [];
  for (const b of branches(doc, when)) {
    const node = documentOf(b.node);
    // A policy string that is not JSON may grant anything: its effect stays unknown.
    if (node === undefined) out.push({ effect: undefined, origin, when: b.when, location: b.node.loc });
    else append(out, parseStatements(get(node, 'Statement'), origin, b.when));
  }
  return out;
}

/**
 * The document a policy value holds: the value itself, or the JSON a string holds, located inside
 * the string where its text is verbatim in the file (a `|` block), else at the string. Undefined
 * for a string that looks like JSON and is not.
 */
export function documentOf(node: Node): Node | undefined {
  const text = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : node.kind === 'unresolved' ? node.text : undefined;
  if (text === undefined || !text.trimStart().startsWith('{')) return node;
  const parsed = parseJsonLocated(text, node.loc.file);
  if (!parsed.root) return node.kind === 'unresolved' ? node : undefined;
  const origin = node.kind === 'scalar' ? node.textOrigin : undefined;
  const place = (loc: Location): Location =>
    origin
      ? { file: loc.file, line: origin.line + loc.line - 1, column: origin.column + loc.column - 1, endLine: origin.line + loc.endLine - 1, endColumn: origin.column + loc.endColumn - 1 }
      : node.loc;
  // In a `Fn::Sub` the loaders could not finish, `${…}` still stands for a value known only after deployment.
  const fromSub = node.kind === 'unresolved';
  const relocate = (n: Node): Node => {
    switch (n.kind) {
      case 'scalar':
        return fromSub && typeof n.value === 'string' && n.value.includes('${')
          ? unresolvedNode(n.value, node.kind === 'unresolved' ? node.reason : 'unresolved', place(n.loc))
          : { kind: 'scalar', value: n.value, loc: place(n.loc) };
      case 'map':
        return { kind: 'map', entries: n.entries.map((p) => ({ key: p.key, keyLoc: place(p.keyLoc), value: relocate(p.value) })), loc: place(n.loc) };
      case 'seq':
        return { kind: 'seq', items: n.items.map(relocate), loc: place(n.loc) };
      default:
        return n;
    }
  };
  return relocate(parsed.root);
}


/** The tests of a `Condition` block: each operator's keys with their values. */
function conditionOf(node: Node, when: readonly Guard[]): Condition {
  const tests: ConditionTest[] = [];
  if (isMap(node)) {
    for (const operator of node.entries) {
      if (!isMap(operator.value)) continue;
      for (const k of operator.value.entries) tests.push({ operator: operator.key, key: k.key, keyLoc: k.keyLoc, values: entriesOf(k.value, when) });
    }
  }
  return { loc: node.loc, tests };
}

/** A managed policy named by ARN, SAM policy name or intrinsic. */
export function managedRef(node: Node, when: readonly Guard[]): ManagedPolicyRef {
  const e = entryOf({ node, when });
  return { value: e.value, text: e.text, loc: e.loc, when };
}
