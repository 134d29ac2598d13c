import { branches } from '../branches.js';
import { get, isSeq, str, type Node } from '../tree.js';

/**
 * A REST API whose endpoint type is PRIVATE (SAM `EndpointConfiguration: PRIVATE` or `{Type:
 * PRIVATE}`, CloudFormation `EndpointConfiguration: {Types: [PRIVATE]}`): only VPC endpoints reach
 * it. Every `Fn::If` branch must be private for the API to count as private.
 */
export function isPrivateApi(apiProps: Node | undefined): boolean {
  const config = get(apiProps, 'EndpointConfiguration');
  if (config === undefined) return false;
  const alternatives = branches(config);
  return (
    alternatives.length > 0 &&
    alternatives.every((b) => {
      const types = str(b.node) ?? str(get(b.node, 'Type'));
      if (types !== undefined) return types.toUpperCase() === 'PRIVATE';
      const list = get(b.node, 'Types');
      const items = isSeq(list) ? list.items : list ? [list] : [];
      return items.length > 0 && items.every((t) => str(t)?.toUpperCase() === 'PRIVATE');
    })
  );
}
