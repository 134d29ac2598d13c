import { DIAGNOSTIC_CODES, diagnosticRuleId, type DiagnosticCode } from './diagnostics.js';
import { META_RULES } from './engine/meta-rules.js';
import type { Rule } from './engine/rule.js';

export const SEVERITY_SETTINGS = ['off', 'note', 'warning', 'error'] as const;

/** Every id a config may set a severity for: the rules, the meta rules about suppressions, and the `faaslint/*` diagnostics. */
export function configurableIds(rules: readonly Rule[]): string[] {
  return [...rules.map((r) => r.id), ...Object.keys(META_RULES), ...(Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]).map(diagnosticRuleId)];
}

/** The JSON Schema of `faaslint.config.yaml`, generated from rule metadata so unknown rule ids are errors. */
export function configSchema(rules: readonly Rule[]): object {
  const severity = { enum: [...SEVERITY_SETTINGS] };
  return {
    $id: 'https://faaslint.dev/schemas/config.json',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(configurableIds(rules).map((id) => [id, severity])),
      },
      ignore: { type: 'array', items: { type: 'string', minLength: 1 } },
      stage: { type: 'string', minLength: 1 },
      region: { type: 'string', minLength: 1 },
      params: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
      failOn: { enum: ['error', 'warning', 'note'] },
      noInlineConfig: { type: 'boolean' },
      reportUnusedSuppressions: { type: 'boolean' },
    },
  };
}
