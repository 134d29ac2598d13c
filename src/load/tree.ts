import type { Location } from '../location.js';

/**
 * The located document tree every loader works on. YAML and JSON parse into scalars, maps
 * and sequences; resolution adds two kinds: `unresolved` (a value we cannot know statically:
 * `${ssm:…}`, a parameter without default, `!ImportValue`) and `if` (both branches of
 * `Fn::If`, tagged with their condition). Unknown values are never turned into strings.
 */
export type Node = ScalarNode | MapNode | SeqNode | UnresolvedNode | IfNode;
export type Scalar = string | number | boolean | null;

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly value: Scalar;
  readonly loc: Location;
  /** Set when the value was resolved through a Serverless variable or a CloudFormation parameter: says which. */
  readonly via?: string;
  /** The value is a default (a parameter's `Default`, the fallback of `${opt:stage, 'dev'}`), not one the user set. */
  readonly fromDefault?: boolean;
  /**
   * Where the string's text sits in the file, when it is written verbatim (a literal block
   * scalar `|`, or a one-line scalar without escapes): its line k, column c is at file line
   * `line + k - 1`, column `column + c - 1`. Lets a document written as a string (a policy as
   * JSON) be located inside it.
   */
  readonly textOrigin?: { readonly line: number; readonly column: number };
}

export interface Pair {
  readonly key: string;
  readonly keyLoc: Location;
  readonly value: Node;
}

export interface MapNode {
  readonly kind: 'map';
  readonly entries: readonly Pair[];
  readonly loc: Location;
}

export interface SeqNode {
  readonly kind: 'seq';
  readonly items: readonly Node[];
  readonly loc: Location;
}

export interface UnresolvedNode {
  readonly kind: 'unresolved';
  /** How the value is written in the source, e.g. `${ssm:/db/password}` or `!ImportValue Shared`. */
  readonly text: string;
  readonly reason: string;
  readonly loc: Location;
  /** What a `Ref`/`GetAtt` points at, when it names something in the same template. */
  readonly target?: { readonly kind: 'resource' | 'parameter' | 'pseudo'; readonly name: string; readonly attribute?: string };
}

export interface IfNode {
  readonly kind: 'if';
  readonly condition: string;
  readonly whenTrue: Node;
  readonly whenFalse: Node;
  readonly loc: Location;
}

/**
 * The key of the pair that stands for keys we cannot know: a serverless.ts object spreading a
 * value computed by code (`{ ...defaults(), handler }`). It comes last, its value is the
 * unresolved spread, and it tells a loader that an absent key may be set after all.
 */
export const UNKNOWN_KEYS = '...';

/** The unknown spread of a map, if it has one. */
export function unknownKeys(node: Node | undefined): UnresolvedNode | undefined {
  if (node?.kind === 'unresolved') return node;
  const value = isMap(node) ? node.entries.at(-1) : undefined;
  return value?.key === UNKNOWN_KEYS && value.value.kind === 'unresolved' ? value.value : undefined;
}

export function isMap(node: Node | undefined): node is MapNode {
  return node?.kind === 'map';
}
export function isSeq(node: Node | undefined): node is SeqNode {
  return node?.kind === 'seq';
}
export function isScalar(node: Node | undefined): node is ScalarNode {
  return node?.kind === 'scalar';
}

export function pairOf(map: Node | undefined, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.entries.find((p) => p.key === key);
}

export function get(map: Node | undefined, key: string): Node | undefined {
  return pairOf(map, key)?.value;
}

/** Case-insensitive lookup, for settings the Serverless Framework and SAM accept in either case. */
export function getCI(map: Node | undefined, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  const lower = key.toLowerCase();
  return map.entries.find((p) => p.key.toLowerCase() === lower);
}

export function getPath(node: Node | undefined, ...path: string[]): Node | undefined {
  let cur = node;
  for (const key of path) cur = get(cur, key);
  return cur;
}

/** A known string (numbers and booleans as their text); undefined for anything else. */
export function str(node: Node | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  return String(node.value);
}

/** The items of a sequence, or the node itself as a one-item list (many settings accept both). */
export function items(node: Node | undefined): readonly Node[] {
  if (node === undefined) return [];
  if (isSeq(node)) return node.items;
  return [node];
}

/** A single-key map whose key is an intrinsic function name (`Ref`, `Fn::…`, `Condition`). */
export function intrinsicOf(node: Node | undefined): { name: string; arg: Node; pair: Pair } | undefined {
  if (!isMap(node) || node.entries.length !== 1) return undefined;
  const pair = node.entries[0]!;
  if (pair.key === 'Ref' || pair.key === 'Condition' || pair.key.startsWith('Fn::')) {
    return { name: pair.key, arg: pair.value, pair };
  }
  return undefined;
}

/** Source-like text for messages: how a node reads to a user. */
/** Where `describe` stops: a value is shown, not reproduced, and shared subtrees must not be spelt out 2^40 times. */
const DESCRIBE_LIMIT = 4096;

export function describe(node: Node | undefined): string {
  const parts: string[] = [];
  let length = 0;
  const write = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length <= DESCRIBE_LIMIT;
  };
  const visit = (n: Node | undefined): boolean => {
    if (n === undefined) return write('(missing)');
    switch (n.kind) {
      case 'scalar':
        return write(n.value === null ? 'null' : String(n.value));
      case 'unresolved':
        return write(n.text);
      case 'if':
        return write(`Fn::If ${n.condition}`);
      case 'seq':
        if (!write('[')) return false;
        for (const [i, item] of n.items.entries()) if ((i > 0 && !write(', ')) || !visit(item)) return false;
        return write(']');
      case 'map': {
        const fn = intrinsicOf(n);
        if (fn) return write(fn.name === 'Ref' ? '!Ref ' : `${fn.name} `) && visit(fn.arg);
        if (!write('{')) return false;
        for (const [i, p] of n.entries.entries()) if ((i > 0 && !write(', ')) || !write(`${p.key}: `) || !visit(p.value)) return false;
        return write('}');
      }
    }
  };
  const whole = visit(node);
  const text = parts.join('');
  return whole ? text : `${text.slice(0, DESCRIBE_LIMIT)}…`;
}

export function unresolvedNode(
  text: string,
  reason: string,
  loc: Location,
  target?: UnresolvedNode['target'],
): UnresolvedNode {
  return target ? { kind: 'unresolved', text, reason, loc, target } : { kind: 'unresolved', text, reason, loc };
}

/** `{key: value}` when the value is defined, `{}` otherwise: for optional properties of model objects. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
