import type { Location } from '../location.js';
import { compareLocations } from '../location.js';
import type { Severity } from '../model.js';
import type { Fix } from './rule.js';

export interface RelatedLocation {
  readonly location: Location;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Which of the rule's messages this is (absent for diagnostics): what fixtures pin. */
  readonly messageId?: string;
  readonly location: Location;
  readonly related?: readonly RelatedLocation[];
  readonly logicalPath?: string;
  /** Stable across moved lines: rule, file, the offending line's content and its ordinal. */
  readonly fingerprint?: string;
  readonly fix?: Fix;
  /** Set on findings a suppression matched (reported only with --include-suppressed). */
  readonly suppression?: { readonly kind: 'inSource'; readonly justification: string };
}

export function sortAndDedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of [...findings].sort((a, b) => compareLocations(a.location, b.location) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))) {
    const key = `${f.ruleId}\0${f.location.file}\0${f.location.line}\0${f.location.column}\0${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { note: 1, warning: 2, error: 3 };
