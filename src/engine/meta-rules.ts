import type { Severity } from '../model.js';
import type { RuleMeta } from './rule.js';
import { ownTable } from '../own.js';

function metaRule(description: string, severity: Severity, securitySeverity: number): RuleMeta<'message'> {
  return {
    description,
    severity,
    cwe: [],
    securitySeverity,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation', 'handler'],
    messages: { message: '{{text}}' },
  };
}

/** Findings about suppressions themselves: reported by the engine, not by a model rule. */
export const META_RULES: Readonly<Record<string, RuleMeta<'message'>>> = ownTable({
  'meta-suppression-needs-reason': metaRule('A faaslint suppression gives no reason: accepted risks must say why.', 'warning', 2.0),
  'meta-invalid-suppression': metaRule('A faaslint suppression names a rule that does not exist, so it suppresses nothing.', 'warning', 2.0),
  'meta-unused-suppression': metaRule('A faaslint suppression matches no finding (reported with --report-unused-suppressions).', 'note', 1.0),
});

export const META_RULE_HELP: Readonly<Record<string, string>> = ownTable({
  'meta-suppression-needs-reason':
    'Write the reason after `--`: `# faaslint-disable-next-line gateway-require-authorizer -- public status page`, or `reason:` in `Metadata.faaslint.ignore`.',
  'meta-invalid-suppression': 'Check the rule id against the rule table; suppressions with unknown ids are typos that hide nothing.',
  'meta-unused-suppression': 'Remove the suppression: the finding it was written for is gone.',
});
