import { defineRule } from '../../src/engine/rule.js';
import { forFormat } from '../../src/engine/formats.js';
import { describeGuards } from '../../src/engine/guards.js';

/** Requiring signed requests, in the syntax of the file the URL is configured in. */
const USE_IAM = {
  serverless: 'Use `url: {authorizer: aws_iam}`',
  sam: 'Use `FunctionUrlConfig: {AuthType: AWS_IAM}`',
  cloudformation: 'Use `AuthType: AWS_IAM` on the `AWS::Lambda::Url`',
} as const;

export default defineRule({
  id: 'gateway-no-public-function-url',
  meta: {
    description: 'A Lambda function URL uses AuthType NONE: anyone who learns the URL can invoke the function.',
    severity: 'error',
    cwe: ['CWE-306'],
    securitySeverity: 7.5,
    precision: 'very-high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      public:
        'Function URL of {{fn}} has AuthType NONE{{when}}: anyone who finds the URL can invoke the function, with no authorizer, throttling or WAF in front. {{fix}}, or put the function behind API Gateway with an authorizer.',
    },
    related: { checkov: ['CKV_AWS_258'], 'cdk-nag': ['AwsSolutions-L1'] },
  },
  create(context) {
    return {
      function(fn) {
        for (const auth of fn.url?.authTypes ?? []) {
          if (auth.value?.toUpperCase() !== 'NONE') continue;
          context.report({ at: auth.loc, messageId: 'public', data: { fn: fn.name, when: describeGuards(auth.when), fix: forFormat(context.project, auth.loc.file, USE_IAM) } });
        }
      },
    };
  },
});
