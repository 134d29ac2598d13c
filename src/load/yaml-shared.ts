import type { Location } from '../location.js';
import type { Diagnostic } from '../model.js';
import type { Node, Pair } from './tree.js';
import { minOf } from '../arrays.js';
import { ownTable } from '../own.js';

/** CloudFormation short-form tags and the long-form key each stands for. */
export const SHORT_TAGS: Readonly<Record<string, string>> = ownTable({
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!ForEach': 'Fn::ForEach',
});

/** Deeper than any real template; keeps hostile nesting from overflowing the stack. */
export const MAX_DEPTH = 256;
/** Nodes reachable once aliases are expanded: refuses "billion laughs" documents. */
export const MAX_EXPANDED_NODES = 2_000_000;

export interface ParsedFile {
  /** Undefined when the file could not be parsed at all. */
  readonly root: Node | undefined;
  readonly diagnostics: Diagnostic[];
  /** Set when a YAML syntax error left the file without a tree. */
  readonly syntaxError?: true;
}

/**
 * 1-based line and column of offsets, as `yaml`'s LineCounter computes them, from the line
 * starts of the text. Lookups walk from the previous answer: the builders ask in nearly
 * increasing order, so most take a step or two instead of a binary search.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  private last = 0;

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** The index of the line holding `offset` (the last line start at or before it). */
  private lineOf(offset: number): number {
    const starts = this.starts;
    let line = this.last;
    if (starts[line]! <= offset) {
      const stop = Math.min(line + 8, starts.length);
      while (line + 1 < stop && starts[line + 1]! <= offset) line++;
      if (line + 1 === stop && stop < starts.length && starts[stop]! <= offset) line = this.search(offset, stop, starts.length - 1);
    } else {
      line = this.search(offset, 0, line - 1);
    }
    this.last = line;
    return line;
  }

  private search(offset: number, lo: number, hi: number): number {
    const starts = this.starts;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The offset of a 1-based line and column. */
  offset(line: number, column: number): number {
    return this.starts[line - 1]! + column - 1;
  }

  /** The location of `[start, end)`; an empty range is widened to one character, as before. */
  at(file: string, start: number, end: number): Location {
    const sl = this.lineOf(start);
    const column = start - this.starts[sl]! + 1;
    const e = Math.max(end, start + 1);
    const el = this.lineOf(e);
    return { file, line: sl + 1, column, endLine: el + 1, endColumn: e - this.starts[el]! + 1 };
  }
}

/** Whether a string may hold a document (a policy written as JSON), which is then located inside it. */
export function mayHoldDocument(value: string): boolean {
  const c = value.charCodeAt(0);
  return c === 0x7b || ((c <= 0x20 || c >= 0x80) && value.trimStart().startsWith('{'));
}

/**
 * Where the text of a literal block scalar (`|`, from `start`, its header, to `end`) sits in
 * the file: its first content line, at the block's indentation.
 */
export function literalTextOrigin(text: string, start: number, end: number, lineAt: (offset: number) => number): { line: number; column: number } | undefined {
  const body = text.slice(start, end);
  const headerEnd = body.indexOf('\n');
  if (headerEnd < 0) return undefined;
  const lines = body.slice(headerEnd + 1).split('\n');
  const indent = minOf(lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  if (!Number.isFinite(indent)) return undefined;
  return { line: lineAt(start + headerEnd + 1), column: indent + 1 };
}

/** Where a one-line scalar's text sits in the file, when it is there verbatim (no escapes, no folding). */
export function inlineTextOrigin(loc: Location, value: string, quoted: boolean): { line: number; column: number } | undefined {
  const quote = quoted ? 1 : 0;
  if (loc.endLine !== loc.line || loc.endColumn - loc.column !== value.length + 2 * quote) return undefined;
  return { line: loc.line, column: loc.column + quote };
}

/** Node count with aliases expanded, computed on the shared DAG without expanding it. */
export function expandedSize(root: Node): number {
  const sizes = new Map<Node, number>();
  const size = (node: Node): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    if (node.kind === 'map') for (const p of node.entries) total += size(p.value);
    else if (node.kind === 'seq') for (const item of node.items) total += size(item);
    total = Math.min(total, Number.MAX_SAFE_INTEGER);
    sizes.set(node, total);
    return total;
  };
  return size(root);
}

/**
 * Which deploy tool reads the file, for what it does with a duplicate key: CloudFormation, SAM
 * CLI, the AWS CLI and cfn-lint (PyYAML, Python's json) and the CloudFormation service keep the
 * last value; the Serverless Framework loads serverless.yml and its `${file()}` YAML with
 * js-yaml's defaults, which reject the file.
 */
export type YamlDialect = 'cloudformation' | 'serverless';

/** Duplicate-key diagnostics reported per file; the one after them counts the rest. */
const MAX_DUPLICATE_REPORTS = 20;

/**
 * The duplicate keys of one file: each repeat is reported at its key, and the map keeps one
 * pair per key, the last one, in the place of the first (as Python's dict and JSON.parse do).
 */
export class DuplicateKeys {
  private reported = 0;
  private more = 0;
  private moreAt: Location | undefined;

  constructor(
    private readonly dialect: YamlDialect | 'json',
    private readonly diagnostics: Diagnostic[],
  ) {}

  /**
   * The pairs with repeated keys settled. `same(a, b)` says whether two pairs with the same key
   * text are the same key (`1:` and `'1':` are not, in YAML). Linear: one Map lookup per pair,
   * and none for maps of up to eight keys without a repeat.
   */
  settle(entries: Pair[], same?: (a: number, b: number) => boolean): Pair[] {
    const n = entries.length;
    if (n < 2) return entries;
    if (n <= 8 && !hasRepeatedText(entries)) return entries;
    const byText = new Map<string, number[]>();
    const result: Pair[] = [];
    /** For each pair of `result`: the index in `entries` of the pair it stands for first. */
    const firstIndex: number[] = [];
    for (let i = 0; i < n; i++) {
      const pair = entries[i]!;
      const slots = byText.get(pair.key);
      let slot = -1;
      if (slots) for (const s of slots) if (!same || same(firstIndex[s]!, i)) slot = s;
      if (slot < 0) {
        if (slots) slots.push(result.length);
        else byText.set(pair.key, [result.length]);
        firstIndex.push(i);
        result.push(pair);
      } else {
        this.report(pair, entries[firstIndex[slot]!]!);
        result[slot] = pair;
      }
    }
    return result.length === n ? entries : result;
  }

  private report(repeat: Pair, first: Pair): void {
    if (this.reported >= MAX_DUPLICATE_REPORTS) {
      this.more++;
      this.moreAt ??= repeat.keyLoc;
      return;
    }
    this.reported++;
    const key = JSON.stringify(repeat.key.length > 80 ? `${repeat.key.slice(0, 80)}…` : repeat.key);
    const where = `duplicate key ${key} (first at line ${first.keyLoc.line})`;
    if (this.dialect === 'serverless') {
      this.diagnostics.push({
        code: 'duplicate-key',
        severity: 'error',
        message: `${where}: the Serverless Framework rejects a serverless.yml with duplicate keys (js-yaml), so this file does not deploy; the last value is analysed`,
        location: repeat.keyLoc,
      });
    } else {
      const tools = this.dialect === 'json' ? 'JSON parsers and CloudFormation' : 'CloudFormation, SAM and the AWS CLI';
      this.diagnostics.push({ code: 'duplicate-key', severity: 'warning', message: `${where}: ${tools} use the last value, which is the one analysed`, location: repeat.keyLoc });
    }
  }

  /** Adds the count of the repeats not reported one by one. */
  finish(): void {
    if (this.more === 0) return;
    const severity = this.dialect === 'serverless' ? 'error' : 'warning';
    this.diagnostics.push({ code: 'duplicate-key', severity, message: `${this.more} more duplicate keys in this file, not reported one by one`, location: this.moreAt! });
    this.more = 0;
  }
}

function hasRepeatedText(entries: readonly Pair[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    const key = entries[i]!.key;
    for (let j = 0; j < i; j++) if (entries[j]!.key === key) return true;
  }
  return false;
}

export function parseError(message: string, location: Location): Diagnostic {
  return { code: 'parse-error', severity: 'error', message, location };
}
