import type { Location } from '../location.js';
import type { Diagnostic } from '../model.js';
import type { Node } from './tree.js';

/** CloudFormation short-form tags and the long-form key each stands for. */
export const SHORT_TAGS: Readonly<Record<string, string>> = {
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
};

/** Deeper than any real template; keeps hostile nesting from overflowing the stack. */
export const MAX_DEPTH = 256;
/** Nodes reachable once aliases are expanded: refuses "billion laughs" documents. */
export const MAX_EXPANDED_NODES = 2_000_000;

export interface ParsedFile {
  /** Undefined when the file could not be parsed at all. */
  readonly root: Node | undefined;
  readonly diagnostics: Diagnostic[];
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
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
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

export function parseError(message: string, location: Location): Diagnostic {
  return { code: 'parse-error', severity: 'error', message, location };
}
