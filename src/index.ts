export { lint, type LintOptions, type LintResult } from './run.js';
export type { Finding } from './engine/finding.js';
export type { Rule, RuleMeta } from './engine/rule.js';
export type * from './model.js';
export type { Location } from './location.js';
