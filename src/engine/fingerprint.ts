import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';
import type { SourceLines } from './source-lines.js';

/**
 * Gives each finding a fingerprint that survives moved lines: rule, file, the offending line's
 * content (whitespace-folded) and its ordinal among identical lines of that file and rule.
 * Baselines and SARIF `partialFingerprints` both use it.
 */
export function withFingerprints(findings: readonly Finding[], sources: SourceLines): Finding[] {
  const ordinals = new Map<string, number>();
  return findings.map((f) => {
    const line = sources.lines(f.location.file)?.[f.location.line - 1]?.trim().replace(/\s+/g, ' ');
    const content = f.logicalPath ?? line ?? f.message;
    const key = `${f.ruleId}\0${f.location.file}\0${content}`;
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    const fingerprint = createHash('sha256').update(`${key}\0${ordinal}`).digest('hex').slice(0, 32);
    return { ...f, fingerprint };
  });
}
