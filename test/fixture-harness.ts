import fs from 'node:fs';
import path from 'node:path';

/** What a fixture says it expects: `ruleId` at `line` (1-based) of `file`. */
export interface Expectation {
  readonly file: string;
  readonly ruleId: string;
  readonly line: number;
}

export interface FixtureExpectations {
  readonly expected: Expectation[];
  /** Lines annotated `ok:` for a rule: a finding there is a false positive. */
  readonly ok: Expectation[];
}

const ANNOTATION = /(?:#|\/\/)\s*(ruleid|ok):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/;
const COMMENT_LINE = /^\s*(#|\/\/)/;

/**
 * Reads a fixture file's expectations: `# ruleid: X` (or `// ruleid: X`) means a finding of X on
 * the next non-comment line; `# ok: X` means none there. JSON fixtures use a `<file>.expect`
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
      if (parts[0] === 'ok' && parts.length === 3) ok.push({ file, ruleId: parts[1]!, line: Number(parts[2]) });
      else if (parts.length === 2) expected.push({ file, ruleId: parts[0]!, line: Number(parts[1]) });
      else throw new Error(`${sidecar}: cannot read "${raw}"`);
    }
    return { expected, ok };
  }
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((text, index) => {
    const m = ANNOTATION.exec(text);
    if (!m) return;
    let target = index + 1;
    while (target < lines.length && COMMENT_LINE.test(lines[target]!)) target++;
    for (const ruleId of m[2]!.split(',').map((s) => s.trim())) {
      (m[1] === 'ruleid' ? expected : ok).push({ file, ruleId, line: target + 1 });
    }
  });
  return { expected, ok };
}

/** Files of a fixture: the file itself, or every file of a fixture project folder. */
export function filesOf(entry: string): string[] {
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .flatMap((d) => filesOf(path.join(entry, d.name)))
    .filter((f) => !f.endsWith('.expect'))
    .sort();
}

/** Every fixture: each file in `rules/<id>/fixtures/`, or each project folder there (a config with its handlers). */
export function fixtureEntries(rulesDir: string): { ruleId: string; entry: string }[] {
  const out: { ruleId: string; entry: string }[] = [];
  for (const ruleId of fs.readdirSync(rulesDir).sort()) {
    const dir = path.join(rulesDir, ruleId, 'fixtures');
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.endsWith('.expect')) continue;
      out.push({ ruleId, entry: path.join(dir, name) });
    }
  }
  return out;
}
