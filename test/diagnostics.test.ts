import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, diagnostic, diagnosticRuleId, isDiagnosticRuleId } from '../src/diagnostics.js';
import { lint } from '../src/run.js';
import { tempProject } from './helpers.js';

describe('faaslint/* diagnostics', () => {
  it('are built with their code’s default severity and reported under faaslint/<code>', () => {
    const loc = { file: 'a.yml', line: 2, column: 1, endLine: 2, endColumn: 5 };
    expect(diagnostic('variable-cycle', 'loops', loc)).toEqual({ code: 'variable-cycle', severity: 'warning', message: 'loops', location: loc });
    expect(diagnosticRuleId('parse-error')).toBe('faaslint/parse-error');
    expect(isDiagnosticRuleId('faaslint/parse-error')).toBe(true);
    expect(isDiagnosticRuleId('iam-no-wildcard-action')).toBe(false);
  });

  it('a scan reports each under its code, with the severity the table gives', async () => {
    const dir = tempProject({ 'template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: [unclosed\n', 'serverless.ts': 'export default makeConfig();\n' });
    const result = await lint({ paths: [dir], config: false });
    const seen = result.findings.filter((f) => isDiagnosticRuleId(f.ruleId));
    expect(seen.map((f) => f.ruleId).sort()).toEqual(['faaslint/not-analysed', 'faaslint/parse-error']);
    for (const f of seen) expect(f.severity).toBe(DIAGNOSTIC_CODES[f.ruleId.slice('faaslint/'.length) as keyof typeof DIAGNOSTIC_CODES].severity);
  });
});
