import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'handler-no-module-state',
  meta: {
    description: 'Code a handler runs mutates module-scope state, which survives between invocations in a warm container.',
    severity: 'warning',
    cwe: ['CWE-362', 'CWE-1108'],
    securitySeverity: 4.0,
    precision: 'high',
    appliesTo: ['handler'],
    messages: {
      state:
        'Module-scope "{{variable}}" (declared at line {{declaredLine}}) is changed by code the handler runs: warm containers keep it between invocations, so each call sees what earlier calls left, and concurrent containers disagree. Keep per-invocation state in local variables, and durable state in a data store.',
      global:
        'The global object\'s "{{variable}}" is changed by code the handler runs: warm containers keep it between invocations, so each call sees what earlier calls left, and concurrent containers disagree. Keep per-invocation state in local variables, and durable state in a data store.',
    },
    related: {},
  },
  create(context) {
    return {
      handler(handler) {
        for (const w of handler.moduleStateWrites) {
          // Lazy initialisation is AWS's recommended pattern; event-derived writes are the request-data rule's finding.
          if (w.lazyInit || w.eventDerived || w.inTimerCallback) continue;
          if (w.declaredAt) context.report({ at: w.loc, messageId: 'state', data: { variable: w.variable, declaredLine: w.declaredAt.line } });
          else context.report({ at: w.loc, messageId: 'global', data: { variable: w.variable } });
        }
      },
    };
  },
});
