import { branches } from '../branches.js';
import type { Auth, Guard } from '../../model.js';
import { get, isMap, isSeq, str, type Node } from '../tree.js';

/** How a REST API is reached: only through VPC endpoints, or from the internet under some guards (none: always). */
export interface ApiReach {
  readonly private: boolean;
  readonly publicWhen: readonly Guard[];
}

const PUBLIC: ApiReach = { private: false, publicWhen: [] };

/**
 * A REST API whose endpoint type is PRIVATE (SAM `EndpointConfiguration: PRIVATE` or `{Type:
 * PRIVATE}`, CloudFormation `EndpointConfiguration: {Types: [PRIVATE]}`): only VPC endpoints reach
 * it. Every `Fn::If` branch must be private for the API to count as private; when one branch is not,
 * its routes are on the internet only under that branch's conditions.
 */
export function apiReach(apiProps: Node | undefined): ApiReach {
  // The endpoint type may be chosen by an `Fn::If` on the whole setting or on its `Type`/`Types`.
  const alternatives = branches(get(apiProps, 'EndpointConfiguration')).flatMap((b) => {
    if (!isMap(b.node)) return [b];
    const types = branches(get(b.node, 'Type') ?? get(b.node, 'Types'), b.when);
    return types.length > 0 ? types : [b];
  });
  if (alternatives.length === 0) return PUBLIC;
  const open = alternatives.filter((b) => !isPrivateType(b.node));
  if (open.length === 0) return { private: true, publicWhen: [] };
  return open.length === 1 && alternatives.length > 1 ? { private: false, publicWhen: open[0]!.when } : PUBLIC;
}

/** An endpoint type, once `Fn::If` is expanded: `PRIVATE`, or a `Types` list of PRIVATE only. */
function isPrivateType(type: Node): boolean {
  const items = isSeq(type) ? type.items : [type];
  return items.length > 0 && items.every((t) => str(t)?.toUpperCase() === 'PRIVATE');
}

/** An endpoint's auth and privacy on an API reached that way: private, or its auth narrowed to when the API is public. */
export function reachedAuth(reach: ApiReach, auth: Auth): { readonly auth: Auth; readonly privateApi?: true } {
  if (reach.private) return { auth, privateApi: true };
  return reach.publicWhen.length === 0 ? { auth } : { auth: { ...auth, when: [...auth.when, ...reach.publicWhen] } };
}
