import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { expandAction, isWriteLike, type ActionFacts } from '../../src/iam/actions.js';
import { EXECUTION_ROLE_WILDCARD_ACTIONS } from '../../src/iam/lambda-platform.js';
import { isWildcardResource } from '../../src/iam/statements.js';
import { flowList, roleNeeds } from '../../src/iam/suggest.js';

const MAX_LISTED = 4;
export default defineRule({
  id: 'iam-no-wildcard-resource',
  meta: {
    description: 'An Allow statement applies actions that support resource-level permissions to every resource ("*").',
    severity: 'error',
    cwe: ['CWE-732'],
    securitySeverity: 7.0,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      write:
        'Resource "*" lets {{actions}} change every matching resource in the account{{when}}, not only the ones this function owns. Name the resources (ARNs, `!GetAtt Table.Arn`, `${self:custom.bucket}`); keep "*" only for actions that accept nothing else.{{suggestion}}',
      read: 'Resource "*" lets {{actions}} read every matching resource in the account{{when}}. Name the resources the function reads (ARNs, `!GetAtt Table.Arn`); keep "*" only for actions that accept nothing else.{{suggestion}}',
    },
    related: { checkov: ['CKV_AWS_111', 'CKV_AWS_108'], cfn_nag: ['W11', 'F39'], 'cdk-nag': ['AwsSolutions-IAM5'] },
  },
  create(context) {
    return {
      roleStatement(statement, role) {
        // NotAction/NotResource statements are iam-no-allow-not's finding; Deny narrows.
        if (statement.effect !== 'Allow' || !statement.actions || !statement.resources) return;
        // A SAM policy template's scope is its parameters; a "*" inside it is AWS's definition, not the user's choice.
        if (statement.origin.kind === 'policy-template') return;
        const wildcard = statement.resources.entries.find(isWildcardResource);
        if (!wildcard) return;
        const scopable: ActionFacts[] = [];
        /** What to name in the message: the action, or a pattern with how many scopable actions it covers. */
        const shownWrite: string[] = [];
        const shownRead: string[] = [];
        for (const entry of statement.actions.entries) {
          if (entry.value === undefined) continue;
          // Only actions with a resource type can be scoped; the rest accept nothing but "*".
          const matched = (expandAction(entry.value) ?? []).filter((a) => a.scopable);
          scopable.push(...matched);
          if (matched.length === 0) continue;
          const writes = matched.filter(isWriteLike);
          const label = entry.value.includes('*') ? `"${entry.value}" (${matched.length} scopable actions)` : matched[0]!.name;
          (writes.length > 0 ? shownWrite : shownRead).push(label);
        }
        if (scopable.every((a) => EXECUTION_ROLE_WILDCARD_ACTIONS.has(a.name))) return;
        const isWrite = shownWrite.length > 0;
        const unique = [...new Set(isWrite ? shownWrite : shownRead)];
        const actions =
          unique.length > MAX_LISTED ? `${unique.slice(0, MAX_LISTED).join(', ')} and ${unique.length - MAX_LISTED} more` : unique.join(', ');
        // With every handler's calls known, name the resources they reach.
        const needs = roleNeeds(context.project, role);
        const patterns = statement.actions.entries.flatMap((e) => (e.value ? [e.value] : []));
        const perPattern = needs ? patterns.map((p) => needs.resourcesFor(p)) : [];
        const resources = needs && perPattern.every((r) => r !== undefined) ? [...new Map(perPattern.flat().map((r) => [JSON.stringify(r), r!])).values()] : undefined;
        const shown = resources?.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));
        const suggestion = resources && resources.length > 0 ? ` Its handlers reach: ${shown!.join(', ')}.` : '';
        const scalar = statement.resources.entries.length === 1 && wildcard.loc.line === statement.resources.keyLoc.line;
        const fix = resources && resources.length > 0 && scalar ? { description: 'Name the resources the handlers reach', replacements: [{ at: wildcard.loc, text: flowList(resources) }] } : undefined;
        context.report({
          at: wildcard.loc,
          messageId: isWrite ? 'write' : 'read',
          severity: isWrite ? 'error' : 'warning',
          data: { actions, when: describeGuards([...wildcard.when, ...statement.when]), suggestion },
          ...(fix ? { fix } : {}),
        });
      },
    };
  },
});
