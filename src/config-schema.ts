import type { Rule } from './engine/rule.js';

export const SEVERITY_SETTINGS = ['off', 'note', 'warning', 'error'] as const;

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
        properties: Object.fromEntries(rules.map((r) => [r.id, severity])),
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
