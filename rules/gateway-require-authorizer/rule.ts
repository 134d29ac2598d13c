import { defineRule } from '../../src/engine/rule.js';
import { forFormat } from '../../src/engine/formats.js';
import { describeGuards } from '../../src/engine/guards.js';
import type { AuthType, Endpoint } from '../../src/model.js';

const MODE_NAMES: Partial<Record<AuthType, string>> = { iam: 'AWS_IAM', cognito: 'Cognito user pools', jwt: 'OIDC', lambda: 'a Lambda authorizer' };

/** How to add an authorizer, in the syntax of the file the route is written in. */
const ADD_AUTHORIZER = {
  serverless: 'Add an `authorizer` to the event (a Cognito or JWT authorizer, a Lambda authorizer, or `aws_iam`)',
  sam: "Add an authorizer (Cognito, JWT, Lambda or AWS_IAM) to the event's `Auth`, or `Auth.DefaultAuthorizer` on the API",
  cloudformation: 'Set an authorizer on the method or route (`AuthorizationType` COGNITO_USER_POOLS, CUSTOM, JWT or AWS_IAM)',
} as const;
/** A route written in an OpenAPI document of its own. */
const ADD_SECURITY = 'Add a `security` requirement naming an authorizer (Cognito, JWT, Lambda or AWS_IAM) to the operation, or to the whole document';

export default defineRule({
  id: 'gateway-require-authorizer',
  meta: {
    description:
      'An API Gateway route (REST, HTTP, WebSocket $connect, or an OpenAPI operation) is reachable without authentication, or an AppSync GraphQL API authenticates by default with an API key only.',
    severity: 'error',
    cwe: ['CWE-306'],
    securitySeverity: 7.5,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      none: '{{route}} is reachable by anyone on the internet: it has no authorizer and its API sets no default{{when}}. {{fix}}.',
      apiKeyOnly:
        '{{route}} requires only an API key{{when}}: API keys identify callers for throttling but do not authenticate them (they travel in clear headers and are often shared). {{fix}}.',
      graphqlApiKey:
        'GraphQL API {{route}} uses an API key as its default authorization mode{{when}}: an API key is not authentication — it ships inside the client app and identifies the app, not the user, so every field without its own directive is open to anyone who reads it. Make AWS_IAM, Cognito user pools, OIDC or a Lambda authorizer the default{{additional}}.',
    },
    related: { checkov: ['CKV_AWS_59', 'CKV_AWS_309'], cfn_nag: ['W45', 'W59'], 'cdk-nag': ['AwsSolutions-APIG4'] },
  },
  create(context) {
    const fixFor = (endpoint: Endpoint) => (endpoint.fromOpenApi ? ADD_SECURITY : forFormat(context.project, endpoint.location.file, ADD_AUTHORIZER));
    return {
      endpoint(endpoint) {
        if (endpoint.auth.type !== 'none') return;
        // A private API is not on the internet: its resource policy decides which VPC endpoints reach it.
        if (endpoint.privateApi) return;
        // CORS preflight requests carry no credentials by design.
        if (endpoint.method === 'OPTIONS') return;
        // Only $connect authenticates a WebSocket connection; later routes ride on it.
        if (endpoint.kind === 'websocket' && endpoint.path !== '$connect') return;
        if (endpoint.kind === 'graphql') {
          const additional = (endpoint.additionalAuth ?? []).map((a) => MODE_NAMES[a.type]).filter((n) => n !== undefined);
          context.report({
            at: endpoint.location,
            messageId: 'graphqlApiKey',
            data: {
              route: endpoint.path,
              when: describeGuards(endpoint.auth.when),
              additional: additional.length > 0 ? ` (the API already accepts ${[...new Set(additional)].join(', ')} as additional modes)` : '',
            },
          });
          return;
        }
        const route = endpoint.kind === 'websocket' ? `WebSocket route ${endpoint.path}` : `${endpoint.method ?? 'ANY'} ${endpoint.path}`;
        context.report({
          at: endpoint.location,
          messageId: endpoint.auth.apiKeyRequired ? 'apiKeyOnly' : 'none',
          data: { route, when: describeGuards(endpoint.auth.when), fix: fixFor(endpoint) },
        });
      },
    };
  },
});
