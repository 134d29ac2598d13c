import fs from 'node:fs';
import path from 'node:path';

/** What a fixture says it expects: `ruleId` at `line` (1-based). */
export interface Expectation {
  readonly ruleId: string;
  readonly line: number;
}

export interface FixtureExpectations {
  readonly expected: Expectation[];
  /** Lines annotated `ok:` for a rule: a finding there is a false positive even if unannotated ones were allowed. */
  readonly ok: Expectation[];
}

const ANNOTATION = /(?:#|\/\/)\s*(ruleid|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;

/**
 * Reads a fixture's expectations: `# ruleid: X` (or `// ruleid: X`) means a finding of X on the
 * next non-comment line; `# ok: X` means none there. JSON fixtures use a `<file>.expect`
 * sidecar with `ruleId line` pairs (and `ok ruleId line`).
 */
export function readExpectations(file: string): FixtureExpectations {
  const expected: Expectation[] = [];
  const ok: Expectation[] = [];
  const sidecar = `${file}.expect`;
  if (fs.existsSync(sidecar)) {
    for (const raw of fs.readFileSync(sidecar, 'utf8').split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (!line) continue;
      const parts = line.split(/\s+/);
      if (parts[0] === 'ok' && parts.length === 3) ok.push({ ruleId: parts[1]!, line: Number(parts[2]) });
      else if (parts.length === 2) expected.push({ ruleId: parts[0]!, line: Number(parts[1]) });
      else throw new Error(`${sidecar}: cannot read "${raw}"`);
    }
    return { expected, ok };
  }
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((text, index) => {
    const m = ANNOTATION.exec(text);
    if (!m) return;
    let target = index + 1;
    while (target < lines.length && /^\s*(#|\/\/)/.test(lines[target]!)) target++;
    for (const ruleId of m[2]!.split(',').map((s) => s.trim())) {
      (m[1] === 'ruleid' ? expected : ok).push({ ruleId, line: target + 1 });
    }
  });
  return { expected, ok };
}

export function fixtureFiles(rulesDir: string): { ruleId: string; file: string }[] {
  const out: { ruleId: string; file: string }[] = [];
  for (const ruleId of fs.readdirSync(rulesDir).sort()) {
    const dir = path.join(rulesDir, ruleId, 'fixtures');
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.endsWith('.expect')) continue;
      const file = path.join(dir, name);
      if (fs.statSync(file).isFile()) out.push({ ruleId, file });
    }
  }
  return out;
}
