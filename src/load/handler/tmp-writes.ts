import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import type { TmpWrite } from '../../model.js';
import type { AnalysisScope } from './analysis-scope.js';
import { calleeName, enclosingStatement, locationOf, sourceText, staticString, unwrap, walk, type AstNode } from './ast.js';
import { definitionOf, type ModuleInfo } from './modules.js';
import { ownTable } from '../../own.js';

const FS_WRITES: Readonly<Record<string, number>> = ownTable({
  writeFile: 0, writeFileSync: 0, appendFile: 0, appendFileSync: 0, createWriteStream: 0,
  outputFile: 0, outputFileSync: 0, writeJson: 0, writeJsonSync: 0, outputJson: 0, outputJsonSync: 0,
  copyFile: 1, copyFileSync: 1, rename: 1, renameSync: 1, cp: 1, cpSync: 1,
});
const FS_REMOVES = new Set(['unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'remove', 'removeSync', 'emptyDir', 'emptyDirSync']);

/** The variables an expression is built from, followed through their initialisers. */
function sourcesOf(node: AstNode, module: ModuleInfo, depth = 0, acc = new Set<Variable>()): Set<Variable> {
  if (depth > 6) return acc;
  walk(node, (n) => {
    if (n.type !== 'Identifier') return;
    const v = module.resolved.get(n);
    if (!v || acc.has(v)) return;
    acc.add(v);
    const init = definitionOf(v);
    if (init) sourcesOf(init, module, depth + 1, acc);
    for (const r of v.references) if (r.isWrite() && r.writeExpr) sourcesOf(r.writeExpr as AstNode, module, depth + 1, acc);
  });
  return acc;
}

/** Whether a path expression lands under /tmp: a literal, `os.tmpdir()`, `path.join('/tmp', …)`, `mkdtemp(…)`, or a variable holding one. */
function isTmpPath(node: AstNode, module: ModuleInfo, depth = 0): boolean {
  if (depth > 6) return false;
  const n = unwrap(node);
  const s = staticString(n);
  if (s !== undefined) return /^\/tmp(\/|$)/.test(s);
  if (n.type === 'TemplateLiteral') {
    const head = n.quasis[0]?.value.cooked ?? '';
    if (/^\/tmp(\/|$)/.test(head)) return true;
    return head === '' && n.expressions[0] !== undefined && isTmpPath(n.expressions[0], module, depth + 1);
  }
  if (n.type === 'AwaitExpression') return isTmpPath(n.argument, module, depth + 1);
  if (n.type === 'BinaryExpression' && n.operator === '+') return isTmpPath(n.left as AstNode, module, depth + 1);
  if (n.type === 'CallExpression') {
    const name = calleeName(n);
    if (name === 'tmpdir') return true;
    if ((name === 'join' || name === 'resolve' || name === 'mkdtemp' || name === 'mkdtempSync') && n.arguments[0]) return isTmpPath(n.arguments[0], module, depth + 1);
    return false;
  }
  if (n.type === 'Identifier') {
    const v = module.resolved.get(n);
    if (!v) return false;
    const writes = [definitionOf(v), ...v.references.filter((r) => r.isWrite()).map((r) => r.writeExpr as AstNode | null)];
    return writes.some((w) => w !== undefined && w !== null && isTmpPath(w, module, depth + 1));
  }
  return false;
}

/** Files the handler writes under /tmp, and whether the same invocation removes them. */
export function tmpWrites(scope: AnalysisScope): TmpWrite[] {
  const out: TmpWrite[] = [];
  const removals: { module: ModuleInfo; sources: Set<Variable>; literal?: string }[] = [];
  const writes: { module: ModuleInfo; call: TSESTree.CallExpression; pathArg: AstNode }[] = [];
  for (const { module, fn } of scope.functions) {
    walk(fn.body, (n) => {
      if (n.type !== 'CallExpression') return;
      const name = calleeName(n);
      if (!name) return;
      if (FS_REMOVES.has(name) && n.arguments[0]) {
        const lit = staticString(n.arguments[0]);
        removals.push({ module, sources: sourcesOf(n.arguments[0], module), ...(lit ? { literal: lit } : {}) });
      }
      const index = FS_WRITES[name];
      const pathArg = index === undefined ? undefined : n.arguments[index];
      if (pathArg && isTmpPath(pathArg, module)) writes.push({ module, call: n, pathArg });
    });
  }
  for (const { module, call, pathArg } of writes) {
    const literal = staticString(pathArg);
    const sources = sourcesOf(pathArg, module);
    // Removing the file, or a folder it was written into (a mkdtemp() directory), cleans up.
    const removed = removals.some(
      (r) => r.module === module && ((literal !== undefined && r.literal === literal) || [...r.sources].some((v) => sources.has(v) && !isModuleImport(v))),
    );
    out.push({
      loc: locationOf(enclosingStatement(call, module.parents), module.rel),
      path: sourceText(module.text, pathArg, 50),
      removed,
      eventDerived: scope.taint.mentions(module, pathArg),
    });
  }
  return out;
}

/** `path`, `os`, `fs`: shared imports say nothing about which file is removed. */
function isModuleImport(v: Variable): boolean {
  const def = v.defs[0];
  if (!def) return true;
  if (def.type === 'ImportBinding') return true;
  const init = definitionOf(v);
  return init !== undefined && unwrap(init).type === 'CallExpression' && calleeName(unwrap(init) as TSESTree.CallExpression) === 'require';
}
