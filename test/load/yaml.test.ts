import { describe, expect, it } from 'vitest';
import { get, getPath, intrinsicOf, type Node } from '../../src/load/tree.js';
import { parseLocated } from '../../src/load/yaml.js';

const parse = (text: string) => parseLocated(text, 'f.yaml');

describe('located YAML/JSON tree', () => {
  it('keeps 1-based start and end positions for keys and values', () => {
    const { root } = parse('a:\n  b: hello\n  c: [1, 2]\n');
    const b = getPath(root, 'a', 'b')!;
    expect(b.loc).toEqual({ file: 'f.yaml', line: 2, column: 6, endLine: 2, endColumn: 11 });
    const c = getPath(root, 'a', 'c')!;
    expect(c.kind).toBe('seq');
    expect([c.loc.line, c.loc.column]).toEqual([3, 6]);
  });

  it.each([
    ['!Ref Bucket', 'Ref', 'Bucket'],
    ['!Sub "arn:${AWS::Partition}:s3:::x"', 'Fn::Sub', 'arn:${AWS::Partition}:s3:::x'],
    ['!ImportValue shared', 'Fn::ImportValue', 'shared'],
    ['!GetAZs ""', 'Fn::GetAZs', ''],
    ['!Base64 text', 'Fn::Base64', 'text'],
    ['!Condition IsProd', 'Condition', 'IsProd'],
  ])('turns %s into its long form', (source, name, arg) => {
    const { root } = parse(`v: ${source}\n`);
    const fn = intrinsicOf(get(root, 'v'));
    expect(fn?.name).toBe(name);
    expect(fn?.arg).toMatchObject({ kind: 'scalar', value: arg });
  });

  it.each(['Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'Cidr', 'Transform', 'Length', 'ToJsonString', 'ForEach'])(
    'turns !%s with a list or map argument into Fn::%s',
    (tag) => {
      const { root, diagnostics } = parse(`v: !${tag}\n  - a\n  - b\n`);
      expect(diagnostics).toEqual([]);
      expect(intrinsicOf(get(root, 'v'))?.name).toBe(`Fn::${tag}`);
    },
  );

  it('reads both forms of !GetAtt', () => {
    const { root } = parse('a: !GetAtt Fn.Arn\nb: !GetAtt [Fn, Arn]\n');
    for (const key of ['a', 'b']) {
      const fn = intrinsicOf(get(root, key))!;
      expect(fn.name).toBe('Fn::GetAtt');
      expect(fn.arg.kind === 'seq' && fn.arg.items.map((i: Node) => (i.kind === 'scalar' ? i.value : null))).toEqual(['Fn', 'Arn']);
    }
  });

  it('resolves anchors, aliases and << merge keys (explicit keys win)', () => {
    const { root } = parse('base: &b\n  x: 1\n  y: 2\nuse:\n  <<: *b\n  y: 3\nref: *b\n');
    expect(get(get(root, 'use'), 'x')).toMatchObject({ value: 1 });
    expect(get(get(root, 'use'), 'y')).toMatchObject({ value: 3 });
    expect(get(get(root, 'ref'), 'x')).toMatchObject({ value: 1, loc: { line: 2 } });
  });

  it('reports duplicate keys at the repeat and keeps the last value, as the deploy tools do', () => {
    const { root, diagnostics } = parse('a: 1\nb: 2\na: 3\n');
    expect(getPath(root, 'a')).toMatchObject({ value: 3, loc: { line: 3 } });
    expect(root?.kind === 'map' && root.entries.map((p) => [p.key, p.keyLoc.line])).toEqual([['a', 3], ['b', 2]]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'duplicate-key', severity: 'warning', location: { line: 3, column: 1 } });
    expect(diagnostics[0]!.message).toBe('duplicate key "a" (first at line 1): CloudFormation, SAM and the AWS CLI use the last value, which is the one analysed');
  });

  it('reports a syntax error once, with its position, and no tree', () => {
    const { root, diagnostics } = parse('a:\n  b: [1, 2\nc: d\n');
    expect(root).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^syntax error/);
    expect(diagnostics[0]!.location.line).toBeGreaterThanOrEqual(2);
  });

  it('parses JSON with positions', () => {
    const { root } = parse('{\n  "Resources": {\n    "A": { "Type": "AWS::SNS::Topic" }\n  }\n}\n');
    const type = getPath(root, 'Resources', 'A', 'Type')!;
    expect(type).toMatchObject({ value: 'AWS::SNS::Topic', loc: { line: 3, column: 20 } });
  });

  it('refuses an alias bomb without expanding it', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { root, diagnostics } = parse(`${lines.join('\n')}\n`);
    expect(root).toBeUndefined();
    expect(diagnostics[0]!.message).toMatch(/aliases expand/);
  });

  it('refuses absurd nesting without overflowing the stack', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const { root, diagnostics } = parse(`v: ${deep}`);
    expect(root).toBeUndefined();
    expect(diagnostics.length).toBeGreaterThan(0);
  });
});
