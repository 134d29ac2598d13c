import { describe, expect, it } from 'vitest';
import { SourceLines } from '../../src/engine/source-lines.js';
import { tempProject } from '../helpers.js';

describe('SourceLines', () => {
  it.each([
    ['LF', 'a\nb\n'],
    ['CRLF', 'a\r\nb\r\n\r\nc'],
    ['a lone CR kept in its line', 'a\rb\nc\r'],
    ['CR before CRLF', 'a\r\r\nb'],
    ['empty lines only', '\n\n'],
    ['an empty file', ''],
  ])('gives line n as the n-th of the lines split at \\n and \\r\\n (%s)', (_, text) => {
    const dir = tempProject({ 'f.yaml': text });
    const sources = new SourceLines(dir, 1 << 20);
    const lines = text.split(/\r?\n/);
    expect(sources.lines('f.yaml')).toEqual(lines);
    for (let n = 0; n <= lines.length + 1; n++) expect(sources.line('f.yaml', n), `line ${n}`).toBe(lines[n - 1]);
  });

  it('says a file may hold suppression comments only when it names one', () => {
    const dir = tempProject({ 'a.yaml': 'a: 1 # faaslint-disable-line x\n', 'b.yaml': 'b: 1\n' });
    const sources = new SourceLines(dir, 1 << 20);
    expect(sources.mayHoldDirectives('a.yaml')).toBe(true);
    expect(sources.mayHoldDirectives('b.yaml')).toBe(false);
    expect(sources.mayHoldDirectives('missing.yaml')).toBe(false);
  });
});
