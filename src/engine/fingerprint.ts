import { createHash, type Hash } from 'node:crypto';
import type { Finding } from './finding.js';
import type { SourceLines } from './source-lines.js';

/**
 * Gives each finding a fingerprint that survives moved lines: rule, file, the offending line's
 * content (whitespace-folded) and its ordinal among identical lines of that file and rule.
 * Baselines and SARIF `partialFingerprints` both use it.
 *
 * The work per finding is bounded whatever the line's length (a minified template is one line
 * of megabytes, with hundreds of findings on it): each line is folded once, and each
 * rule/file/content key is hashed once; a finding copies that hash state and adds its ordinal,
 * which gives the digest of the whole text.
 */
export function withFingerprints(findings: readonly Finding[], sources: SourceLines): Finding[] {
  const folded = new Map<string, Map<number, string | undefined>>();
  const foldedLine = (file: string, line: number): string | undefined => {
    let lines = folded.get(file);
    if (lines === undefined) folded.set(file, (lines = new Map()));
    if (lines.has(line)) return lines.get(line);
    const text = sources.line(file, line)?.trim().replace(/\s+/g, ' ');
    lines.set(line, text);
    return text;
  };
  // rule → file → content → the key's hash state and the next ordinal.
  const keys = new Map<string, Map<string, Map<string, { hash: Hash; ordinal: number }>>>();
  return findings.map((f) => {
    const content = f.logicalPath ?? foldedLine(f.location.file, f.location.line) ?? f.message;
    let byFile = keys.get(f.ruleId);
    if (byFile === undefined) keys.set(f.ruleId, (byFile = new Map()));
    let byContent = byFile.get(f.location.file);
    if (byContent === undefined) byFile.set(f.location.file, (byContent = new Map()));
    let key = byContent.get(content);
    if (key === undefined) {
      const hash = createHash('sha256').update(`${f.ruleId}\0${f.location.file}\0`).update(content).update('\0');
      byContent.set(content, (key = { hash, ordinal: 0 }));
    }
    const fingerprint = key.hash.copy().update(String(key.ordinal++)).digest('hex').slice(0, 32);
    return { ...f, fingerprint };
  });
}
