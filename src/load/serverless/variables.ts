import { diagnostic, type DiagnosticCode } from '../../diagnostics.js';
import type { Diagnostic } from '../../model.js';
import type { Location } from '../../location.js';
import { get, isScalar, isSeq, unresolvedNode, type Node, type Pair } from '../tree.js';

/**
 * Resolves Serverless Framework variables statically. `${self:}`, `${opt:}`, `${sls:}`,
 * `${param:}`, `${file()}` (confined to the repository) and, when allowed, `${env:}` are
 * resolved; sources that need the network or AWS (`ssm`, `cf`, `s3`, `aws`, …) become
 * `unresolved` nodes carrying their text. Anything that is not a Serverless variable
 * (`${AWS::Region}` in an `Fn::Sub`) is left as written.
 */
export interface VariableOptions {
  readonly stage?: string;
  readonly region?: string;
  readonly params: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reads `${file(path)}` relative to the referencing file; returns undefined (and reports) when refused or missing. */
  readonly readFile: (fromFile: string, relPath: string, loc: Location) => Node | undefined;
}

const SERVERLESS_SOURCES = new Set([
  'self', 'opt', 'sls', 'env', 'file', 'param', 'ssm', 'cf', 's3', 'aws', 'strToBool', 'git', 'terraform', 'vault',
  'doppler', 'sm', 'state',
]);
const MAX_NESTING = 16;
/** The longest string variables may build: real values are far shorter, while `${self:}` doubling itself 25 times is 268 MB. */
export const MAX_RESOLVED_STRING = 1024 * 1024;
/** Variable look-ups per config: values are memoised, so real configs need thousands; past this the rest stays unknown. */
export const MAX_VARIABLE_WORK = 1_000_000;

export class VariableResolver {
  private readonly memo = new Map<Node, Node>();
  private work = 0;
  private readonly inProgress = new Set<Node>();
  private readonly inProgressRefs = new Set<string>();
  /** The variable being resolved: where a cycle is reported (the value it loops back to may be the whole file). */
  private usage: Location | undefined;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly root: Node,
    private readonly file: string,
    private readonly options: VariableOptions,
  ) {}

  /** The resolved form of `node` (memoised: shared subtrees are resolved once). */
  resolve(node: Node): Node {
    const known = this.memo.get(node);
    if (known) return known;
    if (this.inProgress.has(node)) {
      this.report('variable-cycle', 'variable cycle: this value refers back to itself', this.usage ?? node.loc);
      return unresolvedNode('(cycle)', 'variable cycle', node.loc);
    }
    this.inProgress.add(node);
    let result: Node;
    switch (node.kind) {
      case 'scalar':
        result = typeof node.value === 'string' && node.value.includes('${') ? this.resolveString(node.value, node.loc, 0) : node;
        break;
      case 'seq': {
        const items = node.items.map((i) => this.resolve(i));
        result = items.some((item, i) => item !== node.items[i]) ? { kind: 'seq', items, loc: node.loc } : node;
        break;
      }
      case 'map': {
        const values = node.entries.map((p) => this.resolve(p.value));
        result = values.some((v, i) => v !== node.entries[i]!.value)
          ? { kind: 'map', entries: node.entries.map((p, i): Pair => (values[i] === p.value ? p : { ...p, value: values[i]! })), loc: node.loc }
          : node;
        break;
      }
      default:
        result = node;
    }
    this.inProgress.delete(node);
    this.memo.set(node, result);
    return result;
  }

  /** The resolved value at a `self:` path of the main config, resolving only along the path (not the whole file). */
  self(path: string): Node | undefined {
    let cur: Node | undefined = this.root;
    for (const segment of path.split('.').filter(Boolean)) {
      cur = this.shallow(cur);
      cur = isSeq(cur) && /^\d+$/.test(segment) ? cur.items[Number(segment)] : get(cur, segment);
      if (cur === undefined) return undefined;
    }
    return this.resolve(cur);
  }

  /** A value whose own variables are resolved, leaving its children for later. */
  private shallow(node: Node): Node {
    return node.kind === 'scalar' ? this.resolve(node) : node;
  }

  get stage(): string {
    if (this.options.stage) return this.options.stage;
    const provider = get(this.root, 'provider');
    const stage = get(provider, 'stage');
    if (isScalar(stage) && typeof stage.value === 'string' && !stage.value.includes('${')) return stage.value;
    return 'dev';
  }

  private resolveString(text: string, loc: Location, depth: number): Node {
    const outer = this.usage;
    this.usage = loc;
    try {
      return this.resolveStringAt(text, loc, depth);
    } finally {
      this.usage = outer;
    }
  }

  private resolveStringAt(text: string, loc: Location, depth: number): Node {
    const parts = splitVariables(text);
    if (parts.length === 1 && parts[0]!.kind === 'variable') {
      const whole = this.resolveVariable(parts[0]!.inner, loc, depth);
      if (whole === undefined) return { kind: 'scalar', value: text, loc };
      return whole.kind === 'scalar' ? { ...whole, loc, via: text } : whole;
    }
    let out = '';
    let known = true;
    let changed = false;
    let fromDefault = false;
    for (const part of parts) {
      let piece: string;
      if (part.kind === 'text') piece = part.text;
      else {
        const value = this.resolveVariable(part.inner, loc, depth);
        if (value === undefined) piece = `\${${part.inner}}`;
        else {
          changed = true;
          if (isScalar(value) && value.fromDefault) fromDefault = true;
          if (isScalar(value) && value.value !== null) piece = String(value.value);
          else {
            known = false;
            piece = value.kind === 'unresolved' ? value.text : `\${${part.inner}}`;
          }
        }
      }
      if (out.length + piece.length > MAX_RESOLVED_STRING) {
        this.report('budget-exceeded', `variables make this value longer than ${MAX_RESOLVED_STRING} characters: it is not analysed`, loc);
        return unresolvedNode(text, 'too long once resolved', loc);
      }
      out += piece;
    }
    if (!changed) return { kind: 'scalar', value: text, loc };
    if (known) return fromDefault ? { kind: 'scalar', value: out, loc, via: text, fromDefault } : { kind: 'scalar', value: out, loc, via: text };
    return unresolvedNode(out, 'depends on a variable resolved only at deploy time', loc);
  }

  /** undefined: not a Serverless variable, leave the text as written. */
  private resolveVariable(rawInner: string, loc: Location, depth: number): Node | undefined {
    if (++this.work > MAX_VARIABLE_WORK) {
      if (this.work === MAX_VARIABLE_WORK + 1) this.report('budget-exceeded', `more than ${MAX_VARIABLE_WORK} variable look-ups: this value and the rest of the file's variables are not resolved`, loc);
      return unresolvedNode(`\${${rawInner}}`, 'variable budget exceeded', loc);
    }
    if (depth > MAX_NESTING) {
      this.report('variable-cycle', 'variables nested too deeply (a cycle?)', loc);
      return unresolvedNode(`\${${rawInner}}`, 'nested too deeply', loc);
    }
    const [address, fallback] = splitFallback(rawInner);
    const source = /^([A-Za-z0-9]+)(?:\(|:)/.exec(address)?.[1];
    if (!source || !SERVERLESS_SOURCES.has(source)) {
      if (/^[A-Za-z]+:/.test(address) || address.startsWith('file(')) {
        // Unknown source: keep it unknown rather than pretend it is text.
        return unresolvedNode(`\${${rawInner}}`, `variable source "${source ?? address}" is not resolved statically`, loc);
      }
      return undefined;
    }
    const resolvedAddress = address.includes('${') ? this.resolveString(address, loc, depth + 1) : undefined;
    const addr = resolvedAddress
      ? isScalar(resolvedAddress) ? String(resolvedAddress.value) : undefined
      : address;
    let value: Node | undefined;
    if (addr === undefined) {
      value = undefined;
    } else {
      const key = `${addr}`;
      if (this.inProgressRefs.has(key)) {
        this.report('variable-cycle', `variable cycle through \${${addr}}`, loc);
        return unresolvedNode(`\${${rawInner}}`, 'variable cycle', loc);
      }
      this.inProgressRefs.add(key);
      try {
        value = this.lookup(source, addr, loc);
      } finally {
        this.inProgressRefs.delete(key);
      }
    }
    if (value !== undefined && value.kind !== 'unresolved') return value;
    if (fallback !== undefined) {
      const fb = this.resolveFallback(fallback, loc, depth);
      if (fb) return fb.kind === 'scalar' ? { ...fb, via: `default of \${${rawInner}}`, fromDefault: true } : fb;
    }
    return value ?? unresolvedNode(`\${${rawInner}}`, `\${${address}} has no value here`, loc);
  }

  private resolveFallback(fallback: string, loc: Location, depth: number): Node | undefined {
    const f = fallback.trim();
    const quoted = /^(['"])(.*)\1$/s.exec(f);
    if (quoted) return { kind: 'scalar', value: quoted[2]!, loc };
    if (f.startsWith('${')) return this.resolveString(f, loc, depth + 1);
    // The older syntax names a fallback source without `${}`: `${opt:stage, self:custom.stage}`.
    if (/^[A-Za-z0-9]+:\S/.test(f) || /^file\(/.test(f)) return this.resolveVariable(f, loc, depth + 1);
    if (/^-?\d+(\.\d+)?$/.test(f)) return { kind: 'scalar', value: Number(f), loc };
    if (f === 'true' || f === 'false') return { kind: 'scalar', value: f === 'true', loc };
    if (f === 'null') return undefined;
    return { kind: 'scalar', value: f, loc };
  }

  private lookup(source: string, address: string, loc: Location): Node | undefined {
    const rest = address.slice(source.length + 1);
    switch (source) {
      case 'self':
        return this.self(rest);
      case 'opt':
        if (rest === 'stage' && this.options.stage) return { kind: 'scalar', value: this.options.stage, loc };
        if (rest === 'region' && this.options.region) return { kind: 'scalar', value: this.options.region, loc };
        return undefined;
      case 'sls':
        if (rest === 'stage') return { kind: 'scalar', value: this.stage, loc };
        return unresolvedNode(`\${${address}}`, 'known only at deploy time', loc);
      case 'param':
        return this.param(rest, loc);
      case 'env': {
        const env = this.options.env;
        const v = env && Object.hasOwn(env, rest) ? env[rest] : undefined;
        if (this.options.env === undefined) return unresolvedNode(`\${${address}}`, 'environment variables are read only with --allow-env', loc);
        return v === undefined ? undefined : { kind: 'scalar', value: v, loc };
      }
      case 'file':
        return this.fileVariable(address, loc);
      default:
        return unresolvedNode(`\${${address}}`, `\${${source}:…} is resolved by AWS at deploy time; faaslint never fetches it`, loc);
    }
  }

  private param(name: string, loc: Location): Node | undefined {
    const given = Object.hasOwn(this.options.params, name) ? this.options.params[name] : undefined;
    if (given !== undefined) return { kind: 'scalar', value: given, loc };
    // v3: `params.<stage>` / `params.default`; v4: `stages.<stage>.params` / `stages.default.params`.
    const params = get(this.root, 'params');
    const stages = get(this.root, 'stages');
    for (const section of [this.stage, 'default']) {
      const v = get(get(params, section), name) ?? get(get(get(stages, section), 'params'), name);
      if (v) return this.resolve(v);
    }
    return undefined;
  }

  private fileVariable(address: string, loc: Location): Node | undefined {
    const m = /^file\(([^)]*)\)(?::(.*))?$/.exec(address);
    if (!m) return unresolvedNode(`\${${address}}`, 'malformed file() variable', loc);
    const relPath = m[1]!.trim().replace(/^['"]|['"]$/g, '');
    if (/\.(c|m)?(js|ts)$/.test(relPath)) {
      return unresolvedNode(`\${${address}}`, 'JavaScript files are never executed by faaslint', loc);
    }
    const content = this.options.readFile(this.file, relPath, loc);
    if (content === undefined) return unresolvedNode(`\${${address}}`, `${relPath} could not be read`, loc);
    let cur: Node | undefined = content;
    for (const segment of (m[2] ?? '').split('.').filter(Boolean)) {
      cur = get(this.shallow(cur), segment);
      if (cur === undefined) return undefined;
    }
    return this.resolve(cur);
  }

  private report(code: DiagnosticCode, message: string, location: Location): void {
    if (this.diagnostics.some((d) => d.code === code && d.location.line === location.line && d.location.file === location.file)) return;
    this.diagnostics.push(diagnostic(code, message, location));
  }
}

type Part = { kind: 'text'; text: string } | { kind: 'variable'; inner: string };

/** Splits a string into text and top-level `${…}` parts, honouring nested braces. */
function splitVariables(text: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  let textStart = 0;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '{') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') {
          depth--;
          if (depth === 0) break;
        }
      }
      if (j >= text.length) break;
      if (i > textStart) parts.push({ kind: 'text', text: text.slice(textStart, i) });
      parts.push({ kind: 'variable', inner: text.slice(i + 2, j) });
      i = j + 1;
      textStart = i;
      continue;
    }
    i++;
  }
  if (textStart < text.length) parts.push({ kind: 'text', text: text.slice(textStart) });
  return parts;
}

/** `self:custom.x, 'dev'` → [`self:custom.x`, `'dev'`], splitting at the first top-level comma. */
function splitFallback(inner: string): [string, string | undefined] {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth--;
    else if (c === ',' && depth === 0) return [inner.slice(0, i).trim(), inner.slice(i + 1)];
  }
  return [inner.trim(), undefined];
}
