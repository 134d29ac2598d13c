import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { BackgroundWork } from '../../model.js';
import type { AnalysisScope } from './analysis-scope.js';
import { calleeName, enclosingFunction, enclosingStatement, isFunction, locationOf, memberPath, sourceText, unwrap, walk, type AstNode } from './ast.js';
import { definitionOf, type ModuleInfo } from './modules.js';
import { isGlobalTimer } from './timers.js';

/** `await new Promise((r) => setTimeout(r, ms))`: a sleep the handler waits for. */
function isAwaitedSleep(call: AstNode, module: ModuleInfo): boolean {
  const fn = enclosingFunction(call, module.parents);
  const newPromise = fn && module.parents.get(fn);
  if (newPromise?.type !== 'NewExpression' || newPromise.callee.type !== 'Identifier' || newPromise.callee.name !== 'Promise') return false;
  const user = module.parents.get(newPromise);
  return user?.type === 'AwaitExpression' || user?.type === 'ReturnStatement' || (user?.type === 'ArrowFunctionExpression' && user.body === newPromise);
}

/** A call that returns a promise of network work: SDK v3 `client.send(…)`, SDK v2 `….promise()`, `fetch(…)`, and their `.then/.catch` chains. */
function isPromiseOfWork(node: AstNode, module: ModuleInfo): boolean {
  const n = unwrap(node);
  if (n.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee);
  if (callee.type === 'Identifier') return callee.name === 'fetch' && !module.resolved.get(callee)?.defs.length;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const name = callee.property.name;
  if (name === 'then' || name === 'catch' || name === 'finally') return isPromiseOfWork(callee.object, module);
  if (name === 'promise') return unwrap(callee.object).type === 'CallExpression';
  if (name === 'send') return isSdkClient(callee.object, module);
  return false;
}

/** An AWS SDK client: created with `new XxxClient(…)`, `XxxClient.from(…)`, or named like one. */
function isSdkClient(node: AstNode, module: ModuleInfo): boolean {
  const n = unwrap(node);
  const clientLike = (text: string) => /client$/i.test(text) || /^(sns|sqs|s3|ddb|dynamo(db)?|lambda|eventbridge|events|ses|kinesis|firehose|sfn|ssm|secrets(manager)?|cloudwatch|iot|sts)\w*$/i.test(text);
  if (n.type === 'Identifier') {
    const variable = module.resolved.get(n);
    const inits = variable ? [definitionOf(variable), ...variable.references.filter((r) => r.isWrite()).map((r) => r.writeExpr as AstNode | null)] : [];
    for (const init of inits) {
      if (!init) continue;
      const i = unwrap(init);
      const created = i.type === 'NewExpression' || i.type === 'CallExpression' ? i : undefined;
      const name = created ? (created.callee.type === 'MemberExpression' ? memberPath(created.callee.object) : calleeName(created)) : undefined;
      if (name && /Client$/.test(name)) return true;
    }
    return clientLike(n.name);
  }
  if (n.type === 'CallExpression') return /client$/i.test(calleeName(n) ?? '');
  const path = memberPath(n);
  return path !== undefined && clientLike(path.split('.').pop()!);
}

/** Work the handler leaves running after it returns: timers, `callbackWaitsForEmptyEventLoop = false`, un-awaited AWS or fetch calls. */
export function backgroundWork(scope: AnalysisScope): BackgroundWork[] {
  const out: BackgroundWork[] = [];
  const modules = [...new Set(scope.functions.map((f) => f.module))];
  const report = (module: ModuleInfo, node: AstNode, kind: BackgroundWork['kind']) =>
    out.push({ loc: locationOf(enclosingStatement(node, module.parents), module.rel), kind, detail: sourceText(module.text, node, 50) });
  for (const module of modules) {
    for (const stmt of module.ast.body) {
      walk(stmt, (n) => {
        if (isFunction(n)) return false;
        if (n.type === 'CallExpression' && isGlobalTimer(n, module)) report(module, n, 'module-timer');
        return undefined;
      });
    }
  }
  for (const { module, fn } of scope.functions) {
    walk(fn.body, (n) => {
      // Nested named functions are visited as reachable functions of their own when called.
      if (n !== fn.body && n.type === 'FunctionDeclaration') return false;
      if (n.type === 'CallExpression' && isGlobalTimer(n, module) && !isAwaitedSleep(n, module)) report(module, n, 'handler-timer');
      if (
        n.type === 'AssignmentExpression' &&
        n.left.type === 'MemberExpression' &&
        !n.left.computed &&
        n.left.property.type === 'Identifier' &&
        n.left.property.name === 'callbackWaitsForEmptyEventLoop' &&
        unwrap(n.right).type === 'Literal' &&
        (unwrap(n.right) as TSESTree.Literal).value === false
      ) {
        report(module, n, 'callback-waits-false');
      }
      if (n.type === 'ExpressionStatement' && enclosingFunction(n, module.parents)?.async && isPromiseOfWork(n.expression, module)) {
        report(module, n.expression, 'floating-promise');
      }
      return undefined;
    });
  }
  return out;
}
