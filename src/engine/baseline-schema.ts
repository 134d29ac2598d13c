/** The JSON Schema of a baseline file (`--write-baseline` writes it, `--baseline` reads it); fields may be added, never removed. */
export const BASELINE_SCHEMA = {
  $id: 'https://faaslint.dev/schemas/baseline.json',
  type: 'object',
  required: ['version', 'findings'],
  properties: {
    version: { const: 1 },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ruleId', 'file', 'fingerprint'],
        properties: {
          ruleId: { type: 'string' },
          file: { type: 'string' },
          fingerprint: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;
