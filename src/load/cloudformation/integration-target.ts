import { branches } from '../branches.js';
import { describe, get, str, type Node } from '../tree.js';
import { refTarget, type TemplateScope } from './scope.js';

const FUNCTION_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Serverless::Function']);

/**
 * The function an API Gateway integration URI invokes: `${Fn.Arn}` or `!GetAtt Fn.Arn` inside the
 * invocation ARN, or a literal `…:function:<name>` naming a function of the template by its
 * `FunctionName` (OpenAPI files uploaded as they are hold literal ARNs).
 */
export function integrationTarget(scope: TemplateScope, uri: Node | undefined): string | undefined {
  for (const b of branches(uri)) {
    const direct = refTarget(b.node);
    if (direct && scope.functionIds.has(direct)) return scope.functionIds.get(direct);
    const text = b.node.kind === 'unresolved' ? b.node.text : describe(b.node);
    for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)\.Arn\}|!GetAtt ([A-Za-z0-9]+)\.Arn/g)) {
      const id = scope.functionIds.get(m[1] ?? m[2] ?? '');
      if (id) return id;
    }
    for (const m of text.matchAll(/:function:([A-Za-z0-9_-]+)/g)) {
      for (const r of scope.resources.values()) {
        if (FUNCTION_TYPES.has(r.type) && str(get(r.props, 'FunctionName')) === m[1]) return scope.functionIds.get(r.id);
      }
    }
  }
  return undefined;
}
