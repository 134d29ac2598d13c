import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonLocated } from '../../src/load/json.js';
import { getPath } from '../../src/load/tree.js';
import { parseLocated } from '../../src/load/yaml.js';
import { repoRoot } from '../helpers.js';

const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');

describe('located JSON parser', () => {
  it('keeps positions of keys and values', () => {
    const { root, diagnostics } = parseJsonLocated('{\n  "Resources": {\n    "A": { "Type": "AWS::SNS::Topic", "N": -1.5e3 }\n  }\n}\n', 'f.json');
    expect(diagnostics).toEqual([]);
    expect(getPath(root, 'Resources', 'A', 'Type')).toMatchObject({ value: 'AWS::SNS::Topic', loc: { line: 3, column: 20, endLine: 3, endColumn: 37 } });
    expect(getPath(root, 'Resources', 'A', 'N')).toMatchObject({ value: -1500 });
  });

  it('locates collections over several lines, CRLF line ends and errors', () => {
    const text = '{\r\n  "A": [\r\n    1,\r\n    {"b": "c"}\r\n  ],\r\n  "D": "x"\r\n}';
    const { root } = parseJsonLocated(text, 'f.json');
    expect(root?.loc).toEqual({ file: 'f.json', line: 1, column: 1, endLine: 7, endColumn: 2 });
    expect(getPath(root, 'A')).toMatchObject({ kind: 'seq', loc: { line: 2, column: 8, endLine: 5, endColumn: 4 } });
    expect(getPath(root, 'A')).toMatchObject({ items: [{ loc: { line: 3, column: 5, endLine: 3, endColumn: 6 } }, { loc: { line: 4, column: 5, endLine: 4, endColumn: 15 } }] });
    expect(getPath(root, 'D')).toMatchObject({ loc: { line: 6, column: 8, endLine: 6, endColumn: 11 } });
    expect(parseJsonLocated('{\n  "a": 1,\n  "b": \n}', 'f.json').diagnostics).toMatchObject([{ location: { line: 4, column: 1, endLine: 4, endColumn: 2 } }]);
    expect(parseJsonLocated('{"a": 1,\n', 'f.json').diagnostics).toMatchObject([{ location: { line: 2, column: 1, endLine: 2, endColumn: 2 } }]);
  });

  it('accepts numbers of any length, keeping the digits of integers too long for a double', () => {
    const long = '1'.repeat(80);
    const fraction = `0.${'5'.repeat(100)}`;
    const { root, diagnostics } = parseJsonLocated(`{"a": ${long}, "b": ${fraction}, "c": 123456789012, "d": -${long}e-3}`, 'f.json');
    expect(diagnostics).toEqual([]);
    expect(getPath(root, 'a')).toMatchObject({ value: long, loc: { column: 7, endColumn: 87 } });
    expect(getPath(root, 'b')).toMatchObject({ value: 0.5555555555555556 });
    expect(getPath(root, 'c')).toMatchObject({ value: 123456789012 });
    expect((getPath(root, 'd') as { value: number }).value).toBeLessThan(0);
  });

  it('decodes escapes', () => {
    expect(getPath(parseJsonLocated('{"a": "x\\ny\\u0041"}', 'f.json').root, 'a')).toMatchObject({ value: 'x\nyA' });
  });

  it('reports duplicate keys, keeping the last value as JSON.parse and CloudFormation do', () => {
    const { root, diagnostics } = parseJsonLocated('{"a": 1, "b": 0, "a": 2}', 'f.json');
    expect(getPath(root, 'a')).toMatchObject({ value: 2 });
    expect(root?.kind === 'map' && root.entries.map((p) => p.key)).toEqual(['a', 'b']);
    expect(diagnostics.map((d) => [d.code, d.severity, d.message, d.location.column])).toEqual([
      ['duplicate-key', 'warning', 'duplicate key "a" (first at line 1): JSON parsers and CloudFormation use the last value, which is the one analysed', 18],
    ]);
  });

  it.each([
    ['{"a": 1,}', 1, 9],
    ['{"a": [1, 2}', 1, 12],
    ['{"a":\n  tru}', 2, 3],
    ['{"a": "unterminated', 1, 7],
    ['{} {}', 1, 4],
  ])('reports %j as a syntax error at its position', (text, line, column) => {
    const { root, diagnostics } = parseJsonLocated(text, 'f.json');
    expect(root).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'parse-error', location: { line, column } });
  });

  it('refuses absurd nesting without overflowing the stack', () => {
    const { root, diagnostics } = parseJsonLocated(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'f.json');
    expect(root).toBeUndefined();
    expect(diagnostics[0]!.message).toMatch(/nesting deeper/);
  });

  it.skipIf(!fs.existsSync(corpus))('builds the same tree as the YAML parser on every JSON file of the corpus', () => {
    const index = fs.readFileSync(path.join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t')[0]!);
    const files = index.filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = fs.readFileSync(path.join(corpus, file), 'utf8');
      const viaYaml = parseLocated(text, file);
      const viaJson = parseJsonLocated(text, file);
      if (!viaYaml.root) continue;
      expect(JSON.stringify(viaJson.root), file).toBe(JSON.stringify(viaYaml.root));
    }
  });
});
