import type { Project } from '../model.js';
import { DIAGNOSTIC_CODES, diagnosticRuleId } from '../diagnostics.js';
import { sortAndDedupe, type Finding } from './finding.js';
import type { Rule, Visitors } from './rule.js';

function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** Runs every rule over the project. A rule that throws becomes one error finding; the others still run. */
/** A rule reporting a message id its metadata lacks is a bug in the rule: it surfaces as the rule's internal error. */
function messageText(rule: Rule, messageId: string): string {
  const text = Object.hasOwn(rule.meta.messages, messageId) ? rule.meta.messages[messageId] : undefined;
  if (text === undefined) throw new Error(`unknown message id "${messageId}"`);
  return text;
}

export function runRules(project: Project, rules: readonly Rule[], now: Date = new Date(), onRule?: (done: number, total: number, id: string) => void): Finding[] {
  const findings: Finding[] = project.diagnostics.map((d) => ({
    ruleId: diagnosticRuleId(d.code),
    severity: d.severity,
    message: d.message,
    location: d.location,
  }));
  for (const [done, rule] of rules.entries()) {
    onRule?.(done, rules.length, rule.id);
    try {
      const visitors = rule.create({
        project,
        now,
        report: (r) => {
          findings.push({
            ruleId: rule.id,
            severity: r.severity ?? rule.meta.severity,
            message: formatMessage(messageText(rule, r.messageId), r.data),
            messageId: r.messageId,
            location: r.at,
            ...(r.related ? { related: r.related.map((x) => ({ location: x.at, message: x.message })) } : {}),
            ...(r.logicalPath ? { logicalPath: r.logicalPath } : {}),
            ...(r.fix ? { fix: r.fix } : {}),
          });
        },
      });
      visit(project, visitors);
    } catch (err) {
      findings.push({
        ruleId: diagnosticRuleId('internal-error'),
        severity: DIAGNOSTIC_CODES['internal-error'].severity,
        message: `rule ${rule.id} failed (please report it): ${(err as Error).message}`,
        location: { file: project.inputs[0]?.file ?? '.', line: 1, column: 1, endLine: 1, endColumn: 2 },
      });
    }
  }
  return sortAndDedupe(findings);
}

function visit(project: Project, v: Visitors): void {
  v.project?.(project);
  if (v.function) for (const fn of project.functions) v.function(fn);
  if (v.role || v.roleStatement) {
    for (const role of project.roles) {
      v.role?.(role);
      if (v.roleStatement) for (const s of role.statements) v.roleStatement(s, role);
    }
  }
  if (v.resourcePolicy) for (const p of project.resourcePolicies) v.resourcePolicy(p);
  if (v.permission) for (const p of project.permissions) v.permission(p);
  if (v.endpoint) for (const e of project.endpoints) v.endpoint(e);
  if (v.api) for (const a of project.apis) v.api(a);
  if (v.handler) for (const h of project.handlers) v.handler(h);
}
