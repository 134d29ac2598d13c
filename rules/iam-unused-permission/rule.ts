import type { Statement } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { grantsKnown } from '../../src/iam/roles.js';
import { patternUsed, roleUsage } from '../../src/iam/usage.js';

export default defineRule({
  id: 'iam-unused-permission',
  meta: {
    description: "A function role grants an action that none of its functions' handlers calls (and Lambda itself does not use).",
    severity: 'note',
    cwe: ['CWE-250'],
    securitySeverity: 3.0,
    precision: 'medium',
    appliesTo: ['serverless', 'sam', 'cloudformation', 'handler'],
    messages: {
      action:
        '"{{action}}" is granted but no handler using this role calls it (functions considered: {{functions}}). Remove it: every unused permission is one an attacker gets for free.',
      template:
        'Policy template {{template}} is attached but no handler using this role calls any of its actions (functions considered: {{functions}}). Remove it.',
    },
    related: {},
  },
  create(context) {
    return {
      role(role) {
        // A role given out in the Outputs may serve functions elsewhere, whose calls are not seen.
        if (!grantsKnown(role) || role.usedBy.length === 0 || role.exported) return;
        const usage = roleUsage(context.project, role);
        // Only a complete picture of every function's calls can prove a permission unused.
        if (!usage.complete) return;
        const functions = usage.functions.map((f) => f.fn.name).join(', ');
        const templates = new Map<string, Statement[]>();
        for (const s of role.statements) {
          // A connector grants its permissions as a set that SAM defines, not actions the user listed.
          if (s.effect !== 'Allow' || !s.actions || s.origin.kind === 'connector') continue;
          if (s.origin.kind === 'policy-template') {
            const key = `${s.origin.name}@${s.location.line}:${s.location.column}`;
            templates.set(key, [...(templates.get(key) ?? []), s]);
            continue;
          }
          for (const entry of s.actions.entries) {
            if (entry.value === undefined || patternUsed(entry.value, usage.used)) continue;
            context.report({ at: entry.loc, messageId: 'action', data: { action: entry.value, functions } });
          }
        }
        for (const statements of templates.values()) {
          const actions = statements.flatMap((s) => s.actions!.entries.map((e) => e.value ?? ''));
          if (actions.some((a) => patternUsed(a, usage.used))) continue;
          const origin = statements[0]!.origin;
          context.report({ at: statements[0]!.location, messageId: 'template', data: { template: origin.kind === 'policy-template' ? origin.name : '?', functions } });
        }
      },
    };
  },
});
