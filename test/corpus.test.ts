import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');

describe.skipIf(!fs.existsSync(corpus))('real-world corpus', () => {
  it('scans every file without crashing: malformed files become diagnostics', () => {
    const r = runCli([corpus, '--format', 'json']);
    expect([0, 1]).toContain(r.code);
    const json = JSON.parse(r.stdout);
    expect(json.filesAnalysed).toBeGreaterThan(1500);
    const internal = json.findings.filter((f: { ruleId: string }) => f.ruleId === 'faaslint/internal-error');
    expect(internal).toEqual([]);
    for (const f of json.findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
    }
  });
});
