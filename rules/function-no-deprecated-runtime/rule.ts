import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { daysUntilDeprecation } from '../../src/runtimes.js';
import { own, ownTable } from '../../src/own.js';

/** How far ahead a coming deprecation is announced. */
const WARNING_WINDOW_DAYS = 90;

export default defineRule({
  id: 'function-no-deprecated-runtime',
  meta: {
    description: 'A function uses a Lambda runtime past (or within 90 days of) its AWS deprecation date.',
    severity: 'error',
    cwe: ['CWE-1104'],
    securitySeverity: 5.5,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      deprecated:
        'Runtime {{runtime}} reached its AWS Lambda deprecation date on {{date}}{{via}}{{when}}: it gets no security patches, and AWS then blocks creating and updating functions with it. Move to a supported runtime (e.g. {{suggestion}}).',
      soon: 'Runtime {{runtime}} reaches its AWS Lambda deprecation date on {{date}} (in {{days}} days){{via}}{{when}}. Plan the move to a newer runtime (e.g. {{suggestion}}).',
    },
    related: { checkov: ['CKV_AWS_363'], 'cdk-nag': ['AwsSolutions-L1'] },
  },
  create(context) {
    return {
      function(fn) {
        for (const entry of fn.runtime?.values ?? []) {
          const runtime = entry.value;
          if (!runtime) continue;
          const status = daysUntilDeprecation(runtime, context.now);
          if (!status || status.days > WARNING_WINDOW_DAYS) continue;
          const data = {
            runtime,
            date: status.date,
            days: status.days,
            via: entry.fromDefault ? ' (set through a default value)' : '',
            when: describeGuards(entry.when),
            suggestion: suggestion(runtime),
          };
          if (status.days < 0) context.report({ at: entry.loc, messageId: 'deprecated', data });
          else context.report({ at: entry.loc, messageId: 'soon', severity: 'note', data });
        }
      },
    };
  },
});

/** The runtime to move to, by language family. */
const LATEST = ownTable({
  nodejs: 'nodejs22.x or nodejs24.x',
  python: 'python3.13',
  java: 'java21',
  dotnet: 'dotnet10',
  dotnetcore: 'dotnet10',
  ruby: 'ruby3.4',
  go: 'provided.al2023',
  provided: 'provided.al2023',
});

function suggestion(runtime: string): string {
  const family = /^[a-z]+/.exec(runtime.toLowerCase())?.[0] ?? '';
  return own(LATEST, family) ?? 'the newest runtime of its language';
}
