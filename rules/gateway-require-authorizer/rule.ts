import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';

export default defineRule({
  id: 'gateway-require-authorizer',
  meta: {
    description: 'An API Gateway route (REST, HTTP or WebSocket $connect) is reachable without authentication: no authorizer on the route and no default on its API.',
    severity: 'error',
    cwe: ['CWE-306'],
    securitySeverity: 7.5,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      none: '{{route}} is reachable by anyone on the internet: it has no authorizer and its API sets no default{{when}}. Add an authorizer (Cognito, JWT, Lambda or AWS_IAM), or a DefaultAuthorizer on the API.',
      apiKeyOnly:
        '{{route}} requires only an API key{{when}}: API keys identify callers for throttling but do not authenticate them (they travel in clear headers and are often shared). Add an authorizer (Cognito, JWT, Lambda or AWS_IAM).',
    },
    related: { checkov: ['CKV_AWS_59', 'CKV_AWS_309'], cfn_nag: ['W45', 'W59'], 'cdk-nag': ['AwsSolutions-APIG4'] },
  },
  create(context) {
    return {
      endpoint(endpoint) {
        if (endpoint.auth.type !== 'none') return;
        // A private API is not on the internet: its resource policy decides which VPC endpoints reach it.
        if (endpoint.privateApi) return;
        // CORS preflight requests carry no credentials by design.
        if (endpoint.method === 'OPTIONS') return;
        // Only $connect authenticates a WebSocket connection; later routes ride on it.
        if (endpoint.kind === 'websocket' && endpoint.path !== '$connect') return;
        const route = endpoint.kind === 'websocket' ? `WebSocket route ${endpoint.path}` : `${endpoint.method ?? 'ANY'} ${endpoint.path}`;
        context.report({
          at: endpoint.location,
          messageId: endpoint.auth.apiKeyRequired ? 'apiKeyOnly' : 'none',
          data: { route, when: describeGuards(endpoint.auth.when) },
        });
      },
    };
  },
});
