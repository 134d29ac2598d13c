import { diagnostic, type DiagnosticCode } from '../../diagnostics.js';
import type { Location } from '../../location.js';
import type { Diagnostic } from '../../model.js';
import {
  describe,
  get,
  intrinsicOf,
  isMap,
  isScalar,
  isSeq,
  str,
  unresolvedNode,
  type MapNode,
  type Node,
  type Pair,
} from '../tree.js';

/**
 * A small partial evaluator for CloudFormation intrinsics. Results are known values,
 * `unresolved` nodes carrying the source text, or `if` nodes keeping both branches:
 * never a guess. Parameter defaults are used and marked (`via`) so a finding can say it
 * rests on a default.
 */
export interface TemplateContext {
  readonly parameters: ReadonlyMap<string, { readonly default?: Node; readonly noEcho: boolean; readonly fromSsm?: boolean }>;
  readonly resources: ReadonlySet<string>;
  readonly mappings: Node | undefined;
  /** Shared by every evaluation in one template: results memoised per node, the work done, and the budgets exceeded. */
  readonly evaluation: Evaluation;
}

/**
 * What evaluating one template costs. A node is evaluated once, whoever refers to it (a parameter
 * default that `!Sub`s another, a `FindInMap` chain, a shared subtree); past a budget the value
 * is unknown and an error diagnostic says where, so nothing is dropped silently.
 */
export interface Evaluation {
  readonly memo: Map<Node, Evaluated>;
  readonly inProgress: Set<Node>;
  /** Alternatives of each `Fn::If` tree built (capped just past the limit). */
  readonly alternatives: Map<Node, number>;
  steps: number;
  /** Evaluations cut short (a budget, a cycle): results that depend on one are not memoised. */
  cutoffs: number;
  readonly diagnostics: Diagnostic[];
}

const NO_VALUE = Symbol('AWS::NoValue');
type Evaluated = Node | typeof NO_VALUE;
const MAX_DEPTH = 64;
/** `Fn::If` alternatives a value may have: what `branches()` expands. */
export const MAX_ALTERNATIVES = 64;
/** Intrinsic evaluations per template: each node is evaluated once, so real templates need a few thousand. */
export const MAX_EVALUATION_STEPS = 1_000_000;
/** The longest string `Fn::Sub` or `Fn::Join` may build. */
export const MAX_EVALUATED_STRING = 1024 * 1024;

function newEvaluation(): Evaluation {
  return { memo: new Map(), inProgress: new Set(), alternatives: new Map(), steps: 0, cutoffs: 0, diagnostics: [] };
}

/** Records a budget exceeded (or a cycle) at `loc`, once per line; the value there stays unknown. */
function cutOff(ctx: TemplateContext, code: DiagnosticCode, message: string, loc: Location): void {
  const ev = ctx.evaluation;
  ev.cutoffs++;
  if (ev.diagnostics.length >= 100) return;
  if (ev.diagnostics.some((d) => d.code === code && d.location.line === loc.line && d.location.file === loc.file)) return;
  ev.diagnostics.push(diagnostic(code, message, loc));
}

export function contextOf(template: Node): TemplateContext {
  const parameters = new Map<string, { default?: Node; noEcho: boolean; fromSsm?: boolean }>();
  const params = get(template, 'Parameters');
  if (isMap(params)) {
    for (const p of params.entries) {
      const noEcho = str(get(p.value, 'NoEcho'))?.toLowerCase() === 'true';
      // `AWS::SSM::Parameter::Value<…>`: the default names an SSM parameter; the value comes from SSM at deploy time.
      const fromSsm = str(get(p.value, 'Type'))?.startsWith('AWS::SSM::Parameter::Value') ?? false;
      const def = get(p.value, 'Default');
      parameters.set(p.key, def === undefined || fromSsm ? { noEcho, fromSsm } : { default: def, noEcho });
    }
  }
  const resources = new Set<string>();
  const res = get(template, 'Resources');
  if (isMap(res)) for (const r of res.entries) resources.add(r.key);
  return { parameters, resources, mappings: get(template, 'Mappings'), evaluation: newEvaluation() };
}

/** Evaluates every intrinsic inside `node`. */
export function evaluate(node: Node, ctx: TemplateContext): Node {
  const result = evalNode(node, ctx, 0);
  return result === NO_VALUE ? unresolvedNode('AWS::NoValue', 'removed by AWS::NoValue', node.loc) : result;
}

function evalNode(node: Node, ctx: TemplateContext, depth: number): Evaluated {
  if (node.kind === 'scalar' || node.kind === 'unresolved' || node.kind === 'if') return node;
  const ev = ctx.evaluation;
  const known = ev.memo.get(node);
  if (known !== undefined) return known;
  if (depth > MAX_DEPTH) {
    cutOff(ctx, 'budget-exceeded', `intrinsics nested deeper than ${MAX_DEPTH} levels: this value is not analysed`, node.loc);
    return unresolvedNode(describe(node), 'nested too deeply to evaluate', node.loc);
  }
  if (++ev.steps > MAX_EVALUATION_STEPS) {
    if (ev.steps === MAX_EVALUATION_STEPS + 1) cutOff(ctx, 'budget-exceeded', `more than ${MAX_EVALUATION_STEPS} intrinsic evaluations: this value and the rest of the template's intrinsics are not analysed`, node.loc);
    else ev.cutoffs++;
    return unresolvedNode(describe(node), 'evaluation budget exceeded', node.loc);
  }
  if (ev.inProgress.has(node)) {
    cutOff(ctx, 'variable-cycle', 'this value refers back to itself (through a parameter default or a mapping): it stays unknown', node.loc);
    return unresolvedNode(describe(node), 'refers back to itself', node.loc);
  }
  ev.inProgress.add(node);
  const cutoffs = ev.cutoffs;
  const result = evalCollection(node, ctx, depth);
  ev.inProgress.delete(node);
  if (ev.cutoffs === cutoffs) ev.memo.set(node, result);
  return result;
}

function evalCollection(node: Node, ctx: TemplateContext, depth: number): Evaluated {
  switch (node.kind) {
    case 'scalar':
    case 'unresolved':
    case 'if':
      return node;
    case 'seq': {
      // Subtrees without intrinsics come back as they are: no copy for plain data.
      const items: Node[] = [];
      let changed = false;
      for (const item of node.items) {
        const v = evalNode(item, ctx, depth + 1);
        if (v !== item) changed = true;
        if (v !== NO_VALUE) items.push(v);
      }
      return changed ? { kind: 'seq', items, loc: node.loc } : node;
    }
    case 'map': {
      const fn = intrinsicOf(node);
      if (fn && !(fn.name === 'Condition' && !isScalar(fn.arg))) return evalIntrinsic(fn.name, fn.arg, node, ctx, depth);
      const entries: Pair[] = [];
      let changed = false;
      for (const p of node.entries) {
        const v = evalNode(p.value, ctx, depth + 1);
        if (v === p.value) entries.push(p);
        else {
          changed = true;
          if (v !== NO_VALUE) entries.push({ key: p.key, keyLoc: p.keyLoc, value: v });
        }
      }
      return changed ? { kind: 'map', entries, loc: node.loc } : node;
    }
  }
}

function evalIntrinsic(name: string, arg: Node, node: MapNode, ctx: TemplateContext, depth: number): Evaluated {
  const loc = node.loc;
  const unknown = (reason: string, target?: Parameters<typeof unresolvedNode>[3]) =>
    unresolvedNode(describe(node), reason, loc, target);
  switch (name) {
    case 'Ref':
      return evalRef(str(arg), ctx, loc, depth);
    case 'Fn::GetAtt': {
      const parts = isSeq(arg) ? arg.items.map(str) : (str(arg) ?? '').split('.');
      const [resource, ...attr] = parts;
      if (resource && ctx.resources.has(resource)) {
        return unresolvedNode(`!GetAtt ${resource}.${attr.join('.')}`, 'attribute known only after deployment', loc, {
          kind: 'resource',
          name: resource,
          attribute: attr.join('.'),
        });
      }
      return unknown('attribute of an unknown resource');
    }
    case 'Fn::Sub':
      return evalSub(arg, ctx, loc, depth);
    case 'Fn::Join': {
      if (!isSeq(arg) || arg.items.length !== 2) return unknown('malformed Fn::Join');
      const delimiter = str(arg.items[0]) ?? '';
      const list = evalNode(arg.items[1]!, ctx, depth + 1);
      if (list === NO_VALUE || !isSeq(list)) return unknown('Fn::Join over an unknown list');
      const parts = list.items.map((item) => (isScalar(item) ? str(item) : undefined));
      const known = parts.every((p) => p !== undefined);
      const texts = known ? (parts as string[]) : list.items.map(textOf);
      if (texts.reduce((n, t) => n + t.length + delimiter.length, 0) > MAX_EVALUATED_STRING) return tooLong(ctx, node);
      if (known) return { kind: 'scalar', value: texts.join(delimiter), loc };
      return unresolvedNode(texts.join(delimiter), 'Fn::Join of values known only after deployment', loc);
    }
    case 'Fn::Select': {
      if (!isSeq(arg) || arg.items.length !== 2) return unknown('malformed Fn::Select');
      const index = Number(str(evalOrSelf(arg.items[0]!, ctx, depth)));
      const list = evalNode(arg.items[1]!, ctx, depth + 1);
      if (list !== NO_VALUE && isSeq(list) && Number.isInteger(index) && list.items[index]) return relocate(list.items[index]!, loc);
      return unknown('Fn::Select over an unknown list');
    }
    case 'Fn::FindInMap': {
      if (!isSeq(arg) || arg.items.length < 3) return unknown('malformed Fn::FindInMap');
      const keys = arg.items.slice(0, 3).map((k) => str(evalOrSelf(k, ctx, depth)));
      if (keys.every((k) => k !== undefined)) {
        const found = get(get(get(ctx.mappings, keys[0]!), keys[1]!), keys[2]!);
        if (found) {
          const v = evalNode(found, ctx, depth + 1);
          return v === NO_VALUE ? v : relocate(v, loc);
        }
      }
      const fallback = arg.items[3];
      const def = isMap(fallback) ? get(fallback, 'DefaultValue') : undefined;
      if (def) return evalNode(def, ctx, depth + 1);
      return unknown('Fn::FindInMap with keys known only after deployment');
    }
    case 'Fn::If': {
      if (!isSeq(arg) || arg.items.length !== 3) return unknown('malformed Fn::If');
      const condition = str(arg.items[0]) ?? '?';
      const whenTrue = evalNode(arg.items[1]!, ctx, depth + 1);
      const whenFalse = evalNode(arg.items[2]!, ctx, depth + 1);
      const tree: Node = {
        kind: 'if',
        condition,
        whenTrue: whenTrue === NO_VALUE ? unresolvedNode('AWS::NoValue', 'removed by AWS::NoValue', loc) : whenTrue,
        whenFalse: whenFalse === NO_VALUE ? unresolvedNode('AWS::NoValue', 'removed by AWS::NoValue', loc) : whenFalse,
        loc,
      };
      checkAlternatives(tree, ctx);
      return tree;
    }
    case 'Fn::ImportValue':
      return unknown('value exported by another stack');
    default:
      return unknown(`${name} is not evaluated statically`);
  }
}

function evalOrSelf(node: Node, ctx: TemplateContext, depth: number): Node {
  const v = evalNode(node, ctx, depth + 1);
  return v === NO_VALUE ? node : v;
}

function evalRef(name: string | undefined, ctx: TemplateContext, loc: Location, depth: number): Evaluated {
  if (name === undefined) return unresolvedNode('!Ref ?', 'malformed Ref', loc);
  if (name === 'AWS::NoValue') return NO_VALUE;
  const param = ctx.parameters.get(name);
  if (param) {
    if (param.default !== undefined && !param.noEcho) {
      const v = evalNode(param.default, ctx, depth + 1);
      if (v !== NO_VALUE && isScalar(v)) return { kind: 'scalar', value: v.value, loc, via: `default of parameter ${name}`, fromDefault: true };
    }
    const reason = param.noEcho ? 'NoEcho parameter' : param.fromSsm ? 'parameter resolved from SSM at deploy time' : 'parameter without a default';
    return unresolvedNode(`!Ref ${name}`, reason, loc, {
      kind: 'parameter',
      name,
    });
  }
  if (ctx.resources.has(name)) {
    return unresolvedNode(`!Ref ${name}`, 'resource identifier known only after deployment', loc, { kind: 'resource', name });
  }
  if (name.startsWith('AWS::')) return unresolvedNode(`\${${name}}`, 'pseudo parameter', loc, { kind: 'pseudo', name });
  return unresolvedNode(`!Ref ${name}`, 'reference to nothing in this template', loc);
}

function evalSub(arg: Node, ctx: TemplateContext, loc: Location, depth: number): Evaluated {
  const template = isSeq(arg) ? str(arg.items[0]) : str(arg);
  if (template === undefined) return unresolvedNode(describe(arg), 'malformed Fn::Sub', loc);
  const vars = isSeq(arg) ? arg.items[1] : undefined;
  let known = true;
  const text = substitute(template, MAX_EVALUATED_STRING, (whole, inner) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    const local = isMap(vars) ? get(vars, name) : undefined;
    const value = local ? evalNode(local, ctx, depth + 1) : name.includes('.') ? undefined : evalRef(name, ctx, loc, depth + 1);
    if (value !== undefined && value !== NO_VALUE && isScalar(value) && value.value !== null) return String(value.value);
    known = false;
    return whole;
  });
  if (text === undefined) return tooLong(ctx, { kind: 'map', entries: [{ key: 'Fn::Sub', keyLoc: loc, value: arg }], loc });
  return known ? { kind: 'scalar', value: text, loc } : unresolvedNode(text, 'Fn::Sub of values known only after deployment', loc);
}

/**
 * Replaces each `${…}` (up to the first `}`) with what `replace` returns for it. By hand, since
 * `/\$\{([^}]*)\}/g` rescans the rest of `${${${…` without a `}` from every `${`: quadratic.
 */
function substitute(template: string, limit: number, replace: (whole: string, inner: string) => string): string | undefined {
  let out = '';
  let from = 0;
  for (let at = template.indexOf('${'); at >= 0; at = template.indexOf('${', from)) {
    const close = template.indexOf('}', at + 2);
    if (close < 0) break;
    const piece = template.slice(from, at) + replace(template.slice(at, close + 1), template.slice(at + 2, close));
    if (out.length + piece.length > limit) return undefined;
    out += piece;
    from = close + 1;
  }
  return out.length + template.length - from > limit ? undefined : out + template.slice(from);
}

function tooLong(ctx: TemplateContext, node: Node): Node {
  cutOff(ctx, 'budget-exceeded', `this value would be longer than ${MAX_EVALUATED_STRING} characters: it is not analysed`, node.loc);
  return unresolvedNode(describe(node), 'too long once evaluated', node.loc);
}

/** Counts a `Fn::If` tree's alternatives; past the limit, says so where the tree first grows past it (`branches()` keeps only the first ones). */
function checkAlternatives(tree: Node & { kind: 'if' }, ctx: TemplateContext): void {
  const counts = ctx.evaluation.alternatives;
  const count = (n: Node): number => (n.kind === 'if' ? (counts.get(n) ?? 1) : 1);
  const total = Math.min(count(tree.whenTrue) + count(tree.whenFalse), MAX_ALTERNATIVES + 1);
  counts.set(tree, total);
  if (total > MAX_ALTERNATIVES && count(tree.whenTrue) <= MAX_ALTERNATIVES && count(tree.whenFalse) <= MAX_ALTERNATIVES) {
    cutOff(ctx, 'budget-exceeded', `more than ${MAX_ALTERNATIVES} Fn::If alternatives: only the first ${MAX_ALTERNATIVES} are analysed`, tree.loc);
    // The tree itself is kept: its first alternatives are still analysed.
    ctx.evaluation.cutoffs--;
  }
}

function textOf(node: Node): string {
  return node.kind === 'unresolved' ? node.text : describe(node);
}

function relocate(node: Node, loc: Location): Node {
  return node.kind === 'scalar' ? { ...node, loc } : node;
}
