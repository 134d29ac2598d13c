import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Scope, ScopeManager, Variable } from '@typescript-eslint/scope-manager';
import { isInside } from '../../discover.js';
import { confinedRealPath, isConfinedFile, listConfined, readConfinedText } from '../../fs/confined.js';
import { parentMap, unwrap, type AstNode, type FunctionNode } from './ast.js';
import { parseModule, type ParsedModule } from './parse.js';
import { resolvedImports, workspaces } from './workspace-cache.js';

const EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

/** Where an imported binding comes from: a local file (analysable) or a package (not followed). */
export interface ImportTarget {
  readonly file: string | undefined;
  readonly source: string;
  /** `default`, `*` (namespace or whole CommonJS module), or the imported name. */
  readonly name: string;
}

export interface ModuleInfo {
  readonly file: string;
  readonly rel: string;
  readonly text: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager: ScopeManager;
  readonly parents: Map<AstNode, AstNode>;
  readonly moduleScope: Scope;
  /** Identifier → the variable it refers to (references only, not declarations). */
  readonly resolved: Map<AstNode, Variable>;
  readonly imports: Map<string, ImportTarget>;
  /** Exported name → the expression or declaration it exports. */
  readonly exports: Map<string, AstNode>;
  /** `export … from`, `export * from`: [exported name or '*', target]. */
  readonly reexports: [string, ImportTarget][];
}

/**
 * Resolves an import to a file inside the repository: a relative path (`./x`, `./x.js` written
 * for `./x.ts`, `./dir` → index), or a package of the same repository (a monorepo workspace,
 * found by the `name` in its package.json), whose code is the project's own.
 */
export function resolveLocalImport(fromFile: string, source: string, root: string): string | undefined {
  if (!source.startsWith('.') && !source.startsWith('/')) return resolveWorkspaceImport(source, root);
  return resolveFile(path.resolve(path.dirname(fromFile), source), root);
}

/** Resolutions of one run (workspace-cache.ts): many handlers import the same helper module. */
function resolveFile(base: string, root: string): string | undefined {
  const key = `${root}\0${base}`;
  if (resolvedImports.has(key)) return resolvedImports.get(key);
  const file = findFile(base, root);
  resolvedImports.set(key, file);
  return file;
}

function findFile(base: string, root: string): string | undefined {
  const stem = base.replace(/\.(c|m)?js$/, '');
  const candidates = [base, ...EXTENSIONS.map((e) => stem + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  for (const c of candidates) {
    if (!isInside(root, c) || !/\.(c|m)?[jt]sx?$/.test(c)) continue;
    const resolved = confinedRealPath(c, root);
    // A module that links outside the repository resolves, so that reading it reports the refusal at its path.
    if ('refusal' in resolved ? resolved.refusal === 'outside' : isConfinedFile(resolved.real, root)) return c;
  }
  return undefined;
}

/** A package.json larger than this names no workspace (real ones are a few kilobytes). */
const MAX_PACKAGE_JSON_BYTES = 1024 * 1024;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'out', '.serverless', '.aws-sam', 'cdk.out', 'coverage', '.build', '.next']);

/** The packages a repository holds (a monorepo's workspaces), by name: found once per repository. */
function workspacePackages(root: string): Map<string, { dir: string; entry: string | undefined }> {
  let found = workspaces.get(root);
  if (found) return found;
  found = new Map();
  const visit = (dir: string, depth: number) => {
    const entries = listConfined(dir, root);
    if (!entries) return;
    if (dir !== root && entries.some((e) => e.isFile() && e.name === 'package.json')) {
      try {
        const read = readConfinedText(path.join(dir, 'package.json'), root, MAX_PACKAGE_JSON_BYTES);
        if (!read.ok) throw new Error(read.message);
        const pkg = JSON.parse(read.text) as { name?: unknown; main?: unknown; module?: unknown; exports?: unknown };
        const exported = typeof pkg.exports === 'string' ? pkg.exports : pkg.exports && typeof pkg.exports === 'object' ? (pkg.exports as Record<string, unknown>)['.'] : undefined;
        const entry = [exported, pkg.module, pkg.main].find((e): e is string => typeof e === 'string');
        if (typeof pkg.name === 'string' && !found!.has(pkg.name)) found!.set(pkg.name, { dir, entry });
      } catch {
        // an unreadable package.json names no workspace
      }
    }
    if (depth >= 8) return;
    for (const e of entries) if (e.isDirectory() && !SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) visit(path.join(dir, e.name), depth + 1);
  };
  visit(root, 0);
  workspaces.set(root, found);
  return found;
}

function resolveWorkspaceImport(source: string, root: string): string | undefined {
  const parts = source.split('/');
  const nameLength = source.startsWith('@') ? 2 : 1;
  const pkg = workspacePackages(root).get(parts.slice(0, nameLength).join('/'));
  if (!pkg) return undefined;
  const sub = parts.slice(nameLength).join('/');
  if (sub) return resolveFile(path.join(pkg.dir, sub), root) ?? resolveFile(path.join(pkg.dir, 'src', sub), root);
  return (pkg.entry ? resolveFile(path.join(pkg.dir, pkg.entry), root) : undefined) ?? resolveFile(path.join(pkg.dir, 'src', 'index'), root) ?? resolveFile(path.join(pkg.dir, 'index'), root);
}

export { clearWorkspaceCache } from './workspace-cache.js';

function requireSource(node: AstNode | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require') {
    const arg = n.arguments[0];
    if (arg?.type === 'Literal' && typeof arg.value === 'string') return arg.value;
  }
  if (n.type === 'AwaitExpression') return requireSource(n.argument);
  return undefined;
}

/** Parses one file of the repository and builds what the analyses need of it; local imports resolve to files inside `root`. */
export function buildModule(file: string, rel: string, text: string, root: string): ModuleInfo {
  return moduleInfo({ file, rel, text }, parseModule(text, file), (source) => resolveLocalImport(file, source, root));
}

/** Where an import leads: a local file to follow, or undefined for a package (or anything not to follow). */
export type ImportResolver = (source: string) => string | undefined;

/**
 * What the analyses need of one parsed file: its scopes, parents, imports and exports. Reads
 * no file: the program may come from typescript-estree (the CLI) or from @typescript-eslint/parser
 * (an ESLint rule), and `resolveImport` decides which imports lead to other modules.
 */
export function moduleInfo(
  source: { readonly file: string; readonly rel: string; readonly text: string },
  parsed: ParsedModule,
  resolveImport: ImportResolver,
): ModuleInfo {
  const { file, rel, text } = source;
  const { ast, scopeManager } = parsed;
  const parents = parentMap(ast);
  const moduleScope = programScope(scopeManager, ast);
  const resolved = new Map<AstNode, Variable>();
  for (const scope of scopeManager.scopes) {
    for (const ref of scope.references) if (ref.resolved) resolved.set(ref.identifier, ref.resolved);
  }
  const target = (from: string, name: string): ImportTarget => ({ file: resolveImport(from), source: from, name });
  const imports = new Map<string, ImportTarget>();
  const exports = new Map<string, AstNode>();
  const reexports: [string, ImportTarget][] = [];

  for (const stmt of ast.body) {
    switch (stmt.type) {
      case 'ImportDeclaration':
        for (const spec of stmt.specifiers) {
          const name =
            spec.type === 'ImportDefaultSpecifier'
              ? 'default'
              : spec.type === 'ImportNamespaceSpecifier'
                ? '*'
                : spec.imported.type === 'Identifier'
                  ? spec.imported.name
                  : String(spec.imported.value);
          imports.set(spec.local.name, target(String(stmt.source.value), name));
        }
        break;
      case 'VariableDeclaration':
        for (const d of stmt.declarations) {
          const source = requireSource(d.init);
          if (!source) continue;
          if (d.id.type === 'Identifier') imports.set(d.id.name, target(source, '*'));
          else if (d.id.type === 'ObjectPattern') {
            for (const p of d.id.properties) {
              if (p.type === 'Property' && p.key.type === 'Identifier' && p.value.type === 'Identifier') imports.set(p.value.name, target(source, p.key.name));
            }
          }
        }
        break;
      case 'ExportNamedDeclaration':
        if (stmt.source) {
          for (const spec of stmt.specifiers) {
            const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
            const exported = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
            reexports.push([exported, target(String(stmt.source.value), local)]);
          }
        } else if (stmt.declaration) {
          const decl = stmt.declaration;
          if (decl.type === 'FunctionDeclaration' && decl.id) exports.set(decl.id.name, decl);
          else if (decl.type === 'VariableDeclaration') {
            for (const d of decl.declarations) if (d.id.type === 'Identifier' && d.init) exports.set(d.id.name, d.init);
          } else if (decl.type === 'ClassDeclaration' && decl.id) exports.set(decl.id.name, decl);
        } else {
          for (const spec of stmt.specifiers) {
            const exported = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
            exports.set(exported, spec.local);
          }
        }
        break;
      case 'ExportDefaultDeclaration':
        exports.set('default', stmt.declaration);
        break;
      case 'ExportAllDeclaration':
        reexports.push([stmt.exported ? nameOf(stmt.exported) : '*', target(String(stmt.source.value), '*')]);
        break;
      case 'ExpressionStatement':
        collectCommonJsExports(stmt.expression, exports);
        break;
    }
  }
  return { file, rel, text, ast, scopeManager, parents, moduleScope, resolved, imports, exports, reexports };
}

/**
 * The scope of a file's top-level bindings. The CLI analyses every file as a module; ESLint
 * gives CommonJS files the function scope Node wraps them in (eslint-scope) or the global scope
 * (@typescript-eslint/scope-manager), and scripts the global scope.
 */
function programScope(scopeManager: ScopeManager, ast: TSESTree.Program): Scope {
  return (
    scopeManager.scopes.find((s) => s.type === 'module') ??
    scopeManager.scopes.find((s) => s.type === 'function' && s.block === ast) ??
    scopeManager.globalScope!
  );
}

/** Whether a variable is bound at the top level of its file (or is a global), where imports live. */
export function atTopLevel(variable: Variable, module: ModuleInfo): boolean {
  return variable.scope === module.moduleScope || variable.scope.type === 'module' || variable.scope.type === 'global';
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** `exports.x = …`, `module.exports.x = …`, `module.exports = {x, y: z}`, `module.exports = fn`. */
function collectCommonJsExports(expr: AstNode, exports: Map<string, AstNode>): void {
  if (expr.type !== 'AssignmentExpression' || expr.operator !== '=') return;
  const left = expr.left;
  if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return;
  const obj = left.object;
  const isModuleExports = (n: AstNode) =>
    n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier' && n.object.name === 'module' && n.property.type === 'Identifier' && n.property.name === 'exports';
  if ((obj.type === 'Identifier' && obj.name === 'exports') || isModuleExports(obj)) {
    exports.set(left.property.name, expr.right);
    return;
  }
  if (isModuleExports(left)) {
    const right = unwrap(expr.right);
    if (right.type === 'ObjectExpression') {
      for (const p of right.properties) {
        if (p.type === 'Property' && !p.computed && p.key.type === 'Identifier') exports.set(p.key.name, p.value);
      }
    } else {
      exports.set('default', right);
      exports.set('*', right);
    }
  }
}

/** A variable's defining node: a function declaration, or the initialiser of a variable. */
export function definitionOf(variable: Variable): AstNode | undefined {
  const def = variable.defs[0];
  if (!def) return undefined;
  if (def.type === 'FunctionName') return def.node as AstNode;
  if (def.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    return declarator.init ?? undefined;
  }
  return undefined;
}

export type FunctionRef = { readonly module: ModuleInfo; readonly fn: FunctionNode };

