import type { Entry, Statement } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { forFormat } from '../../src/engine/formats.js';
import { describeGuards } from '../../src/engine/guards.js';
import { isWriteLike, perExpansion, serviceOf, type ActionFacts } from '../../src/iam/actions.js';
import { isArnPattern, typesCoveredBy } from '../../src/iam/arns.js';
import { EXECUTION_ROLE_WILDCARD_ACTIONS } from '../../src/iam/lambda-platform.js';
import { holderOf } from '../../src/iam/holders.js';
import { isWildcardResource } from '../../src/iam/statements.js';
import { flowList, roleNeeds } from '../../src/iam/suggest.js';

const MAX_LISTED = 4;

/** How to name a resource, in the syntax of the file the statement is in. */
const NAMING = {
  serverless: 'ARNs, `${self:custom.bucketName}`, or `!GetAtt OrdersTable.Arn` for a resource of the `resources` section',
  sam: 'ARNs, `!GetAtt OrdersTable.Arn`, or a SAM policy template such as `DynamoDBCrudPolicy: {TableName: !Ref OrdersTable}`',
  cloudformation: 'ARNs, `Fn::GetAtt` of the resource (`!GetAtt OrdersTable.Arn`), `Fn::Sub` with its name',
} as const;

/** One action entry of the statement and the actions it grants that can be scoped to a resource. */
interface Granted {
  readonly pattern: string;
  readonly scopable: readonly ActionFacts[];
}

/** The actions of an expansion that can be scoped to a resource. */
const scopableIn = perExpansion((expanded) => expanded.filter((a) => a.scopable && !EXECUTION_ROLE_WILDCARD_ACTIONS.has(a.name)));

function scopableOf(pattern: string): readonly ActionFacts[] {
  return scopableIn(pattern) ?? [];
}

/** "a, b and c". */
function sentenceList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The actions to name in the message (an action, or a pattern with how many scopable actions it covers) and whether any writes. */
function describeActions(granted: readonly Granted[]): { actions: string; isWrite: boolean } {
  const shownWrite: string[] = [];
  const shownRead: string[] = [];
  for (const g of granted) {
    if (g.scopable.length === 0) continue;
    const label = g.pattern.includes('*') ? `"${g.pattern}" (${g.scopable.length} scopable actions)` : g.scopable[0]!.name;
    (g.scopable.some(isWriteLike) ? shownWrite : shownRead).push(label);
  }
  const isWrite = shownWrite.length > 0;
  const unique = [...new Set(isWrite ? shownWrite : shownRead)];
  const actions = unique.length > MAX_LISTED ? `${unique.slice(0, MAX_LISTED).join(', ')} and ${unique.length - MAX_LISTED} more` : unique.join(', ');
  return { actions, isWrite };
}

/** The actions a service-wide ARN reaches every resource of a type with, and what it covers: "dynamodb table and index". */
function coverage(text: string, granted: readonly Granted[]): { granted: Granted[]; covered: string } {
  const byService = new Map<string, Set<string>>();
  const reached = granted.map((g) => ({
    pattern: g.pattern,
    scopable: g.scopable.filter((action) => {
      const types = typesCoveredBy(text, action);
      if (types.length === 0) return false;
      const service = serviceOf(action);
      const set = byService.get(service) ?? new Set<string>();
      for (const t of types) set.add(t);
      byService.set(service, set);
      return true;
    }),
  }));
  // An API Gateway path pattern covers dozens of types: name a few, and how many.
  const named = (types: string[]) => (types.length <= MAX_LISTED ? sentenceList(types) : `resource of ${types.length} types (${types.slice(0, 3).join(', ')}, …)`);
  const covered = [...byService].map(([service, types]) => `${service} ${named([...types].sort())}`).join('; ');
  return { granted: reached, covered };
}

export default defineRule({
  id: 'iam-no-wildcard-resource',
  meta: {
    description:
      'An Allow statement applies actions that support resource-level permissions to every resource: "*", or an ARN that matches every resource of its type (`arn:aws:s3:::*`, `table/*`).',
    severity: 'error',
    cwe: ['CWE-732'],
    securitySeverity: 7.0,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      write:
        'Resource "*" lets {{actions}} change every matching resource in the account{{when}}, not only the ones used by {{holder}}. Name the resources ({{naming}}); keep "*" only for actions that accept nothing else.{{suggestion}}',
      read: 'Resource "*" lets {{actions}} read every matching resource in the account{{when}}. Name the resources read by {{holder}} ({{naming}}); keep "*" only for actions that accept nothing else.{{suggestion}}',
      writeArn:
        'Resource "{{resource}}" matches every {{covered}}{{when}}, as "*" would: it grants {{actions}} on all of them, writes included, not only on the ones used by {{holder}}. Name the resources ({{naming}}), or at least a name prefix.{{suggestion}}',
      readArn:
        'Resource "{{resource}}" matches every {{covered}}{{when}}, as "*" would: it lets {{actions}} read all of them. Name the resources read by {{holder}} ({{naming}}), or at least a name prefix.{{suggestion}}',
    },
    related: { checkov: ['CKV_AWS_111', 'CKV_AWS_108'], cfn_nag: ['W11', 'F39'], 'cdk-nag': ['AwsSolutions-IAM5'] },
  },
  create(context) {
    /** With every handler's calls known, the resources they reach for these actions. */
    function reachedResources(statement: Statement, role: Parameters<typeof roleNeeds>[1]) {
      const needs = roleNeeds(context.project, role);
      const patterns = statement.actions!.entries.flatMap((e) => (e.value ? [e.value] : []));
      const perPattern = needs ? patterns.map((p) => needs.resourcesFor(p)) : [];
      return needs && perPattern.every((r) => r !== undefined) ? [...new Map(perPattern.flat().map((r) => [JSON.stringify(r), r!])).values()] : undefined;
    }

    return {
      roleStatement(statement, role) {
        // NotAction/NotResource statements are iam-no-allow-not's finding; Deny narrows.
        if (statement.effect !== 'Allow' || !statement.actions || !statement.resources) return;
        // A SAM policy template's scope is its parameters; a "*" inside it is AWS's definition, not the user's choice.
        if (statement.origin.kind === 'policy-template') return;
        // Only actions with a resource type can be scoped; the rest accept nothing but "*".
        // What AWS's Lambda execution policies grant on "*" (logs, VPC network interfaces) is not the user's choice to report.
        const granted: Granted[] = statement.actions.entries.flatMap((e) =>
          e.value === undefined ? [] : [{ pattern: e.value, scopable: scopableOf(e.value) }],
        );
        const naming = forFormat(context.project, statement.location.file, NAMING);
        const wildcard = statement.resources.entries.find(isWildcardResource);
        // "*" covers whatever ARNs sit next to it: one finding, on the "*".
        const targets: { entry: Entry; granted: readonly Granted[]; covered?: string }[] = wildcard
          ? [{ entry: wildcard, granted }]
          : statement.resources.entries.flatMap((entry) => {
              const text = entry.value ?? entry.text;
              if (!isArnPattern(text)) return [];
              const c = coverage(text, granted);
              return c.covered ? [{ entry, granted: c.granted, covered: c.covered }] : [];
            });
        for (const target of targets) {
          if (!target.granted.some((g) => g.scopable.length > 0)) continue;
          const { actions, isWrite } = describeActions(target.granted);
          const resources = reachedResources(statement, role);
          const shown = resources?.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));
          const suggestion = resources && resources.length > 0 ? ` Its handlers reach: ${shown!.join(', ')}.` : '';
          const entry = target.entry;
          const scalar = statement.resources.entries.length === 1 && entry.loc.line === statement.resources.keyLoc.line;
          const fix = resources && resources.length > 0 && scalar ? { description: 'Name the resources the handlers reach', replacements: [{ at: entry.loc, text: flowList(resources) }] } : undefined;
          const when = describeGuards(entry.when);
          context.report({
            at: entry.loc,
            messageId: target.covered ? (isWrite ? 'writeArn' : 'readArn') : isWrite ? 'write' : 'read',
            severity: isWrite ? 'error' : 'warning',
            data: { actions, when, suggestion, naming, resource: entry.value ?? entry.text, covered: target.covered ?? '', holder: holderOf(context.project, role).name },
            ...(fix ? { fix } : {}),
          });
        }
      },
    };
  },
});
