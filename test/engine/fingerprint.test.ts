import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/finding.js';
import { withFingerprints } from '../../src/engine/fingerprint.js';
import { SourceLines } from '../../src/engine/source-lines.js';
import { tempProject } from '../helpers.js';

const at = (file: string, line: number, column: number): Finding => ({
  ruleId: 'iam-no-wildcard-resource',
  severity: 'error',
  message: 'm',
  location: { file, line, column, endLine: line, endColumn: column + 1 },
});
const expected = (file: string, content: string, ordinal: number) =>
  createHash('sha256').update(`iam-no-wildcard-resource\0${file}\0${content}\0${ordinal}`).digest('hex').slice(0, 32);

describe('fingerprints', () => {
  it('hash rule, file, the whitespace-folded line and its ordinal among identical lines', () => {
    const dir = tempProject({ 't.yaml': 'a:\n  Resource:   "*"\n  Resource: "*"\n' });
    const [first, second] = withFingerprints([at('t.yaml', 2, 3), at('t.yaml', 3, 3)], new SourceLines(dir, 1 << 20));
    expect(first!.fingerprint).toBe(expected('t.yaml', 'Resource: "*"', 0));
    expect(second!.fingerprint).toBe(expected('t.yaml', 'Resource: "*"', 1));
  });

  it('keep their digests for thousands of findings on one long line (each line folded and each key hashed once)', () => {
    const line = `{"Resources":{${Array.from({ length: 20000 }, (_, i) => `"P${i}":{"Resource":"*"}`).join(',')}}}`;
    const dir = tempProject({ 't.json': line });
    const findings = Array.from({ length: 5000 }, (_, i) => at('t.json', 1, 20 + i));
    const out = withFingerprints(findings, new SourceLines(dir, 1 << 22));
    expect(out[0]!.fingerprint).toBe(expected('t.json', line, 0));
    expect(out[4999]!.fingerprint).toBe(expected('t.json', line, 4999));
    expect(new Set(out.map((f) => f.fingerprint)).size).toBe(5000);
  });
});
