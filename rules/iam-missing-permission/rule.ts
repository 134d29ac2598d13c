import { defineRule } from '../../src/engine/rule.js';
import { grantedByResourcePolicy, grantOf } from '../../src/iam/grants.js';
import { callResources } from '../../src/iam/least-privilege.js';
import { roleOf } from '../../src/iam/roles.js';
import type { SdkCall } from '../../src/model.js';

/** What the code calls, as written, and the operation when its action has another name: never "X needs X". */
function describeCall(call: SdkCall, action: string): string {
  const written = call.detail ?? `${call.operation} call`;
  // A detail beyond "X call" already says why (`TransactWriteCommand call with Update items`).
  const plain = written.endsWith(' call');
  return plain && call.operation.toLowerCase() !== action.toLowerCase() ? `This ${written} (${call.operation})` : `This ${written}`;
}

export default defineRule({
  id: 'iam-missing-permission',
  meta: {
    description: "A handler calls an AWS API whose IAM action its function's role does not grant: the call fails with AccessDenied at run time.",
    severity: 'warning',
    cwe: ['CWE-703'],
    securitySeverity: 2.0,
    precision: 'medium',
    appliesTo: ['serverless', 'sam', 'cloudformation', 'handler'],
    messages: {
      missing:
        '{{call}} needs {{action}}{{resource}}, but the role of {{functions}} does not grant it{{denied}}: the call fails with AccessDenied at run time. Grant {{action}} on that resource in the function\'s role.',
    },
    related: {},
  },
  create(context) {
    const { project } = context;
    return {
      handler(handler) {
        const fns = handler.fnIds.map((id) => project.functions.find((f) => f.id === id)).filter((f) => f !== undefined);
        // One finding per missing action per call site, however many calls the statement makes.
        const reported = new Set<string>();
        // Calls made with credentials of their own do not use the function's role.
        for (const call of handler.sdkCalls.filter((c) => !c.ownCredentials)) {
          for (const action of call.actions) {
            const site = `${call.loc.file}:${call.loc.line}:${action}`;
            if (reported.has(site)) continue;
            const missing: string[] = [];
            const related: { at: typeof call.loc; message: string }[] = [];
            let denied = false;
            for (const fn of fns) {
              const role = roleOf(project, fn);
              if (!role) continue;
              const arn = callResources(fn, call, action)?.find((r): r is string => typeof r === 'string');
              const grant = grantOf(role, action, arn);
              if (grant !== 'not-granted' && grant !== 'denied') continue;
              if (grant === 'not-granted' && grantedByResourcePolicy(project, role, action)) continue;
              denied ||= grant === 'denied';
              missing.push(fn.name);
              related.push({ at: role.location, message: `role of function ${fn.name}` });
            }
            if (missing.length === 0) continue;
            reported.add(site);
            context.report({
              at: call.loc,
              messageId: 'missing',
              data: {
                call: describeCall(call, action),
                action,
                resource: call.resource?.literal ? ` on ${call.resource.literal}` : call.resource?.envVar ? ` on the resource in ${call.resource.envVar}` : '',
                functions: missing.length === 1 ? `function ${missing[0]}` : `functions ${missing.join(', ')}`,
                denied: denied ? ' (a Deny statement blocks it)' : '',
              },
              related,
            });
          }
        }
      },
    };
  },
});
