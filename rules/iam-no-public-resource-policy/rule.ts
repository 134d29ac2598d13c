import type { ResourcePolicy, ResourcePolicyKind } from '../../src/model.js';
import { defineRule } from '../../src/engine/rule.js';
import { describeGuards } from '../../src/engine/guards.js';
import { fencedByDeny, hasNarrowingCondition, publicPrincipalEntries } from '../../src/iam/statements.js';

const KIND_NAMES: Readonly<Record<ResourcePolicyKind, string>> = {
  's3-bucket': 'bucket policy',
  's3-access-point': 'access point policy',
  'sqs-queue': 'queue policy',
  'sns-topic': 'topic policy',
  'opensearch-domain': 'OpenSearch domain access policy',
  'kms-key': 'key policy',
  secret: 'secret resource policy',
  'ecr-repository': 'repository policy',
  'event-bus': 'event bus policy',
  'rest-api': 'private API policy',
  'lambda-layer': 'layer version permission',
  'log-destination': 'log destination policy',
  other: 'resource policy',
};

/**
 * Where `*` is not public: a public REST API is open to anyone whatever its policy says (its
 * authorizers decide, see gateway-require-authorizer), and a domain inside a VPC is reached only
 * through the VPC's network controls, where AWS documents an open access policy.
 */
function openByDesign(policy: ResourcePolicy): boolean {
  return (policy.kind === 'rest-api' && policy.reach !== 'vpc') || (policy.kind === 'opensearch-domain' && policy.reach === 'vpc');
}

export default defineRule({
  id: 'iam-no-public-resource-policy',
  meta: {
    description:
      'A resource policy (S3 bucket or access point, SQS queue, SNS topic, KMS key, secret, OpenSearch domain, ECR repository, event bus, private API, Lambda layer or permission) allows any principal without a narrowing condition.',
    severity: 'error',
    cwe: ['CWE-284', 'CWE-732'],
    securitySeverity: 8.5,
    precision: 'high',
    appliesTo: ['serverless', 'sam', 'cloudformation'],
    messages: {
      policy:
        'This {{kind}} allows Principal "*" ({{actions}}){{when}}: {{who}} can call it. Name the principals, or add a condition on aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.',
      privateApi:
        'This private API policy allows Principal "*" ({{actions}}){{when}}: a VPC endpoint of any AWS account can reach and invoke the API. Add a condition on aws:SourceVpce (your endpoints) or aws:SourceVpc.',
      permission:
        'This Lambda permission lets any principal ("*") invoke the function{{when}}. Name the principal (a service or account) and set SourceArn/SourceAccount, or PrincipalOrgID.',
    },
    related: { checkov: ['CKV_AWS_70', 'CKV_AWS_72', 'CKV_AWS_168', 'CKV_AWS_169'], cfn_nag: ['F16', 'F20', 'F18', 'W14'] },
  },
  create(context) {
    return {
      resourcePolicy(policy) {
        if (openByDesign(policy)) return;
        for (const s of policy.statements) {
          if (s.effect !== 'Allow' || hasNarrowingCondition(s) || fencedByDeny(policy.statements, s)) continue;
          const open = publicPrincipalEntries(s.principal);
          if (open.length === 0) continue;
          const actions = (s.actions?.entries ?? []).map((e) => e.text).slice(0, 3).join(', ') || 'NotAction';
          const who =
            policy.kind === 'opensearch-domain'
              ? 'anyone who can reach its endpoint, with unsigned requests too,'
              : policy.kind === 'lambda-layer'
                ? 'anyone with an AWS account (to download its code and use it)'
                : 'anyone with an AWS account';
          context.report({
            at: s.principal!.keyLoc,
            messageId: policy.kind === 'rest-api' ? 'privateApi' : 'policy',
            data: { kind: KIND_NAMES[policy.kind], actions, who, when: describeGuards(open[0]!.when) },
          });
        }
      },
      permission(permission) {
        const principal = permission.principal;
        if (principal?.value?.trim() !== '*') return;
        if (permission.sourceArn || permission.sourceAccount || permission.principalOrgId) return;
        context.report({ at: principal.loc, messageId: 'permission', data: { when: describeGuards(principal.when) } });
      },
    };
  },
});
