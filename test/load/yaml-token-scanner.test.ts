import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOSTILE_CASES } from '../../bench/hostile-cases.mjs';
import { releaseSources, snapshotTokens } from '../../src/load/yaml-token-buffer.js';
import { lexTokens } from '../../src/load/yaml-token-lexer.js';
import { scanTokens } from '../../src/load/yaml-token-scanner.js';
import { indentContinuations } from '../../src/load/yaml-tolerant.js';
import { generatedYaml, mutatedYaml, random, readYaml, sharedYamlFiles } from './yaml-variants.js';

type Tokens = ReturnType<typeof snapshotTokens>;

/** Where two token streams first differ, or undefined. */
function firstTokenDifference(a: Tokens, b: Tokens): string | undefined {
  const n = Math.max(a.kinds.length, b.kinds.length);
  for (let i = 0; i < n; i++) {
    if (a.kinds[i] !== b.kinds[i] || a.offsets[i] !== b.offsets[i] || a.indents[i] !== b.indents[i] || a.sources[i] !== b.sources[i]) {
      const show = (t: Tokens) => JSON.stringify([t.kinds[i], t.offsets[i], t.indents[i], t.sources[i]]);
      return `token ${i}: scanner ${show(a)}, Lexer ${show(b)}`;
    }
  }
  return undefined;
}

/**
 * The scanner either bails (false) or writes exactly the stream of `yaml`'s Lexer, which must
 * then have been one the builder takes. True when the scanner took the text.
 */
function expectScannerAgrees(text: string, label: string): boolean {
  const lexed = lexTokens(text);
  const reference = snapshotTokens();
  releaseSources();
  const scanned = scanTokens(text);
  const mine = snapshotTokens();
  releaseSources();
  if (!scanned) return false;
  expect(lexed, `the Lexer path refuses what the scanner took: ${label}\n${text.slice(0, 2000)}`).toBe(true);
  const difference = firstTokenDifference(mine, reference);
  expect(difference, `${label}\n${text.slice(0, 2000)}`).toBeUndefined();
  return true;
}

describe('the YAML token scanner', () => {
  const corpus = sharedYamlFiles('corpus');
  const apps = sharedYamlFiles('apps');

  it.skipIf(corpus.length === 0)('writes the Lexer’s stream for every YAML file of the corpus and apps it takes, and takes nearly all', () => {
    let taken = 0;
    const left: string[] = [];
    for (const file of [...corpus, ...apps]) {
      if (expectScannerAgrees(readYaml(file), file)) taken++;
      else left.push(file);
    }
    // Left to the Lexer: tabs among the indentation, byte order marks kept, `?` keys, `...`.
    expect(taken / (corpus.length + apps.length), left.join('\n')).toBeGreaterThan(0.97);
  });

  it.skipIf(corpus.length === 0)('writes the Lexer’s stream for edited corpus files', () => {
    const small = corpus.filter((f) => fs.statSync(f).size < 8000);
    const rnd = random(23);
    let taken = 0;
    for (let i = 0; i < 3000; i++) {
      const file = small[Math.floor(rnd() * small.length)]!;
      if (expectScannerAgrees(mutatedYaml(readYaml(file), rnd), `edit ${i} of ${file}`)) taken++;
    }
    expect(taken).toBeGreaterThan(2000);
  });

  it('writes the Lexer’s stream for generated documents', () => {
    const rnd = random(11);
    let taken = 0;
    for (let i = 0; i < 4000; i++) if (expectScannerAgrees(generatedYaml(rnd), `document ${i}`)) taken++;
    expect(taken).toBeGreaterThan(3000);
  });

  it('writes the Lexer’s stream for the YAML of the hostile cases', () => {
    let taken = 0;
    for (const hostile of HOSTILE_CASES) {
      for (const [file, text] of Object.entries(hostile.files())) {
        if (/\.ya?ml$/.test(file) && expectScannerAgrees(text, `${hostile.name}: ${file}`)) taken++;
      }
    }
    expect(taken).toBeGreaterThan(10);
  });

  it.each([
    ['block scalars with indentation indicators and chomping', 'a: |2\n    two more\n  base\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\n\nd: |1-\n  x\ne: >2+ # c\n   y\n\nf: |\n\n  after a blank line\n   deeper\n'],
    ['a block scalar ending the text without a newline', 'a: |\n  x'],
    ['an empty block scalar at the end', 'a: >\n'],
    ['block scalars in sequences and below keys', '- |\n  a\n- >\n    b\n-   |-\n    c\nk:\n  - |\n    d\n'],
    ['multi-line plain scalars', 'a: one\n  two\n\n  three\nb: x # c\n  - not an item\nc:\n  s1\n  s2\n'],
    ['multi-line quoted scalars', 'a: "one\n  two\\\n  three"\nb: \'x\n\n  y\'\nc: "\\"q\\" \\\\"\nd: \'it\'\'s\'\n'],
    ['an under-indented quoted line', 'a:\n  b: "x\ny"\n'],
    ['flow collections across lines', 'a: [1,\n  2, {k: v,\n    l: [w]}\n  ]\nb: {\n  x: 1, # c\n  y: 2\n}\n'],
    ['a flow closing bracket at the key’s column', 'a:\n  b: [\n    1\n  ]\n'],
    ['flow keys and values', '{a: 1, "b":2, c, :d, e: }\n'],
    ['flow pairs and colons', '[a: 1, b:2, "c":3, d :4, http://x, {e: f}: g]\n'],
    ['comments after values', 'a: 1 # one\nb: "x" #two\nc: [1] # three\nd: &a x # four\ne: *a # five\n# last'],
    ['`key:value` without a space', 'a:b\nc: d:e\nf: g: h\n'],
    ['nested sequence items', '- - a\n  - - b\n    - c\n- -   d\n-\n  - e\n'],
    ['anchors, aliases and tags', 'a: &x !Sub s\nb: !Ref *x\nc: !!str 1\nd: !<tag:x> v\ne: !e%21x v\nf: &y\n  g: 1\nh: *y\ni: [*x, &z 1, !GetAtt a.b]\n'],
    ['CRLF line ends', 'a: 1\r\nb:\r\n  - x\r\n  - |\r\n    y\r\n\r\nc: "q\r\n  r"\r\n# c\r\n'],
    ['no newline at the end', 'a: b'],
    ['an empty document', ''],
    ['only comments and blank lines', '# a\n\n   # b\n  \n'],
    ['document markers', '--- # c\na: 1\n---\nb: 2\n'],
    ['a version directive', '%YAML 1.2 # v\n---\na: 1\n'],
    ['a version directive without a comment', '%YAML 1.1\n---\na: 1\n'],
    ['a scalar ending in colons and hashes', 'a: b#c\nd: e :f\ng: h:\n'],
    ['unicode', 'a: "é\\u00e9"\nb: 日本\nc: 😀: x\n'],
    ['stray closing brackets', 'a: ]\nb: }\n'],
  ])('takes %s, writing the Lexer’s stream', (_, text) => {
    expect(expectScannerAgrees(text, text)).toBe(true);
  });

  /** The tolerant pass finds the same cuts with the scanner's tokens as with the Lexer's. */
  function expectSameIndentation(text: string, label: string): boolean {
    const withScanner = indentContinuations(text);
    expect(withScanner, `${label}\n${text.slice(0, 2000)}`).toEqual(indentContinuations(text, false));
    return withScanner !== undefined;
  }

  it.skipIf(corpus.length === 0)('gives the tolerant pass the cuts the Lexer gives it, on corpus files and edited ones', () => {
    let indented = 0;
    for (const file of [...corpus, ...apps]) if (expectSameIndentation(readYaml(file), file)) indented++;
    const small = corpus.filter((f) => fs.statSync(f).size < 8000);
    const rnd = random(29);
    for (let i = 0; i < 1500; i++) {
      const file = small[Math.floor(rnd() * small.length)]!;
      if (expectSameIndentation(mutatedYaml(readYaml(file), rnd), `edit ${i} of ${file}`)) indented++;
    }
    expect(indented).toBeGreaterThan(20);
  });

  it.each([
    ['an under-indented quoted scalar', 'a:\n  b: !Sub \'{\n  "x": 1\n}\'\nc: 2\n'],
    ['an under-indented flow collection', 'a:\n  b: [1,\n2]\n  c: {x: 1,\n y: 2}\n'],
    ['several, with tabs elsewhere', 'a:\n  b: "x\ny"\n  c: [1,\n2]\nd:\t1\n'],
  ])('gives the tolerant pass the Lexer’s cuts for %s', (_, text) => {
    expect(expectSameIndentation(text, text)).toBe(true);
  });

  it.each([
    ['a byte order mark', '\ufeffa: 1\n'],
    ['a tab among the indentation', 'a:\n\tb: 1\n'],
    ['a tab before a value', 'a:\t1\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a document end marker', 'a: 1\n...\n'],
    ['another directive', '%TAG !e! tag:example.com,2000:\n---\na: 1\n'],
    ['a lone carriage return', 'a: 1\rb: 2\n'],
    ['a quoted scalar without its closing quote', 'a: "x\n'],
    ['a flow collection cut by an under-indented line', 'a:\n  b: [1,\n2]\n'],
    ['a block scalar header followed by text', 'a: | x\n  y\n'],
  ])('leaves %s to the Lexer', (_, text) => {
    expect(scanTokens(text)).toBe(false);
  });
});
