import type { Cors } from '../../src/model.js';
import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';

type MessageId = 'any' | 'credentials' | 'handlerAny' | 'handlerReflected';

function check(context: RuleContext<MessageId>, cors: Cors | undefined, where: string): void {
  for (const origin of cors?.origins ?? []) {
    if (origin.value?.trim() !== '*') continue;
    const credentials = cors!.allowCredentials === true;
    context.report({
      at: origin.loc,
      messageId: credentials ? 'credentials' : 'any',
      severity: credentials ? 'error' : 'warning',
      data: { where, when: describeGuards(origin.when) },
    });
  }
}

export default defineRule({
  id: 'gateway-no-wildcard-cors',
  meta: {
    description: 'CORS allows any origin ("*") on an API or function URL, or a handler answers every origin with credentials.',
    severity: 'warning',
    cwe: ['CWE-942'],
    securitySeverity: 5.0,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation', 'handler'],
    messages: {
      any: 'CORS on {{where}} allows any origin ("*"){{when}}: every website can call it from its visitors\' browsers. List the origins of your own front ends.',
      credentials:
        'CORS on {{where}} allows any origin ("*") together with credentials{{when}}: any website can make authenticated calls with its visitors\' cookies or tokens. List the origins of your own front ends.',
      handlerAny:
        'The handler answers Access-Control-Allow-Origin "*" together with Access-Control-Allow-Credentials: true ({{detail}}): it means to let every website make authenticated calls with its visitors\' cookies or tokens (browsers refuse "*" there, and the usual workaround, echoing the Origin, does exactly that). Answer with the origins of your own front ends.',
      handlerReflected:
        'The handler answers with the request\'s own Origin and Access-Control-Allow-Credentials: true ({{detail}}): any website can make authenticated calls with its visitors\' cookies or tokens and read the answers. Echo the Origin only when it is in a list of your own front ends.',
    },
    related: { checkov: ['CKV_AWS_313'] },
  },
  create(context) {
    return {
      api(api) {
        check(context, api.cors, `the ${api.kind === 'http' ? 'HTTP API' : api.kind === 'websocket' ? 'WebSocket API' : 'REST API'}`);
      },
      endpoint(endpoint) {
        check(context, endpoint.cors, `${endpoint.method ?? 'ANY'} ${endpoint.path}`);
      },
      function(fn) {
        check(context, fn.url?.cors, `the function URL of ${fn.name}`);
      },
      // A handler's own `*` without credentials is left alone: the configuration in front of it is where CORS is reviewed.
      handler(handler) {
        for (const c of handler.credentialedCors) {
          context.report({ at: c.loc, messageId: c.origin === 'any' ? 'handlerAny' : 'handlerReflected', severity: 'error', data: { detail: c.detail } });
        }
      },
    };
  },
});
