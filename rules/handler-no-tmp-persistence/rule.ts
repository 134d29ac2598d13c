import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: 'handler-no-tmp-persistence',
  meta: {
    description: 'A handler writes under /tmp and never removes the file: it survives into later invocations in the same container.',
    severity: 'warning',
    cwe: ['CWE-377', 'CWE-459'],
    securitySeverity: 4.5,
    precision: 'high',
    appliesTo: ['handler'],
    messages: {
      kept: 'This writes {{path}} under /tmp and the invocation never removes it: /tmp outlives the invocation in a warm container, so the next call finds this file (and /tmp fills up). Remove it in a `finally` block, or write into a `mkdtemp()` folder you remove.',
      fromEvent:
        'This writes {{path}} under /tmp with a name taken from the event, and never removes it: a later caller can read or overwrite this caller\'s file, and a crafted name can escape the folder. Use a random name in a `mkdtemp()` folder and remove it in a `finally` block.',
    },
    related: {},
  },
  create(context) {
    return {
      handler(handler) {
        for (const w of handler.tmpWrites) {
          if (w.removed) continue;
          context.report({ at: w.loc, messageId: w.eventDerived ? 'fromEvent' : 'kept', severity: w.eventDerived ? 'error' : 'warning', data: { path: w.path } });
        }
      },
    };
  },
});
