import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, unwrap } from './ast.js';
import type { ModuleInfo } from './modules.js';

/** `setTimeout`/`setInterval` of the platform (not a local or imported function of that name). */
export function isGlobalTimer(call: TSESTree.CallExpression, module: ModuleInfo): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === 'Identifier') {
    return (callee.name === 'setInterval' || callee.name === 'setTimeout') && !module.resolved.get(callee)?.defs.length && !module.imports.has(callee.name);
  }
  const path = memberPath(callee);
  return path === 'global.setTimeout' || path === 'global.setInterval' || path === 'globalThis.setTimeout' || path === 'globalThis.setInterval';
}
