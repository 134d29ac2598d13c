import { DIAGNOSTIC_CODES, DIAGNOSTIC_PREFIX } from './diagnostics.js';
import { META_RULES } from './engine/meta-rules.js';
import type { Rule } from './engine/rule.js';
import { INFORMATION_URI } from './package-info.js';

/**
 * The commented `faaslint.config.yaml` that `faaslint init` writes: every setting and every
 * configurable id with its default, commented out, so the file changes nothing until a line is
 * uncommented, and each uncommented line is valid as it stands.
 */
export function configTemplate(rules: readonly Rule[]): string {
  const entry = (id: string, severity: string, description: string) => `  # ${`${id}: ${severity}`.padEnd(58)} # ${description}`;
  return [
    `# faaslint configuration (${INFORMATION_URI}#configuration)`,
    '# Every line below is a default, commented out: uncomment a line to change it.',
    '',
    '# Severity of each rule: off | note | warning | error.',
    'rules:',
    ...rules.map((r) => entry(r.id, r.meta.severity, r.meta.description)),
    '  # Suppressions themselves:',
    ...Object.entries(META_RULES).map(([id, m]) => entry(id, m.severity, m.description)),
    '  # Files faaslint could not (fully) analyse:',
    ...Object.entries(DIAGNOSTIC_CODES).map(([code, d]) => entry(`${DIAGNOSTIC_PREFIX}${code}`, d.severity, d.description)),
    '',
    '# Paths not to scan: gitignore patterns, relative to the repository root.',
    'ignore:',
    '  # - examples/',
    '  # - "**/legacy/**"',
    '',
    '# Values for Serverless variables (the --stage, --region and --param flags override them).',
    '# stage: prod',
    '# region: us-east-1',
    'params:',
    '  # tableSuffix: live',
    '',
    '# Lowest severity that makes the exit code 1.',
    '# failOn: error',
    '# Set to true to ignore inline and Metadata suppressions (audits).',
    '# noInlineConfig: false',
    '# Set to true to report suppressions that match no finding.',
    '# reportUnusedSuppressions: false',
    '',
  ].join('\n');
}
