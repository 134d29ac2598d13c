import type { Guard } from '../model.js';
import { isSeq, type Node } from './tree.js';
import { append } from '../arrays.js';

/**
 * `Fn::If` alternatives, for every format: CloudFormation templates, and serverless.yml settings
 * that use intrinsics. Loaders turn each alternative into a model value guarded by the branches it took.
 */

/** One alternative of a value with the `Fn::If` branches it took. */
export interface Branch {
  readonly node: Node;
  readonly when: readonly Guard[];
}

const MAX_BRANCHES = 64;

/**
 * Unguarded expansions by node: an alias repeats the same node, and a template that repeats an
 * anchored `Fn::If` chain thousands of times must not pay for (and hold) its guards each time.
 */
const unguarded = new WeakMap<Node, readonly Branch[]>();

/** Expands top-level `Fn::If` nodes into their alternatives (capped so nested conditions cannot explode). */
export function branches(node: Node | undefined, when: readonly Guard[] = []): Branch[] {
  if (node === undefined) return [];
  if (node.kind !== 'if') return [{ node, when }];
  if (when.length > 0) return expand(node, when);
  let known = unguarded.get(node);
  if (known === undefined) {
    known = expand(node, when);
    unguarded.set(node, known);
  }
  return known.slice();
}

function expand(node: Node & { kind: 'if' }, when: readonly Guard[]): Branch[] {
  const out = [
    ...branches(node.whenTrue, [...when, { condition: node.condition, value: true }]),
    ...branches(node.whenFalse, [...when, { condition: node.condition, value: false }]),
  ];
  return out.slice(0, MAX_BRANCHES).filter((b) => !(b.node.kind === 'unresolved' && b.node.text === 'AWS::NoValue'));
}

/**
 * The items of a list-valued setting, with `Fn::If` expanded both at the list and at the item
 * level. Not capped: each branch returned is a node of the tree as aliases expand it (each
 * alternative of a list is its own sequence, each alternative of an item its own node), so there
 * are never more than the parsers' bound on expanded nodes; a cap here dropped items silently.
 */
export function listItems(node: Node | undefined, when: readonly Guard[] = []): Branch[] {
  const out: Branch[] = [];
  for (const b of branches(node, when)) {
    if (isSeq(b.node)) {
      for (const item of b.node.items) append(out, branches(item, b.when));
    } else {
      out.push(b);
    }
  }
  return out;
}
