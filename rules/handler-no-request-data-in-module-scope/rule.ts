import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'handler-no-request-data-in-module-scope',
  meta: {
    description: "Data derived from a handler's event (body, headers, parameters, claims) is stored in module scope, where the next caller in the same container can see it.",
    severity: 'error',
    cwe: ['CWE-488'],
    securitySeverity: 7.0,
    precision: 'high',
    appliesTo: ['handler'],
    messages: {
      stored:
        'Request data is stored in module-scope "{{variable}}" (declared at line {{declaredLine}}): the container is reused, so the next invocation (possibly another user) sees this caller\'s data. Keep request data in local variables; cache shared data in a store keyed and checked per caller.',
      global:
        'Request data is stored in the global object\'s "{{variable}}": the container is reused, so the next invocation (possibly another user) sees this caller\'s data. Keep request data in local variables; cache shared data in a store keyed and checked per caller.',
    },
    related: {},
  },
  create(context) {
    return {
      handler(handler) {
        for (const w of handler.moduleStateWrites) {
          // A client created lazily from event data is an initialisation choice, not a leak of the request.
          if (!w.eventDerived || w.lazyInit || w.inTimerCallback) continue;
          if (w.declaredAt) context.report({ at: w.loc, messageId: 'stored', data: { variable: w.variable, declaredLine: w.declaredAt.line } });
          else context.report({ at: w.loc, messageId: 'global', data: { variable: w.variable } });
        }
      },
    };
  },
});
