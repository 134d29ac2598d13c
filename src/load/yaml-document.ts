import { createRequire } from 'node:module';
import type { Document, Schema, Tags, Node as YamlNode } from 'yaml';
import type { Location } from '../location.js';
import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';
import type { Node, Pair } from './tree.js';
import {
  MAX_DEPTH,
  MAX_EXPANDED_NODES,
  SHORT_TAGS,
  DuplicateKeys,
  expandedSize,
  inlineTextOrigin,
  literalTextOrigin,
  mayHoldDocument,
  parseError,
  type ParsedFile,
  type YamlDialect,
} from './yaml-shared.js';

/**
 * The short tags declared to the parser, in scalar, sequence and map form: an undeclared tag
 * costs a warning object with a stack trace per occurrence, which is most of a template's
 * parse time. The tag stays on the node for the conversion below. Built once, on first use:
 * most runs never come here (see parseLocated).
 */
let schema: Schema | undefined;
function shortTagSchema(yaml: YamlApi): Schema {
  if (schema) return schema;
  const { Schema, YAMLMap, YAMLSeq } = yaml;
  const customTags: Tags = Object.keys(SHORT_TAGS).flatMap((tag): Tags => [
    { tag, resolve: (value: string) => value },
    { tag, collection: 'seq', nodeClass: YAMLSeq, resolve: (value: unknown) => value },
    { tag, collection: 'map', nodeClass: YAMLMap, resolve: (value: unknown) => value },
  ]);
  schema = new Schema({ schema: 'core', customTags, merge: true, resolveKnownTags: true });
  return schema;
}

type YamlApi = typeof import('yaml');
let api: YamlApi | undefined;
/** The whole of `yaml`, loaded on first use: most runs never need it (see yaml-lexer.ts). */
function yamlApi(): YamlApi {
  api ??= createRequire(import.meta.url)('yaml') as YamlApi;
  return api;
}

class LoadError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * The located tree through `yaml`'s Document API: all of YAML, every error with its position.
 * It is the reference the token builder (yaml-tokens.ts) is tested against, and the path for
 * whatever that builder leaves: YAML errors are reported here and only here.
 */
/**
 * `yaml`'s parser holds its whole CST and then the Document (~160 bytes of heap per byte of input
 * on large maps), so the fallback path takes files up to this size only.
 */
export const MAX_DOCUMENT_PATH_CHARS = 2 * 1024 * 1024;

export function parseWithDocument(text: string, file: string, dialect: YamlDialect = 'cloudformation'): ParsedFile {
  if (text.length > MAX_DOCUMENT_PATH_CHARS) {
    const size = `${(text.length / (1024 * 1024)).toFixed(1)} MB`;
    const message = `this file (${size}) needs the full YAML parser (a syntax error or a rarely used YAML feature), which faaslint runs on files up to ${MAX_DOCUMENT_PATH_CHARS / (1024 * 1024)} MB: it is not analysed`;
    return { root: undefined, diagnostics: [diagnostic('budget-exceeded', message, { file, line: 1, column: 1, endLine: 1, endColumn: 2 })] };
  }
  const yaml = yamlApi();
  const { isAlias, isPair, parseDocument } = yaml;
  const isYamlMap = yaml.isMap;
  const isYamlScalar = yaml.isScalar;
  const isYamlSeq = yaml.isSeq;
  const lineCounter = new yaml.LineCounter();
  const at = (start: number, end: number): Location => {
    const s = lineCounter.linePos(start);
    const e = lineCounter.linePos(Math.max(end, start + 1));
    return { file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  };
  const diagnostics: Diagnostic[] = [];
  const duplicates = new DuplicateKeys(dialect, diagnostics);
  let doc: Document.Parsed;
  // Broken files make hundreds of YAMLErrors, and stack traces are most of their cost.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // Duplicate keys are found below, in linear time: `yaml`'s check compares each key with every earlier one.
    doc = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false, strict: false, schema: shortTagSchema(yaml) });
  } catch (err) {
    diagnostics.push(parseError(`cannot parse: ${(err as Error).message}`, at(0, 1)));
    return { root: undefined, diagnostics };
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  let fatal = false;
  // Later syntax errors are mostly echoes of the first one.
  const error = doc.errors[0];
  if (error) {
    const [start, end] = error.pos;
    const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    fatal = true;
    diagnostics.push(parseError(`syntax error: ${message}; the file is not analysed`, at(start, end)));
  }
  if (fatal) return { root: undefined, diagnostics, syntaxError: true };
  if (doc.contents === null) return { root: undefined, diagnostics };

  /** Converted anchored nodes: an alias (or merge key) to one gives the same tree. Only those: a map of every node would weigh as much as the tree. */
  const memo = new Map<YamlNode, Node>();
  /**
   * Anchors by name as the conversion meets them, in document order, so an alias finds the last
   * anchor before it in one lookup (`Alias.resolve` walks the whole document for each alias).
   */
  const anchors = new Map<string, YamlNode>();
  const building = new Set<YamlNode>();
  const convert = (node: YamlNode | null | undefined, depth: number, fallbackOffset: number): Node => {
    if (depth > MAX_DEPTH) throw new LoadError(`nesting deeper than ${MAX_DEPTH} levels`, fallbackOffset);
    if (node === null || node === undefined) {
      return { kind: 'scalar', value: null, loc: at(fallbackOffset, fallbackOffset + 1) };
    }
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? fallbackOffset;
      const target = anchors.get(node.source);
      if (!target) throw new LoadError(`unknown alias *${node.source}`, offset);
      if (building.has(target)) throw new LoadError(`alias *${node.source} inside its own anchor`, offset);
      return convert(target, depth + 1, offset);
    }
    const known = memo.get(node);
    if (known) return known;
    if (node.anchor) anchors.set(node.anchor, node);
    building.add(node);
    const [start, valueEnd] = node.range ?? [fallbackOffset, fallbackOffset + 1];
    const loc = at(start, valueEnd);
    let result: Node;
    if (isYamlScalar(node)) {
      const v = node.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
      // Only a string that may hold a document (a policy as JSON) needs to say where its text is.
      const origin = typeof value === 'string' && mayHoldDocument(value) ? textOrigin(node, value, start, valueEnd, loc) : undefined;
      result = origin ? { kind: 'scalar', value, loc, textOrigin: origin } : { kind: 'scalar', value, loc };
    } else if (isYamlMap(node)) {
      result = { kind: 'map', entries: convertPairs(node.items, depth, start), loc };
    } else if (isYamlSeq(node)) {
      result = { kind: 'seq', items: node.items.map((item) => convert(item as YamlNode, depth + 1, start)), loc };
    } else {
      result = { kind: 'scalar', value: null, loc };
    }
    const long = node.tag ? SHORT_TAGS[node.tag] : undefined;
    if (long) {
      // `!GetAtt Resource.Attribute` is the dotted short form of a two-item list.
      let arg = result;
      if (long === 'Fn::GetAtt' && result.kind === 'scalar' && typeof result.value === 'string') {
        const dot = result.value.indexOf('.');
        if (dot > 0) {
          arg = {
            kind: 'seq',
            items: [
              { kind: 'scalar', value: result.value.slice(0, dot), loc },
              { kind: 'scalar', value: result.value.slice(dot + 1), loc },
            ],
            loc,
          };
        }
      }
      const tagStart = text.lastIndexOf(node.tag!, start);
      const tagLoc = at(tagStart >= 0 && start - tagStart < 4096 ? tagStart : start, valueEnd);
      result = { kind: 'map', entries: [{ key: long, keyLoc: tagLoc, value: arg }], loc: tagLoc };
    }
    building.delete(node);
    if (node.anchor) memo.set(node, result);
    return result;
  };

  /** Where a string scalar's text sits verbatim in the file: a literal block's content lines, or a one-line scalar without escapes. */
  const textOrigin = (node: { type?: string }, value: string, start: number, end: number, loc: Location): { line: number; column: number } | undefined => {
    if (node.type === 'BLOCK_LITERAL') return literalTextOrigin(text, start, end, (offset) => lineCounter.linePos(offset).line);
    if (node.type !== 'PLAIN' && !isQuoted(node)) return undefined;
    return inlineTextOrigin(loc, value, isQuoted(node));
  };

  const convertPairs = (pairs: readonly unknown[], depth: number, offset: number): Pair[] => {
    let explicit: Pair[] = [];
    /** Each explicit key's value (`1:` and `'1':` are different keys of the same text). */
    const keyValues: unknown[] = [];
    const merged: Pair[] = [];
    for (const item of pairs) {
      if (!isPair(item)) continue;
      const keyNode = item.key as YamlNode | null;
      const keyStart = keyNode?.range?.[0] ?? offset;
      const keyEnd = keyNode?.range?.[1] ?? keyStart + 1;
      if (keyNode?.anchor) anchors.set(keyNode.anchor, keyNode);
      const keyValue = isYamlScalar(keyNode) ? keyNode.value : keyNode === null ? '' : String(keyNode);
      const isMerge = isYamlScalar(keyNode) && (keyNode.source === '<<' || keyValue === '<<') && !isQuoted(keyNode);
      const value = convert(item.value as YamlNode | null, depth + 1, keyEnd);
      if (isMerge) {
        const sources = value.kind === 'seq' ? value.items : [value];
        for (const source of sources) {
          if (source.kind === 'map') for (const pair of source.entries) merged.push(pair);
        }
        continue;
      }
      explicit.push({ key: String(keyValue), keyLoc: at(keyStart, keyEnd), value });
      keyValues.push(keyValue);
    }
    explicit = duplicates.settle(explicit, (a, b) => keyValues[a] === keyValues[b]);
    if (merged.length === 0) return explicit;
    const seen = new Set(explicit.map((p) => p.key));
    const result = [...explicit];
    for (const pair of merged) {
      if (!seen.has(pair.key)) {
        seen.add(pair.key);
        result.push(pair);
      }
    }
    return result;
  };

  try {
    const root = convert(doc.contents as YamlNode, 0, 0);
    duplicates.finish();
    const size = expandedSize(root);
    if (size > MAX_EXPANDED_NODES) {
      diagnostics.push(parseError(`aliases expand to more than ${MAX_EXPANDED_NODES} nodes; the file is not analysed`, root.loc));
      return { root: undefined, diagnostics };
    }
    return { root, diagnostics };
  } catch (err) {
    if (err instanceof LoadError) {
      diagnostics.push(parseError(`${err.message}; the file is not analysed`, at(err.offset, err.offset + 1)));
      return { root: undefined, diagnostics };
    }
    if (err instanceof RangeError) {
      diagnostics.push(parseError('document too deeply nested; the file is not analysed', at(0, 1)));
      return { root: undefined, diagnostics };
    }
    throw err;
  }
}

function isQuoted(node: { type?: string }): boolean {
  return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
}
