import type { BackgroundWork } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';

const MESSAGE_IDS = {
  'module-timer': 'moduleTimer',
  'handler-timer': 'handlerTimer',
  'callback-waits-false': 'callbackWaits',
  'floating-promise': 'floating',
  'module-thread': 'moduleThread',
  thread: 'thread',
  task: 'task',
  future: 'future',
} as const satisfies Record<BackgroundWork['kind'], string>;

export default defineRule({
  id: 'handler-no-background-work',
  meta: {
    description: 'A handler leaves work running after it returns (timers, un-awaited AWS or fetch calls, threads, executor futures, asyncio tasks), which the platform freezes or drops.',
    severity: 'warning',
    cwe: ['CWE-664'],
    securitySeverity: 3.5,
    precision: 'high',
    appliesTo: ['handler'],
    messages: {
      moduleTimer:
        '{{detail}} at module scope runs on a timer in a container that Lambda freezes between invocations: it fires late, in the middle of another caller\'s invocation, or never. Do the work inside the handler and await it.',
      handlerTimer:
        '{{detail}} schedules work the handler does not wait for: Lambda freezes the container when the handler returns, so it runs late (during another invocation) or never. Await the work itself.',
      callbackWaits:
        'callbackWaitsForEmptyEventLoop = false lets the handler return while callbacks and sockets are still pending: that work is frozen and resumes during a later invocation. Await pending work instead.',
      floating:
        '{{detail}} is neither awaited nor returned: the async handler can return before it completes, and Lambda freezes or drops the request. Add `await` (or collect the promises and `await Promise.all`).',
      moduleThread:
        '{{detail}} starts a thread while the module loads: Lambda freezes the container between invocations, so the thread stalls, then runs during a later caller\'s invocation. Do the work inside the handler and wait for it.',
      thread:
        '{{detail}} starts a thread the handler never joins: when the handler returns, Lambda freezes the container, so the work stalls and resumes during a later invocation, or is lost. Call `.join()` before returning (or run it synchronously).',
      task:
        '{{detail}} is neither awaited nor kept: the handler can return before the task runs, and Lambda freezes or drops it. `await` it (or `await asyncio.gather(...)` the tasks) before returning.',
      future:
        '{{detail}} hands work to an executor and nothing waits for its result: the handler can return first, and Lambda freezes the container with the work half done. Use `with ThreadPoolExecutor() as ex:` (it waits on exit) or call `.result()` on each future.',
    },
    related: {},
  },
  create(context) {
    return {
      handler(handler) {
        for (const w of handler.backgroundWork) context.report({ at: w.loc, messageId: MESSAGE_IDS[w.kind], data: { detail: w.detail } });
      },
    };
  },
});
