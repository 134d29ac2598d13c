import { isMap, isSeq, type MapNode, type Node, type Pair } from '../tree.js';

/**
 * Merges a SAM `Globals` section into a resource's properties with SAM's override rules:
 * maps merge key by key (the resource wins), lists are appended (globals first), and any
 * other value set on the resource replaces the global one. Inherited pairs keep the
 * location they have in `Globals`, so a finding on an inherited value points there once.
 */
export function mergeGlobals(globals: Node | undefined, local: Node | undefined): Node | undefined {
  if (globals === undefined) return local;
  if (local === undefined) return globals;
  if (isMap(globals) && isMap(local)) return mergeMaps(globals, local);
  if (isSeq(globals) && isSeq(local)) return { kind: 'seq', items: [...globals.items, ...local.items], loc: local.loc };
  return local;
}

function mergeMaps(globals: MapNode, local: MapNode): MapNode {
  const entries: Pair[] = [];
  const localKeys = new Map(local.entries.map((p) => [p.key, p]));
  for (const g of globals.entries) {
    const l = localKeys.get(g.key);
    if (!l) entries.push(g);
  }
  for (const l of local.entries) {
    const g = globals.entries.find((p) => p.key === l.key);
    entries.push(g ? { key: l.key, keyLoc: l.keyLoc, value: mergeGlobals(g.value, l.value)! } : l);
  }
  return { kind: 'map', entries, loc: local.loc };
}
