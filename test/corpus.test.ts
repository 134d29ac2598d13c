import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');

describe.skipIf(!fs.existsSync(corpus))('real-world corpus', () => {
  it('scans every file without crashing: malformed files become diagnostics', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'faaslint.js'), corpus, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    expect([0, 1]).toContain(r.status);
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
