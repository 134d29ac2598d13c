// YAML texts for differential tests: random documents from a small grammar (nested block and
// flow collections, every scalar style, tags, anchors, comments and blank lines at any
// indentation) and corpus files with random edits. Deterministic for a given seed.

import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers.js';

/** The YAML files of `../shared/corpus` or `../shared/apps`; none when that folder is absent. */
export function sharedYamlFiles(folder: 'corpus' | 'apps'): string[] {
  const dir = path.resolve(repoRoot, '..', 'shared', folder);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));
}

/** A file as the loader reads it: without a byte order mark. */
export function readYaml(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** mulberry32: a small seeded generator, so a failing case can be replayed. */
export function random(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALARS = [
  'a', 'b c', '1', '-2', '0x1F', '0o17', '1.5', '.inf', '-.Inf', '.nan', 'true', 'False', 'null', '~', '1e3', "'q'", "'it''s'",
  '"d"', '"e\\tf"', '"x\\u0041"', 'arn:aws:s3:::b/*', 'a.b', 'x # not', "''", '""', '<<', 'k:v', '-x', '?x', ':x', '%x', '@x', 'a  b', 'Yes',
  '\'{"p": 1}\'', '"{\\"q\\": 2}"', '" {}"',
];
const TAGS = ['!Ref', '!Sub', '!GetAtt', '!If', '!Join', '!Select', '!Base64', '!GetAZs', '!Condition', '!Foo', '!!str', '!'];
const KEYS = ['k', 'key', '"q"', "'s'", '<<', 'a b', '1'];

export function generatedYaml(rnd: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number) => rnd() < p;
  const anchors: string[] = [];
  const trivia = (lines: string[], indent: number) => {
    while (chance(0.25)) {
      const at = Math.max(0, indent + pick([-4, -2, -1, 0, 1, 2, 4]));
      lines.push(chance(0.5) ? `${' '.repeat(at)}#${pick(['', ' c', ' x y'])}` : pick(['', ' ', '    ']));
    }
  };
  const props = () => {
    let p = '';
    if (chance(0.15)) p += `${pick(TAGS)} `;
    if (chance(0.1)) {
      const name = pick(['a', 'b', 'c']);
      anchors.push(name);
      p += `&${name} `;
    }
    return p;
  };
  const scalar = (flow: boolean) => {
    if (chance(0.08) && anchors.length > 0) return `*${pick(anchors)}`;
    let s = pick(SCALARS);
    if (flow && /[,[\]{}]/.test(s)) s = 'z';
    if (chance(0.05)) s += `\n${' '.repeat(12)}cont`;
    return s;
  };
  const flowNode = (depth: number): string => {
    if (depth > 3 || chance(0.5)) return props() + scalar(true);
    const isMap = chance(0.5);
    const items: string[] = [];
    for (let i = Math.floor(rnd() * 4); i > 0; i--) {
      const sep = chance(0.1) ? `\n${' '.repeat(Math.floor(rnd() * 12))}` : ' ';
      if (isMap || chance(0.1)) items.push(`${sep}${pick(KEYS)}:${chance(0.9) ? ` ${flowNode(depth + 1)}` : ''}`);
      else items.push(sep + flowNode(depth + 1));
    }
    return `${props()}${isMap ? '{' : '['}${items.join(',')}${chance(0.1) ? ',' : ''}${chance(0.2) ? ' ' : ''}${isMap ? '}' : ']'}`;
  };
  const value = (lines: string[], head: string, depth: number, inSeq: boolean, childIndent: number) => {
    const r = rnd();
    if (depth > 4 || r < 0.35) {
      lines.push(`${head} ${props()}${scalar(false)}${chance(0.15) ? pick([' # c', '  #c', ' ']) : ''}`);
    } else if (r < 0.45) {
      lines.push(`${head} ${flowNode(0)}${chance(0.1) ? ' # c' : ''}`);
    } else if (r < 0.55) {
      lines.push(`${head} ${props()}${pick(['|', '>', '|-', '>+', '|2', '>-', '|+'])}${chance(0.1) ? ' # c' : ''}`);
      for (let j = 1 + Math.floor(rnd() * 3); j > 0; j--) {
        lines.push(chance(0.2) ? '' : ' '.repeat(childIndent + (chance(0.2) ? 2 : 0)) + pick(['text', 'more text', '  indented', '# not comment', '{', '"k": 1 }']));
      }
    } else if (r < 0.62) {
      lines.push(head + (chance(0.5) ? '' : ` ${props().trim()}`) + (chance(0.2) ? ' # c' : ''));
    } else if (inSeq && r < 0.72) {
      block(lines, childIndent, depth + 1, `${head} `);
    } else {
      const p = props().trim();
      if (p && chance(0.3)) lines.push(head, ' '.repeat(childIndent) + p);
      else lines.push(head + (p ? ` ${p}` : '') + (chance(0.2) ? ' # c' : ''));
      trivia(lines, childIndent);
      const sameIndentSeq = !inSeq && chance(0.2);
      block(lines, sameIndentSeq ? childIndent - 2 : childIndent + (chance(0.2) ? 2 : 0), depth + 1);
    }
  };
  const block = (lines: string[], indent: number, depth: number, first?: string) => {
    const isSeq = chance(0.4);
    for (let i = 1 + Math.floor(rnd() * 4); i > 0; i--) {
      // A collection opening on the line of a `- ` starts after it.
      const start = first ?? ' '.repeat(indent);
      first = undefined;
      const head = isSeq ? `${start}-` : `${start}${pick(KEYS)}${pick(['', '', '0', '1'])}:`;
      value(lines, head, depth, isSeq, indent + 2);
      trivia(lines, indent);
    }
  };
  const lines: string[] = [];
  if (chance(0.1)) lines.push(pick(['---', '--- # c', '# top']));
  trivia(lines, 0);
  if (chance(0.1)) lines.push(flowNode(0));
  else block(lines, chance(0.1) ? 2 : 0, 0);
  trivia(lines, 0);
  return lines.join('\n') + (chance(0.8) ? '\n' : '');
}

const INSERTS = [' ', '  ', '\n', '#', ' #', ':', ': ', '-', '- ', '[', ']', '{', '}', ',', '!Ref ', '&a ', '*a', '"', "'", '|', '>', '?', '\t', 'x', '0', '<<: ', '\\', '...', '---\n', '%', '@', '~', '\r\n'];
const LINES = ['- x', 'k: v', '- ', 'k:', '-', '- - a', 'k: !Ref', '&a k: v', 'k: &a', '<<: *a', '? k', '- !Sub', 'k: [a,', '  b]', 'k: |', '  text', 'k: *a', '- &a', '  x: 1'];

/** `text` with one to three random edits: characters, whole lines, indentation, comments. */
export function mutatedYaml(text: string, rnd: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  let t = text;
  for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
    const lines = t.split('\n');
    const li = Math.floor(rnd() * lines.length);
    const p = Math.floor(rnd() * t.length);
    switch (Math.floor(rnd() * 10)) {
      case 0:
        t = t.slice(0, p) + t.slice(p + 1);
        continue;
      case 1:
        t = t.slice(0, p) + pick(INSERTS) + t.slice(p);
        continue;
      case 2:
        lines.splice(li, 0, lines[li] ?? '');
        break;
      case 3:
        lines.splice(li, 1);
        break;
      case 4: {
        const d = pick([1, -1, 2, -2, 4]);
        lines[li] = d > 0 ? ' '.repeat(d) + lines[li] : lines[li]!.replace(new RegExp(`^ {0,${-d}}`), '');
        break;
      }
      case 5:
        lines.splice(li, 0, `${' '.repeat(Math.floor(rnd() * 12))}#${pick(['', ' c'])}`);
        break;
      case 6:
        lines.splice(li, 0, pick(['', ' ', '   ']));
        break;
      case 7:
        if (li + 1 < lines.length) [lines[li], lines[li + 1]] = [lines[li + 1]!, lines[li]!];
        break;
      case 8:
        lines[li] += pick([' # c', '#c', ' #', '  ']);
        break;
      default:
        lines.splice(li, 0, ' '.repeat(Math.floor(rnd() * 10)) + pick(LINES));
    }
    t = lines.join('\n');
  }
  return t;
}

/** The first path where two values differ (NaN equals NaN, -0 differs from 0), or undefined. */
export function firstDifference(a: unknown, b: unknown, at = '$'): string | undefined {
  if (Object.is(a, b)) return undefined;
  const differ = `${at}: ${String(JSON.stringify(a))} vs ${String(JSON.stringify(b))}`;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return differ;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return `${at}: ${a.length} items vs ${other.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], other[i], `${at}.${i}`);
      if (d) return d;
    }
    return undefined;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return differ;
  for (const key of keys) {
    const d = firstDifference(x[key], y[key], `${at}.${key}`);
    if (d) return d;
  }
  return undefined;
}
