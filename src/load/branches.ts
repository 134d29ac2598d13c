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

/** Expands top-level `Fn::If` nodes into their alternatives (capped so nested conditions cannot explode). */
export function branches(node: Node | undefined, when: readonly Guard[] = []): Branch[] {
  if (node === undefined) return [];
  if (node.kind !== 'if') return [{ node, when }];
  const out = [
    ...branches(node.whenTrue, [...when, { condition: node.condition, value: true }]),
    ...branches(node.whenFalse, [...when, { condition: node.condition, value: false }]),
  ];
  return out.slice(0, MAX_BRANCHES).filter((b) => !(b.node.kind === 'unresolved' && b.node.text === 'AWS::NoValue'));
}

/** The items of a list-valued setting, with `Fn::If` expanded both at the list and at the item level. */
export function listItems(node: Node | undefined, when: readonly Guard[] = []): Branch[] {
  const out: Branch[] = [];
  for (const b of branches(node, when)) {
    if (isSeq(b.node)) {
      for (const item of b.node.items) append(out, branches(item, b.when));
    } else {
      out.push(b);
    }
    if (out.length > MAX_BRANCHES * 16) break;
  }
  return out;
}
