import fs from 'node:fs';
import path from 'node:path';

/** What a fixture says it expects: `ruleId` at `line` (1-based) of `file`, and optionally what the user reads there. */
export interface Expectation {
  readonly file: string;
  readonly ruleId: string;
  readonly line: number;
  /** `messageId=…`: which of the rule's messages. */
  readonly messageId?: string;
  /** `col=…`: the 1-based column the finding starts at. */
  readonly column?: number;
  /** `message="…"`: text the message must contain. */
  readonly message?: string;
}

export interface FixtureExpectations {
  readonly expected: Expectation[];
  /** Lines annotated `ok:` for a rule: a finding there is a false positive. */
  readonly ok: Expectation[];
}

// Ids are rule ids or load diagnostics (`faaslint/duplicate-key`).
const ANNOTATION = /(?:#|\/\/)\s*(ruleid|ok):\s*([a-z0-9/-]+(?:\s*,\s*[a-z0-9/-]+)*)(.*)$/;
const COMMENT_LINE = /^\s*(#|\/\/)/;
const PIN = /(messageId|col|message)=("(?:[^"\\]|\\.)*"|\S+)/g;

/** `messageId=all col=11 message="(when condition IsProd is true)"` → the pins of one expectation. */
function pinsOf(text: string, where: string): Pick<Expectation, 'messageId' | 'column' | 'message'> {
  const pins: { messageId?: string; column?: number; message?: string } = {};
  const rest = text.replace(PIN, (_, key: string, raw: string) => {
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    if (key === 'col') pins.column = Number(value);
    else if (key === 'messageId') pins.messageId = value;
    else pins.message = value;
    return '';
  });
  // Anything else after the ids is a typo in a pin, which would silently pin nothing.
  if (rest.trim() !== '' && !rest.trim().startsWith('--')) throw new Error(`${where}: cannot read "${rest.trim()}" (pins are messageId=, col=, message="…")`);
  if (pins.column !== undefined && !Number.isInteger(pins.column)) throw new Error(`${where}: col= needs a number`);
  return pins;
}

/**
 * Reads a fixture file's expectations: `# ruleid: X` (or `// ruleid: X`) means a finding of X on
 * the next non-comment line; `# ok: X` means none there. After a single id, pins say what the
 * user reads: `# ruleid: X messageId=service col=19 message="every s3 action"`. JSON fixtures use
 * a `<file>.expect` sidecar with `ruleId line [pins]` lines (and `ok ruleId line`).
 */
export function readExpectations(file: string): FixtureExpectations {
  const expected: Expectation[] = [];
  const ok: Expectation[] = [];
  const sidecar = `${file}.expect`;
  if (fs.existsSync(sidecar)) {
    for (const raw of fs.readFileSync(sidecar, 'utf8').split('\n')) {
      const line = raw.replace(/^\s*#.*/, '').trim();
      if (!line) continue;
      const m = /^(ok\s+)?([a-z0-9/-]+)\s+(\d+)(.*)$/.exec(line);
      if (!m) throw new Error(`${sidecar}: cannot read "${raw}"`);
      const expectation = { file, ruleId: m[2]!, line: Number(m[3]), ...pinsOf(m[4]!, sidecar) };
      (m[1] ? ok : expected).push(expectation);
    }
    return { expected, ok };
  }
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines.forEach((text, index) => {
    const m = ANNOTATION.exec(text);
    if (!m) return;
    let target = index + 1;
    while (target < lines.length && COMMENT_LINE.test(lines[target]!)) target++;
    const ids = m[2]!.split(',').map((s) => s.trim());
    const pins = pinsOf(m[3]!, `${file}:${index + 1}`);
    if (ids.length > 1 && Object.keys(pins).length > 0) throw new Error(`${file}:${index + 1}: pins apply to a single rule id`);
    for (const ruleId of ids) (m[1] === 'ruleid' ? expected : ok).push({ file, ruleId, line: target + 1, ...pins });
  });
  return { expected, ok };
}

/** Whether a finding shows what an expectation pins (its message id, column, message text). */
export function showsPins(finding: { messageId?: string; message: string; location: { column: number } }, e: Expectation): boolean {
  return (
    (e.messageId === undefined || finding.messageId === e.messageId) &&
    (e.column === undefined || finding.location.column === e.column) &&
    (e.message === undefined || finding.message.includes(e.message))
  );
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
