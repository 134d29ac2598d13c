import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { actionMatches, expandAction, isPermissionsManagement } from '../../src/iam/actions.js';
import { holderOf } from '../../src/iam/holders.js';
import { flowList, roleNeeds } from '../../src/iam/suggest.js';

/** `*`, `*:*` or `service:*`: every action, or every action of one service. */
const FULL_WILDCARD = /^\*(:\*)?$/;
const SERVICE_WILDCARD = /^([a-z0-9-]+):\*$/i;

/** Summaries by action pattern: `*` alone means sorting through every action AWS has. */
const summaries = new Map<string, string>();

/** "22091 actions, 425 of them permissions management (iam:AttachRolePolicy, …)". */
function grantSummary(action: string): string {
  let summary = summaries.get(action);
  if (summary === undefined) {
    summary = summarise(action);
    summaries.set(action, summary);
  }
  return summary;
}

function summarise(action: string): string {
  const actions = expandAction(action);
  if (!actions) return 'actions of a service faaslint does not know';
  const admin = actions
    .filter(isPermissionsManagement)
    .map((a) => a.name)
    .sort((a, b) => Number(!a.startsWith('iam:')) - Number(!b.startsWith('iam:')));
  const examples = admin.slice(0, 3).join(', ');
  return admin.length === 0
    ? `${actions.length} actions`
    : `${actions.length} actions, ${admin.length} of them permissions management (${examples}${admin.length > 3 ? ', …' : ''})`;
}

export default defineRule({
  id: 'iam-no-wildcard-action',
  meta: {
    description: 'An Allow statement grants every action, or every action of a service, instead of the actions the function calls.',
    severity: 'error',
    cwe: ['CWE-732', 'CWE-269'],
    securitySeverity: 8.0,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      all: 'Allow statement grants every AWS action ("{{action}}": {{summary}}) to {{holder}}{{when}}: {{compromise}} then controls the whole account. List the actions it needs instead (e.g. "dynamodb:GetItem").{{suggestion}}',
      service:
        'Allow statement grants every {{service}} action ("{{action}}": {{summary}}) to {{holder}}{{when}}, including deletes and changes it never needs. List the {{service}} actions it calls instead.{{suggestion}}',
    },
    related: { checkov: ['CKV_AWS_49', 'CKV_AWS_63'], cfn_nag: ['F2', 'F38', 'W12'], 'cdk-nag': ['AwsSolutions-IAM5'] },
  },
  create(context) {
    return {
      roleStatement(statement, role) {
        if (statement.effect !== 'Allow' || !statement.actions) return;
        const needs = roleNeeds(context.project, role);
        const { name: holder, compromise } = holderOf(context.project, role);
        const holderData = { holder, compromise };
        for (const entry of statement.actions.entries) {
          const action = entry.value?.trim();
          if (action === undefined) continue;
          const when = describeGuards(entry.when);
          const service = SERVICE_WILDCARD.exec(action)?.[1];
          if (!FULL_WILDCARD.test(action) && !service) continue;
          // With every handler's calls known, say exactly what to grant instead.
          const called = needs?.actions.filter((a) => actionMatches(action, a));
          const suggestion = !called ? '' : called.length > 0 ? ` Its handlers call: ${called.join(', ')}.` : ' Its handlers call none of these actions: remove it.';
          // A scalar `Action: "*"` can be replaced in place.
          const scalar = statement.actions.entries.length === 1 && entry.loc.line === statement.actions.keyLoc.line;
          const fix = called && called.length > 0 && scalar ? { description: `Grant only ${called.join(', ')}`, replacements: [{ at: entry.loc, text: flowList(called) }] } : undefined;
          const data = { action, when, suggestion, ...holderData, summary: grantSummary(FULL_WILDCARD.test(action) ? '*' : action), service: service?.toLowerCase() ?? '' };
          context.report({ at: entry.loc, messageId: FULL_WILDCARD.test(action) ? 'all' : 'service', data, ...(fix ? { fix } : {}) });
        }
      },
    };
  },
});
