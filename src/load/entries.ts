import type { Entry, Guard } from '../model.js';
import { branches, listItems, type Branch } from './branches.js';
import { describe, type Node } from './tree.js';

/** Turns one resolved alternative into a model value: known text, or the source text of what could not be resolved. */
export function entryOf(b: Branch): Entry {
  const { node, when } = b;
  if (node.kind === 'unresolved') {
    return { value: undefined, text: node.text, loc: node.loc, when, reason: node.reason, ...(node.target ? { ref: node.target } : {}) };
  }
  if (node.kind !== 'scalar') return { value: undefined, text: describe(node), loc: node.loc, when };
  const value = node.value === null ? undefined : String(node.value);
  const scalarType = typeof node.value === 'number' ? 'number' : typeof node.value === 'boolean' ? 'boolean' : undefined;
  return {
    value,
    text: describe(node),
    loc: node.loc,
    when,
    ...(scalarType ? { scalarType } : {}),
    ...(node.via ? { via: node.via } : {}),
    ...(node.fromDefault ? { fromDefault: true } : {}),
  };
}

/** The entries of a list-valued setting (a scalar counts as a one-item list), `Fn::If` expanded. */
export function entriesOf(node: Node | undefined, when: readonly Guard[] = []): Entry[] {
  return listItems(node, when).map(entryOf);
}

/** A single-valued setting's alternatives: one entry per `Fn::If` branch. */
export function valuesOf(node: Node | undefined, when: readonly Guard[] = []): Entry[] {
  return branches(node, when).map(entryOf);
}
