import fs from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Variable } from '@typescript-eslint/scope-manager';
import { isInside, safeRealpath, toPosix } from '../../discover.js';
import type { Location } from '../../location.js';
import { pointLocation } from '../../location.js';
import { diagnostic } from '../../diagnostics.js';
import { readConfinedLenientText } from '../../fs/confined.js';
import { refusalDiagnostic } from '../../fs/refusal.js';
import type { Diagnostic } from '../../model.js';
import type { NotAnalysed } from '../../not-analysed.js';
import { locationOf, memberPath, sourceText, unwrap, walk, type AstNode } from '../handler/ast.js';
import { buildModule, resolveLocalImport, type ModuleInfo } from '../handler/modules.js';
import { ParseFailure } from '../handler/parse.js';
import { parseJsonLocated } from '../json.js';
import { describe, get, isMap, isScalar, isSeq, UNKNOWN_KEYS, unresolvedNode, type Node, type Pair, type Scalar } from '../tree.js';
import { expandAlias, TsconfigAliases } from './tsconfig-paths.js';
import { append } from '../../arrays.js';

/**
 * `serverless.ts` / `serverless.js` read as data, never run. The exported configuration is
 * evaluated from the source: object and array literals, `const` bindings, spreads, local
 * imports (relative or through tsconfig `paths`, inside the repository only), JSON imports,
 * template literals, string concatenation, `process.env.X ?? 'default'`, TypeScript
 * assertions, and `handlerPath(__dirname)`-style helpers that turn a file's folder into a
 * path relative to the service. Anything else becomes an `unresolved` node at its location,
 * with the reason in the debug notes. The result is the same located tree a serverless.yml
 * parses into, so every later stage works unchanged and findings point into the `.ts`/`.js`
 * files where each literal is written.
 */
export interface CodeConfigOptions {
  /** The repository root: no file outside it is read. */
  readonly root: string;
  readonly maxFileSize: number;
  /** `process.env`, when `--allow-env` lets it shape results; otherwise `process.env.X ?? d` takes the default. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface CodeConfig {
  /** The exported configuration; undefined when there is none to read. */
  readonly root: Node | undefined;
  readonly diagnostics: Diagnostic[];
  /** Parts that stayed unknown, and why (shown by `--debug`). */
  readonly notes: string[];
  /** Real paths of the other files read (functions files, JSON). */
  readonly files: string[];
  /** The configuration, or functions of it, that only running code could produce. */
  readonly notAnalysed: NotAnalysed[];
}

/** Shared subtrees are evaluated once; this caps what a hostile file can make us build. */
const MAX_STEPS = 200_000;
const MAX_DEPTH = 200;
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'clear', 'add']);
const PENDING = Symbol('pending');

class BudgetExceeded extends Error {}

/** A file read as a module: JavaScript/TypeScript with its scopes, or JSON as a located tree. */
type Module = { readonly kind: 'code'; readonly info: ModuleInfo } | { readonly kind: 'json'; readonly rel: string; readonly root: Node | undefined };

/** Evaluates the configuration a serverless.ts/.js exports (see above). */
export function readServerlessCode(file: string, options: CodeConfigOptions): CodeConfig {
  const evaluator = new StaticEvaluator(file, options);
  return evaluator.run();
}

class StaticEvaluator {
  private readonly modules = new Map<string, Module | null>();
  private readonly memo = new Map<AstNode, Node | undefined | typeof PENDING>();
  /** `process.env.X` values left unknown: a `??`/`||` after them takes its default. */
  private readonly envReads = new WeakSet<Node>();
  private readonly aliases: TsconfigAliases;
  private readonly realRoot: string;
  private readonly serviceDir: string;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly notes: string[] = [];
  private readonly files = new Set<string>();
  private readonly notAnalysed: NotAnalysed[] = [];
  private steps = 0;
  private depth = 0;

  constructor(
    private readonly entry: string,
    private readonly options: CodeConfigOptions,
  ) {
    this.aliases = new TsconfigAliases(options.root);
    this.realRoot = safeRealpath(options.root) ?? options.root;
    this.serviceDir = path.dirname(entry);
  }

  run(): CodeConfig {
    const done = (root: Node | undefined): CodeConfig => ({ root, diagnostics: this.diagnostics, notes: this.notes, files: [...this.files], notAnalysed: this.notAnalysed });
    const rel = this.rel(this.entry);
    const module = this.module(this.entry);
    if (!module) return done(undefined);
    if (module.kind !== 'code') return done(module.root);
    let root: Node | undefined;
    try {
      root = this.exportOf(module.info, 'default', module.info.ast);
    } catch (err) {
      if (!(err instanceof BudgetExceeded || err instanceof RangeError)) throw err;
      this.notAnalysed.push({ file: rel, kind: path.basename(this.entry), reason: 'too large or too deeply nested to evaluate statically' });
      this.diagnostics.push(diagnostic('not-analysed', `${path.basename(this.entry)} is too large or too deeply nested to evaluate statically: not analysed`, pointLocation(rel)));
      return done(undefined);
    }
    if (root === undefined || !isMap(root)) {
      const reason =
        root === undefined
          ? 'it exports no configuration object (`module.exports = …` or `export default …`)'
          : `its configuration is computed by code (\`${describeShort(root)}\`), and faaslint never executes project code`;
      this.notAnalysed.push({ file: rel, kind: path.basename(this.entry), reason });
      const message = `${path.basename(this.entry)}: ${reason}, so this service is not analysed. Export the configuration as an object literal, or lint the output of \`serverless print\`.`;
      this.diagnostics.push(diagnostic('not-analysed', message, root?.loc ?? pointLocation(rel)));
      return done(undefined);
    }
    this.reportUnreadFunctions(root);
    return done(root);
  }

  /** A function (or the whole `functions` block) computed by code is a function not analysed: said, never silent. */
  private reportUnreadFunctions(root: Node): void {
    const functions = get(root, 'functions');
    const unread: { name: string | undefined; node: Node }[] = [];
    for (const fragment of isSeq(functions) ? functions.items : functions ? [functions] : []) {
      if (fragment.kind === 'unresolved') unread.push({ name: undefined, node: fragment });
      if (isMap(fragment)) {
        for (const p of fragment.entries) if (p.value.kind === 'unresolved') unread.push({ name: p.key === UNKNOWN_KEYS ? undefined : p.key, node: p.value });
      }
    }
    for (const { name, node } of unread) {
      const reason = `computed by code: ${node.kind === 'unresolved' ? node.reason : describeShort(node)}`;
      this.notAnalysed.push({ ...(name ? { function: name } : {}), file: node.loc.file, line: node.loc.line, kind: path.basename(this.entry), reason });
      this.diagnostics.push(diagnostic('not-analysed', `${name ? `function ${name}` : 'functions'} ${reason}: not analysed`, node.loc));
    }
  }

  private rel(abs: string): string {
    return toPosix(path.relative(this.options.root, abs)) || path.basename(abs);
  }

  // ---- files -------------------------------------------------------------------------------

  private module(abs: string): Module | undefined {
    const known = this.modules.get(abs);
    if (known !== undefined) return known ?? undefined;
    this.modules.set(abs, null);
    const rel = this.rel(abs);
    const read = readConfinedLenientText(abs, this.options.root, this.options.maxFileSize);
    if (!read.ok) {
      this.diagnostics.push(refusalDiagnostic(read, pointLocation(rel)));
      return undefined;
    }
    const text = read.text;
    if (abs !== this.entry) this.files.add(read.real);
    let module: Module;
    if (abs.endsWith('.json')) {
      const parsed = parseJsonLocated(text, rel);
      append(this.diagnostics, parsed.diagnostics);
      module = { kind: 'json', rel, root: parsed.root };
    } else {
      try {
        module = { kind: 'code', info: buildModule(abs, rel, text, this.options.root) };
      } catch (err) {
        if (!(err instanceof ParseFailure)) throw err;
        this.diagnostics.push(diagnostic('parse-error', `syntax error: ${err.message}; the file is not analysed`, pointLocation(rel, err.line, err.column)));
        return undefined;
      }
    }
    this.modules.set(abs, module);
    return module;
  }

  /** The file an import names: relative, or through tsconfig `paths`; never outside the repository. */
  private resolveImport(fromFile: string, source: string): string | undefined {
    const candidates = source.startsWith('.') || source.startsWith('/') ? [source] : expandAlias(source, this.aliases.for(path.dirname(fromFile)));
    for (const candidate of candidates) {
      const json = path.resolve(path.dirname(fromFile), candidate);
      const file = candidate.endsWith('.json') ? (fs.existsSync(json) ? json : undefined) : resolveLocalImport(fromFile, candidate, this.options.root);
      if (!file || !isInside(this.options.root, file)) continue;
      const real = safeRealpath(file);
      if (real && isInside(this.realRoot, real)) return file;
    }
    return undefined;
  }

  // ---- exports and imports -----------------------------------------------------------------

  private import(m: ModuleInfo, source: string, name: string, at: AstNode): Node | undefined {
    const file = this.resolveImport(m.file, source);
    if (!file) {
      const local = source.startsWith('.') || source.startsWith('/') || expandAlias(source, this.aliases.for(path.dirname(m.file))).length > 0;
      return this.unknown(at, m, local ? `${source} is not a readable file inside the repository` : `imported from package ${source}, which faaslint does not read`);
    }
    const target = this.module(file);
    if (!target) return this.unknown(at, m, `${source} could not be read`);
    if (target.kind === 'json') return name === 'default' || name === '*' ? target.root : get(target.root, name);
    return this.exportOf(target.info, name, at, m);
  }

  /** What a module exports under `name` (`default`, `*` for the whole module, or a named export). */
  private exportOf(m: ModuleInfo, name: string, at: AstNode, from: ModuleInfo = m): Node | undefined {
    const whole = commonJsRoot(m);
    if (name === 'default' || name === '*') {
      if (whole) return this.expr(whole, m);
      const declared = m.exports.get('default');
      if (declared && name === 'default') return this.exportedNode(declared, m);
      if (m.exports.size === 0 && m.reexports.length === 0) return name === 'default' ? undefined : this.unknown(at, from, 'the module exports nothing faaslint reads');
      return this.namespace(m, at);
    }
    const declared = m.exports.get(name);
    if (declared) return this.exportedNode(declared, m);
    if (whole) {
      const value = this.expr(whole, m);
      return value?.kind === 'unresolved' ? value : get(value, name);
    }
    for (const [exported, target] of m.reexports) {
      if (exported === name) return this.import(m, target.source, target.name, at);
      if (exported === '*') {
        const file = this.resolveImport(m.file, target.source);
        const module = file ? this.module(file) : undefined;
        if (module?.kind === 'code' && (module.info.exports.has(name) || commonJsRoot(module.info))) return this.exportOf(module.info, name, at, m);
      }
    }
    return this.unknown(at, from, `${this.rel(m.file)} has no export named ${name}`);
  }

  private exportedNode(node: AstNode, m: ModuleInfo): Node | undefined {
    if (node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration' || node.type === 'TSInterfaceDeclaration' || node.type === 'TSTypeAliasDeclaration') {
      return this.unknown(node, m, 'a function or class, not data');
    }
    return this.expr(node, m);
  }

  /** `import * as fns from './functions'`: the module's named exports as one object. */
  private namespace(m: ModuleInfo, at: AstNode): Node {
    const entries: Pair[] = [];
    for (const [name, node] of m.exports) {
      const value = this.exportedNode(node, m);
      if (value) entries.push({ key: name, keyLoc: locationOf(node, m.rel), value });
    }
    for (const [exported, target] of m.reexports) {
      if (exported === '*') {
        const value = this.import(m, target.source, '*', at);
        if (isMap(value)) append(entries, value.entries.filter((p) => p.key !== 'default'));
      } else {
        const value = this.import(m, target.source, target.name, at);
        if (value) entries.push({ key: exported, keyLoc: value.loc, value });
      }
    }
    return { kind: 'map', entries, loc: locationOf(m.ast, m.rel) };
  }

  // ---- expressions -------------------------------------------------------------------------

  /** The value of an expression; undefined is JavaScript's `undefined` (a property that is absent). */
  private expr(node: AstNode, m: ModuleInfo): Node | undefined {
    const known = this.memo.get(node);
    if (known === PENDING) return this.unknown(node, m, 'refers to itself');
    if (known !== undefined || this.memo.has(node)) return known;
    if (++this.steps > MAX_STEPS) throw new BudgetExceeded();
    if (this.depth > MAX_DEPTH) return this.unknown(node, m, 'nested too deeply');
    this.memo.set(node, PENDING);
    this.depth++;
    let value: Node | undefined;
    try {
      value = this.evaluate(unwrap(node), m);
    } finally {
      this.depth--;
    }
    this.memo.set(node, value);
    return value;
  }

  private evaluate(node: AstNode, m: ModuleInfo): Node | undefined {
    const loc = locationOf(node, m.rel);
    switch (node.type) {
      case 'Literal':
        if ('regex' in node && node.regex) return this.unknown(node, m, 'a regular expression');
        if (typeof node.value === 'bigint') return { kind: 'scalar', value: String(node.value), loc };
        return { kind: 'scalar', value: node.value as Scalar, loc };
      case 'TemplateLiteral':
        return this.template(node, m);
      case 'ObjectExpression':
        return this.object(node, m);
      case 'ArrayExpression':
        return this.array(node, m);
      case 'Identifier':
        return this.identifier(node, m);
      case 'MemberExpression':
        return this.member(node, m);
      case 'LogicalExpression':
        return this.logical(node, m);
      case 'ConditionalExpression': {
        const test = truthiness(this.expr(node.test, m));
        if (test === undefined) return this.unknown(node, m, 'a condition known only when the code runs');
        return this.expr(test ? node.consequent : node.alternate, m);
      }
      case 'BinaryExpression':
        return this.binary(node, m);
      case 'UnaryExpression': {
        if (node.operator === 'void') return undefined;
        const arg = this.expr(node.argument, m);
        if (node.operator === '!') {
          const t = truthiness(arg);
          return t === undefined ? this.unknown(node, m, 'a condition known only when the code runs') : { kind: 'scalar', value: !t, loc };
        }
        if (node.operator === '-' && isScalar(arg) && typeof arg.value === 'number') return { kind: 'scalar', value: -arg.value, loc };
        return this.unknown(node, m, `the ${node.operator} operator`);
      }
      case 'CallExpression':
        return this.call(node, m);
      case 'AwaitExpression':
        return this.unknown(node, m, 'an awaited value, known only when the code runs');
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
      case 'ClassExpression':
        return this.unknown(node, m, 'a function, not data');
      default:
        return this.unknown(node, m, `a ${node.type} expression`);
    }
  }

  private template(node: TSESTree.TemplateLiteral, m: ModuleInfo): Node {
    let text = node.quasis[0]?.value.cooked ?? '';
    let known = true;
    let shown = text;
    node.expressions.forEach((e, i) => {
      const value = this.expr(e, m);
      const tail = node.quasis[i + 1]?.value.cooked ?? '';
      if (isScalar(value)) {
        text += String(value.value);
        shown += String(value.value);
      } else {
        known = false;
        shown += value?.kind === 'unresolved' ? value.text : `\${${sourceText(m.text, e)}}`;
      }
      text += tail;
      shown += tail;
    });
    const loc = locationOf(node, m.rel);
    return known ? { kind: 'scalar', value: text, loc } : unresolvedNode(shown, 'part of the string is known only when the code runs', loc);
  }

  private object(node: TSESTree.ObjectExpression, m: ModuleInfo): Node {
    const entries: Pair[] = [];
    let unknownSpread: Pair | undefined;
    const set = (pair: Pair | { key: string; remove: true }) => {
      const index = entries.findIndex((p) => p.key === pair.key);
      if ('remove' in pair) {
        if (index >= 0) entries.splice(index, 1);
      } else if (index >= 0) entries[index] = pair;
      else entries.push(pair);
    };
    for (const prop of node.properties) {
      if (prop.type === 'SpreadElement') {
        const spread = this.expr(prop.argument, m);
        if (isMap(spread)) {
          for (const p of spread.entries) {
            if (p.key === UNKNOWN_KEYS) unknownSpread ??= p;
            else set(p);
          }
        } else if (spread?.kind === 'unresolved') unknownSpread ??= { key: UNKNOWN_KEYS, keyLoc: locationOf(prop, m.rel), value: spread };
        continue;
      }
      const key = this.propertyKey(prop, m);
      if (key === undefined) continue;
      const keyLoc = locationOf(prop.key, m.rel);
      if (prop.kind !== 'init' || prop.method) {
        set({ key, keyLoc, value: this.unknown(prop, m, 'a method or accessor, not data') });
        continue;
      }
      const value = this.expr(prop.value, m);
      set(value === undefined ? { key, remove: true } : { key, keyLoc, value });
    }
    // An unknown spread may set any key: say so at the end, where loaders look for it.
    if (unknownSpread) entries.push(unknownSpread);
    return { kind: 'map', entries, loc: locationOf(node, m.rel) };
  }

  private propertyKey(prop: TSESTree.Property, m: ModuleInfo): string | undefined {
    if (!prop.computed) {
      if (prop.key.type === 'Identifier') return prop.key.name;
      if (prop.key.type === 'Literal') return String(prop.key.value);
      return undefined;
    }
    const key = this.expr(prop.key, m);
    if (isScalar(key) && key.value !== null) return String(key.value);
    this.note(prop.key, m, 'a computed key known only when the code runs; the property is left out');
    return undefined;
  }

  private array(node: TSESTree.ArrayExpression, m: ModuleInfo): Node {
    const items: Node[] = [];
    for (const element of node.elements) {
      if (element === null) continue;
      if (element.type === 'SpreadElement') {
        const spread = this.expr(element.argument, m);
        if (isSeq(spread)) append(items, spread.items);
        else if (spread) items.push(spread.kind === 'unresolved' ? spread : this.unknown(element, m, 'spreads something that is not a list'));
        continue;
      }
      const value = this.expr(element, m);
      items.push(value ?? { kind: 'scalar', value: null, loc: locationOf(element, m.rel) });
    }
    return { kind: 'seq', items, loc: locationOf(node, m.rel) };
  }

  private identifier(node: TSESTree.Identifier, m: ModuleInfo): Node | undefined {
    const variable = m.resolved.get(node);
    const def = variable?.defs[0];
    if (!variable || !def) {
      if (node.name === 'undefined') return undefined;
      if (node.name === '__dirname' || node.name === '__filename') return this.unknown(node, m, `${node.name} is an absolute path of the machine that runs serverless`);
      return this.unknown(node, m, `the global ${node.name}`);
    }
    if (def.type === 'ImportBinding') {
      const target = m.imports.get(variable.name);
      return target ? this.import(m, target.source, target.name, node) : this.unknown(node, m, 'an import faaslint cannot follow');
    }
    if (def.type !== 'Variable') return this.unknown(node, m, def.type === 'FunctionName' || def.type === 'ClassName' ? 'a function or class, not data' : 'a value known only when the code runs');
    const changed = mutation(variable, m);
    if (changed) return this.unknown(node, m, `${variable.name} is changed by code (line ${changed.loc.start.line})`);
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.id.type === 'Identifier') return declarator.init ? this.expr(declarator.init, m) : undefined;
    if (!declarator.init) return undefined;
    return this.destructured(declarator.id, declarator.init, def.name as AstNode, m);
  }

  /** `const { a, b: { c = 'd' } } = source`: the value bound to one name of the pattern. */
  private destructured(pattern: AstNode, init: AstNode, target: AstNode, m: ModuleInfo): Node | undefined {
    const path: { key: string | number; fallback?: AstNode }[] = [];
    const find = (p: AstNode): boolean => {
      if (p === target) return true;
      if (p.type === 'AssignmentPattern') {
        if (!find(p.left)) return false;
        path.unshift({ key: '', fallback: p.right });
        return true;
      }
      if (p.type === 'ObjectPattern') {
        for (const prop of p.properties) {
          if (prop.type !== 'Property' || prop.computed) continue;
          const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'Literal' ? String(prop.key.value) : undefined;
          if (key !== undefined && find(prop.value)) {
            path.unshift({ key });
            return true;
          }
        }
      }
      if (p.type === 'ArrayPattern') {
        for (const [i, element] of p.elements.entries()) {
          if (element && find(element)) {
            path.unshift({ key: i });
            return true;
          }
        }
      }
      return false;
    };
    if (!find(pattern)) return this.unknown(target, m, 'a rest or computed destructuring');
    let value: Node | undefined;
    let steps = path;
    const first = path[0];
    const source = unwrap(init);
    // `const { STAGE = 'dev' } = process.env`: as `process.env.STAGE ?? 'dev'`.
    if (first && typeof first.key === 'string' && source.type === 'MemberExpression' && memberPath(source) === 'process.env' && isGlobal(source.object, m)) {
      value = this.env(first.key, locationOf(target, m.rel));
      steps = path.slice(1);
    } else {
      value = this.expr(init, m);
    }
    for (const step of steps) {
      if (step.fallback) {
        if (value !== undefined && this.envReads.has(value)) {
          const fallback = this.expr(step.fallback, m);
          value = isScalar(fallback) ? { ...fallback, via: `default of ${describeShort(value)}`, fromDefault: true } : fallback;
        } else if (value === undefined) value = this.expr(step.fallback, m);
        continue;
      }
      if (value?.kind === 'unresolved') return value;
      value = typeof step.key === 'number' ? (isSeq(value) ? value.items[step.key] : undefined) : get(value, step.key);
    }
    return value;
  }

  private member(node: TSESTree.MemberExpression, m: ModuleInfo): Node | undefined {
    const env = envName(node, m);
    if (env !== undefined) return this.env(env, locationOf(node, m.rel));
    const object = this.expr(node.object, m);
    if (object === undefined || (isScalar(object) && object.value === null)) {
      return node.optional ? undefined : this.unknown(node, m, `${sourceText(m.text, node.object)} is undefined here`);
    }
    if (object.kind === 'unresolved') return this.unknown(node, m, object.reason);
    let key: string | undefined;
    if (!node.computed && node.property.type === 'Identifier') key = node.property.name;
    else {
      const k = this.expr(node.property, m);
      key = isScalar(k) && k.value !== null ? String(k.value) : undefined;
    }
    if (key === undefined) return this.unknown(node, m, 'a property name known only when the code runs');
    if (isSeq(object)) {
      if (key === 'length') return { kind: 'scalar', value: object.items.length, loc: locationOf(node, m.rel) };
      return /^\d+$/.test(key) ? object.items[Number(key)] : this.unknown(node, m, `.${key} of a list`);
    }
    if (isMap(object)) return get(object, key);
    if (isScalar(object) && typeof object.value === 'string' && key === 'length') return { kind: 'scalar', value: object.value.length, loc: locationOf(node, m.rel) };
    return this.unknown(node, m, `.${key} of ${describeShort(object)}`);
  }

  /** `process.env.NAME`: known with --allow-env only; otherwise unknown, and a default after it is taken. */
  private env(name: string, loc: Location): Node {
    const value = this.options.env?.[name];
    if (value !== undefined) return { kind: 'scalar', value, loc, via: `process.env.${name}` };
    const unknown = unresolvedNode(`process.env.${name}`, this.options.env ? `${name} is not set` : 'environment variables are read only with --allow-env', loc);
    this.envReads.add(unknown);
    return unknown;
  }

  private logical(node: TSESTree.LogicalExpression, m: ModuleInfo): Node | undefined {
    const left = this.expr(node.left, m);
    const fallback = () => {
      const right = this.expr(node.right, m);
      // Like `${env:X, 'default'}`: the default, marked as such.
      return isScalar(right) && left !== undefined && this.envReads.has(left) ? { ...right, via: `default of ${describeShort(left)}`, fromDefault: true } : right;
    };
    if (left !== undefined && this.envReads.has(left) && node.operator !== '&&') return fallback();
    if (node.operator === '??') {
      if (left === undefined || (isScalar(left) && left.value === null)) return this.expr(node.right, m);
      return left.kind === 'unresolved' ? this.unknown(node, m, left.reason) : left;
    }
    const t = truthiness(left);
    if (t === undefined) return this.unknown(node, m, 'a condition known only when the code runs');
    if (node.operator === '||') return t ? left : this.expr(node.right, m);
    return t ? this.expr(node.right, m) : left;
  }

  private binary(node: TSESTree.BinaryExpression, m: ModuleInfo): Node | undefined {
    if (node.left.type === 'PrivateIdentifier') return this.unknown(node, m, 'a private field test');
    const left = this.expr(node.left, m);
    const right = this.expr(node.right, m);
    const loc = locationOf(node, m.rel);
    const known = (n: Node | undefined): n is Node & { kind: 'scalar' } => isScalar(n);
    if (!known(left) || !known(right)) {
      const unresolved = [left, right].find((n) => n?.kind === 'unresolved');
      return this.unknown(node, m, unresolved?.kind === 'unresolved' ? unresolved.reason : 'a value known only when the code runs');
    }
    const a = left.value;
    const b = right.value;
    switch (node.operator) {
      case '+':
        return { kind: 'scalar', value: typeof a === 'number' && typeof b === 'number' ? a + b : `${a}${b}`, loc };
      case '===':
      case '==':
        return { kind: 'scalar', value: a === b, loc };
      case '!==':
      case '!=':
        return { kind: 'scalar', value: a !== b, loc };
      default:
        return this.unknown(node, m, `the ${node.operator} operator`);
    }
  }

  private call(node: TSESTree.CallExpression, m: ModuleInfo): Node | undefined {
    const callee = unwrap(node.callee);
    const args = node.arguments.map((a) => unwrap(a));
    if (callee.type === 'Identifier' && callee.name === 'require' && isGlobal(callee, m)) {
      const source = args[0]?.type === 'Literal' && typeof args[0].value === 'string' ? args[0].value : undefined;
      return source ? this.import(m, source, '*', node) : this.unknown(node, m, 'require() of a computed path');
    }
    const name = memberPath(callee);
    if (name === 'Object.assign' && args.length > 0) return this.assign(node, args, m);
    // `handlerPath(__dirname)`, `path.relative(process.cwd(), __dirname)`: this file's folder, relative to the service.
    if (args.some((a) => a.type === 'Identifier' && a.name === '__dirname' && isGlobal(a, m)) && this.isRelativePathHelper(callee, args, m)) {
      const dir = toPosix(path.relative(this.serviceDir, path.dirname(m.file)));
      return { kind: 'scalar', value: dir || '.', loc: locationOf(node, m.rel) };
    }
    return this.unknown(node, m, `a call to ${sourceText(m.text, callee, 40)}(), which faaslint never runs`);
  }

  private assign(node: TSESTree.CallExpression, args: AstNode[], m: ModuleInfo): Node | undefined {
    const entries: Pair[] = [];
    let unknownSpread: Pair | undefined;
    for (const arg of args) {
      if (arg.type === 'SpreadElement') return this.unknown(node, m, 'Object.assign with spread arguments');
      const value = this.expr(arg, m);
      if (value === undefined || (isScalar(value) && value.value === null)) continue;
      if (value.kind === 'unresolved') {
        unknownSpread ??= { key: UNKNOWN_KEYS, keyLoc: value.loc, value };
        continue;
      }
      if (!isMap(value)) return this.unknown(node, m, 'Object.assign of something that is not an object');
      for (const p of value.entries) {
        if (p.key === UNKNOWN_KEYS) {
          unknownSpread ??= p;
          continue;
        }
        const index = entries.findIndex((e) => e.key === p.key);
        if (index >= 0) entries[index] = p;
        else entries.push(p);
      }
    }
    if (unknownSpread) entries.push(unknownSpread);
    return { kind: 'map', entries, loc: locationOf(node, m.rel) };
  }

  /**
   * A helper that makes `__dirname` relative to the working directory serverless runs in (the
   * service folder): `path.relative(process.cwd(), dir)`, or a local function whose body uses
   * `process.cwd()` (the official template splits `__dirname` at it). Other helpers stay unknown.
   */
  private isRelativePathHelper(callee: AstNode, args: AstNode[], m: ModuleInfo): boolean {
    const name = memberPath(callee);
    if (name === 'path.relative' || name === 'relative') {
      const from = args[0];
      return args.length === 2 && from?.type === 'CallExpression' && memberPath(from.callee) === 'process.cwd';
    }
    const fn = this.functionOf(callee, m, 0);
    if (!fn) return false;
    let usesCwd = false;
    walk(fn, (n) => {
      if (n.type === 'MemberExpression' && memberPath(n) === 'process.cwd') usesCwd = true;
      return !usesCwd;
    });
    return usesCwd;
  }

  /** The function a callee names, declared in this module or imported from a local one. */
  private functionOf(callee: AstNode, m: ModuleInfo, depth: number): AstNode | undefined {
    if (callee.type !== 'Identifier' || depth > 8) return undefined;
    const variable = m.resolved.get(callee);
    const def = variable?.defs[0];
    if (!variable || !def) return undefined;
    if (def.type === 'FunctionName') return def.node as AstNode;
    if (def.type === 'Variable') {
      const init = (def.node as TSESTree.VariableDeclarator).init;
      return init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') ? init : undefined;
    }
    if (def.type !== 'ImportBinding') return undefined;
    const target = m.imports.get(variable.name);
    const file = target ? this.resolveImport(m.file, target.source) : undefined;
    const module = file ? this.module(file) : undefined;
    if (!target || module?.kind !== 'code') return undefined;
    const exported = module.info.exports.get(target.name);
    if (!exported) return undefined;
    if (exported.type === 'FunctionDeclaration' || exported.type === 'ArrowFunctionExpression' || exported.type === 'FunctionExpression') return exported;
    return this.functionOf(exported, module.info, depth + 1);
  }

  // ---- unknowns ----------------------------------------------------------------------------

  private unknown(node: AstNode, m: ModuleInfo, reason: string): Node {
    this.note(node, m, reason);
    return unresolvedNode(sourceText(m.text, node), reason, locationOf(node, m.rel));
  }

  private note(node: AstNode, m: ModuleInfo, reason: string): void {
    const loc: Location = locationOf(node, m.rel);
    const line = `${loc.file}:${loc.line}:${loc.column}: \`${sourceText(m.text, node)}\` is not evaluated (${reason}); it stays unknown`;
    if (this.notes.length < 200 && !this.notes.includes(line)) this.notes.push(line);
  }
}

/** The expression of the last `module.exports = …` / `export = …` at the top level, if any. */
function commonJsRoot(m: ModuleInfo): AstNode | undefined {
  let found: AstNode | undefined;
  for (const stmt of m.ast.body) {
    if (stmt.type === 'TSExportAssignment') found = stmt.expression;
    if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'AssignmentExpression' || stmt.expression.operator !== '=') continue;
    if (memberPath(stmt.expression.left) === 'module.exports') found = stmt.expression.right;
  }
  return found;
}

/** An identifier that names a global, not a binding of the module (`process`, `__dirname`, `require`). */
function isGlobal(node: AstNode, m: ModuleInfo): boolean {
  const n = unwrap(node);
  return n.type === 'Identifier' && !m.resolved.get(n)?.defs.length;
}

/** `process.env.NAME` / `process.env['NAME']` with `process` the global. */
function envName(node: TSESTree.MemberExpression, m: ModuleInfo): string | undefined {
  const object = unwrap(node.object);
  if (object.type !== 'MemberExpression' || memberPath(object) !== 'process.env' || !isGlobal(object.object, m)) return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  const key = unwrap(node.property);
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}

/** Where a binding is changed after its declaration: reassigned, or its contents written. */
function mutation(variable: Variable, m: ModuleInfo): AstNode | undefined {
  for (const ref of variable.references) {
    if (ref.isWrite() && !ref.init) return ref.identifier;
    let cur: AstNode = ref.identifier;
    let parent = m.parents.get(cur);
    let viaMember = false;
    while (parent && ((parent.type === 'MemberExpression' && parent.object === cur) || parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'ChainExpression')) {
      viaMember ||= parent.type === 'MemberExpression';
      cur = parent;
      parent = m.parents.get(cur);
    }
    if (!parent) continue;
    if (viaMember && parent.type === 'AssignmentExpression' && parent.left === cur) return parent;
    if (viaMember && parent.type === 'UpdateExpression') return parent;
    if (viaMember && parent.type === 'UnaryExpression' && parent.operator === 'delete') return parent;
    if (parent.type === 'CallExpression') {
      if (parent.callee === cur && cur.type === 'MemberExpression' && cur.property.type === 'Identifier' && MUTATING_METHODS.has(cur.property.name)) return parent;
      const callee = memberPath(parent.callee);
      if (parent.arguments[0] === cur && (callee === 'Object.assign' || callee === 'Object.defineProperty' || callee === 'Object.setPrototypeOf')) return parent;
    }
  }
  return undefined;
}

/** JavaScript truthiness of a known value; undefined when unknown. */
function truthiness(node: Node | undefined): boolean | undefined {
  if (node === undefined) return false;
  if (isScalar(node)) return Boolean(node.value);
  if (node.kind === 'map' || node.kind === 'seq') return true;
  return undefined;
}

function describeShort(node: Node): string {
  const text = describe(node);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
