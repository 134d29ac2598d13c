import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getPath } from '../../src/load/tree.js';
import { parseWithDocument } from '../../src/load/yaml-document.js';
import { parseFromTokens } from '../../src/load/yaml-tokens.js';
import { parseLocated } from '../../src/load/yaml.js';
import { firstDifference, generatedYaml, mutatedYaml, random, readYaml, sharedYamlFiles } from './yaml-variants.js';

/** The token builder either leaves the text to the Document path or gives exactly its result. */
function expectSameAsDocument(text: string, label: string): boolean {
  const fast = parseFromTokens(text, 'f.yaml');
  if (fast === undefined) return false;
  expect(firstDifference(fast, parseWithDocument(text, 'f.yaml')), `${label}\n${text}`).toBeUndefined();
  return true;
}

describe('located trees from the YAML tokens', () => {
  const corpus = [...sharedYamlFiles('corpus'), ...sharedYamlFiles('apps')];

  it.skipIf(corpus.length === 0)('are the Document path trees, values, kinds and positions, on every YAML file of the corpus and apps', () => {
    let built = 0;
    for (const file of corpus) if (expectSameAsDocument(readYaml(file), file)) built++;
    // Files left to the Document path are the broken ones and rare YAML (directives, other tags).
    expect(built / corpus.length).toBeGreaterThan(0.97);
  });

  it.skipIf(corpus.length === 0)('are the Document path trees on edited corpus files', () => {
    const small = corpus.filter((f) => fs.statSync(f).size < 8000);
    const rnd = random(19);
    let built = 0;
    for (let i = 0; i < 1500; i++) {
      const file = small[Math.floor(rnd() * small.length)]!;
      if (expectSameAsDocument(mutatedYaml(readYaml(file), rnd), `edit ${i} of ${file}`)) built++;
    }
    expect(built).toBeGreaterThan(500);
  });

  it('are the Document path trees on generated documents', () => {
    const rnd = random(7);
    let built = 0;
    for (let i = 0; i < 2000; i++) if (expectSameAsDocument(generatedYaml(rnd), `document ${i}`)) built++;
    expect(built).toBeGreaterThan(600);
  });

  it.each([
    ['block and flow collections', 'a:\n  - x\n  - {k: v, n: 1}\nb: [1, "two", three]\n'],
    ['a sequence at its key’s column', 'a:\n- 1\n- 2\nb: 3\n'],
    ['sequences in sequences and maps in sequences', '- - a\n  - b\n- k: v\n  l: w\n'],
    ['block scalars with chomping and indentation indicators', 'a: |\n  x\n\n  y\nb: >-\n  folded\n  text\n\nc: |2+\n    kept\n\n'],
    ['escapes and line folding', 'a: "tab\\there \\u00e9"\nb: \'it\'\'s\'\nc: plain\n  folded\n\n  twice\n'],
    ['core schema values', 'a: [~, null, true, False, 0x1F, 0o17, -2, 1.5, 1e3, .inf, -.Inf, .nan, 1_0, "1"]\n'],
    ['anchors, aliases and merge keys', 'base: &b\n  x: 1\n  y: 2\nuse:\n  <<: [*b, {z: 3}]\n  y: 9\nref: *b\n'],
    ['short tags in every form', 'a: !Ref X\nb: !GetAtt R.Arn\nc: !Sub\n  - "${A}"\n  - {A: !Ref B}\nd:\n  !If\n    - C\n    - 1\n    - 2\ne: !Select [0, !GetAZs ]\nf: !Sub |\n  text\n'],
    ['pairs in flow sequences and trailing commas', 'a: [Condition: C, !Ref X, ]\nb: {k: [1, 2,], }\n'],
    ['comments everywhere', '# top\na: 1 # one\n  # deeper\nb:\n  # before\n  c: 2\n\n  # after c\n# end\n'],
    ['empty values', 'a:\nb: !Ref\nc: &x\nd: [!GetAZs , 1]\ne:\n  -\n  - # c\n'],
    ['duplicate keys', 'a: 1\nb:\n  c: 1\n  c: 2\na:\n'],
    ['CRLF line ends', 'a: 1\r\nb:\r\n  - x\r\n'],
    ['documents written as strings', 'a: \'{"x": 1}\'\nb: |\n  {\n    "y": [2]\n  }\nc: !Sub |\n    { "z": "${A}" }\nd: "{\\"e\\": 1}"\n'],
  ])('gives the Document path tree for %s', (_, text) => {
    expect(expectSameAsDocument(text, text)).toBe(true);
  });

  it.each([
    ['a syntax error', 'a: [1, 2\nb: c\n'],
    ['an unknown tag', 'a: !Custom x\n'],
    ['a tag directive', '%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n'],
    ['another YAML version', '%YAML 1.3\n---\na: 1\n'],
    ['a version directive without its document marker', '%YAML 1.2\na: 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['an alias inside its own anchor', 'a: &x\n  b: *x\n'],
    ['an unknown alias', 'a: *nowhere\n'],
    ['a tab before a value', 'a:\t1\n'],
    ['nesting past the depth limit', `v: ${'['.repeat(300)}${']'.repeat(300)}\n`],
  ])('leaves %s to the Document path', (_, text) => {
    expect(parseFromTokens(text, 'f.yaml')).toBeUndefined();
    const viaDocument = parseWithDocument(text, 'f.yaml');
    expect(parseLocated(text, 'f.yaml')).toEqual(viaDocument);
  });

  it.each([
    ['1.1', '%YAML 1.1\n---\na: 1\nb: yes\n'],
    ['1.2', '# head\n%YAML 1.2 # version\n\n--- # start\na: [1, 2]\n'],
  ])('builds a document under a %%YAML %s directive as the Document path does (the schema given stays the core one)', (_, text) => {
    expect(expectSameAsDocument(text, 'directive')).toBe(true);
  });

  it('settles duplicate keys as the Document path does, in block and flow maps', () => {
    const text = 'a: 1\nb: {x: 1, y: 2, x: 3}\na: 3\n';
    const { root, diagnostics } = parseLocated(text, 'f.yaml');
    expect(diagnostics.map((d) => [d.code, d.location.line, d.location.column])).toEqual([
      ['duplicate-key', 2, 17],
      ['duplicate-key', 3, 1],
    ]);
    expect(getPath(root, 'a')).toMatchObject({ value: 3 });
    expect(getPath(root, 'b', 'x')).toMatchObject({ value: 3 });
    expect(root?.kind === 'map' && root.entries.map((p) => p.key)).toEqual(['a', 'b']);
    expect(parseWithDocument(text, 'f.yaml')).toEqual({ root, diagnostics });
  });

  it('reports duplicate keys of serverless.yml as errors: the Serverless Framework rejects them', () => {
    const { diagnostics } = parseLocated('a: 1\na: 2\n', 'serverless.yml', 'serverless');
    expect(diagnostics.map((d) => [d.code, d.severity, d.location.line])).toEqual([['duplicate-key', 'error', 2]]);
    expect(diagnostics[0]!.message).toMatch(/Serverless Framework rejects/);
  });

  it('reports a string and a number of the same text as different keys', () => {
    expect(parseLocated("1: a\n'1': b\n", 'f.yaml').diagnostics).toEqual([]);
  });
});
