import type { ResourcePolicy, ResourcePolicyKind } from '../../model.js';
import { listItems } from '../branches.js';
import { idOf } from '../ids.js';
import { parsePolicyDocument, parseStatements } from '../policy.js';
import { get, getPath, isMap, pairOf, str, type MapNode, type Node, type Pair } from '../tree.js';
import type { LoadedResource, TemplateScope } from './scope.js';
import { ownTable } from '../../own.js';

/** Resource types whose property holds a resource-based policy document (an object, or a JSON string). */
const POLICY_DOCUMENTS: Readonly<Record<string, { readonly kind: ResourcePolicyKind; readonly path: readonly string[] }>> = ownTable({
  'AWS::S3::BucketPolicy': { kind: 's3-bucket', path: ['PolicyDocument'] },
  'AWS::S3::AccessPoint': { kind: 's3-access-point', path: ['Policy'] },
  'AWS::SQS::QueuePolicy': { kind: 'sqs-queue', path: ['PolicyDocument'] },
  'AWS::SQS::QueueInlinePolicy': { kind: 'sqs-queue', path: ['PolicyDocument'] },
  'AWS::SNS::TopicPolicy': { kind: 'sns-topic', path: ['PolicyDocument'] },
  'AWS::SNS::TopicInlinePolicy': { kind: 'sns-topic', path: ['PolicyDocument'] },
  'AWS::OpenSearchService::Domain': { kind: 'opensearch-domain', path: ['AccessPolicies'] },
  'AWS::Elasticsearch::Domain': { kind: 'opensearch-domain', path: ['AccessPolicies'] },
  'AWS::KMS::Key': { kind: 'kms-key', path: ['KeyPolicy'] },
  'AWS::KMS::ReplicaKey': { kind: 'kms-key', path: ['KeyPolicy'] },
  'AWS::SecretsManager::ResourcePolicy': { kind: 'secret', path: ['ResourcePolicy'] },
  'AWS::ECR::Repository': { kind: 'ecr-repository', path: ['RepositoryPolicyText'] },
  'AWS::Events::EventBus': { kind: 'event-bus', path: ['Policy'] },
  'AWS::ApiGateway::RestApi': { kind: 'rest-api', path: ['Policy'] },
  'AWS::Serverless::Api': { kind: 'rest-api', path: ['Auth', 'ResourcePolicy', 'CustomStatements'] },
  'AWS::Logs::Destination': { kind: 'log-destination', path: ['DestinationPolicy'] },
});

/** Whether a resource of this type carries a resource policy. */
export function hasResourcePolicy(type: string): boolean {
  return type in POLICY_DOCUMENTS || type === 'AWS::Lambda::LayerVersionPermission' || type === 'AWS::Events::EventBusPolicy';
}

/** The resource policy a resource carries, if it has one. */
export function loadResourcePolicy(scope: TemplateScope, r: LoadedResource): ResourcePolicy | undefined {
  const id = idOf(scope.input, r.id);
  const documented = POLICY_DOCUMENTS[r.type];
  if (documented) {
    const value = getPath(r.props, ...documented.path);
    if (value === undefined) return undefined;
    // SAM's `CustomStatements` is a statement list, not a document.
    const statements = r.type === 'AWS::Serverless::Api' ? parseStatements(value, { kind: 'inline' }) : parsePolicyDocument(value, { kind: 'inline' });
    const reach = reachOf(r);
    return { id, kind: documented.kind, statements, ...(reach ? { reach } : {}), location: r.keyLoc };
  }
  if (r.type === 'AWS::Lambda::LayerVersionPermission') {
    return { id, kind: 'lambda-layer', statements: parseStatements(grantStatement(r, 'OrganizationId'), { kind: 'inline' }), location: r.keyLoc };
  }
  if (r.type === 'AWS::Events::EventBusPolicy') {
    const statement = get(r.props, 'Statement');
    const statements = statement ? parseStatements(statement, { kind: 'inline' }) : parseStatements(grantStatement(r, undefined), { kind: 'inline' });
    return { id, kind: 'event-bus', statements, location: r.keyLoc };
  }
  return undefined;
}

/** A domain in a VPC, or a `PRIVATE` REST API: only reachable from inside a VPC. */
function reachOf(r: LoadedResource): 'vpc' | undefined {
  if (r.type === 'AWS::OpenSearchService::Domain' || r.type === 'AWS::Elasticsearch::Domain') return get(r.props, 'VPCOptions') ? 'vpc' : undefined;
  if (r.type === 'AWS::ApiGateway::RestApi' || r.type === 'AWS::Serverless::Api') {
    const types = getPath(r.props, 'EndpointConfiguration', 'Types') ?? get(r.props, 'EndpointConfiguration');
    const type = getPath(r.props, 'EndpointConfiguration', 'Type');
    const all = [...listItems(types), ...listItems(type)].map((b) => str(b.node)?.toUpperCase());
    return all.includes('PRIVATE') ? 'vpc' : undefined;
  }
  return undefined;
}

/**
 * One grant written as properties (`Action`, `Principal` and an organisation) rather than a policy:
 * `AWS::Lambda::LayerVersionPermission`, the short form of `AWS::Events::EventBusPolicy`. Read as
 * the statement it stands for, each part at the line it is written on.
 */
function grantStatement(r: LoadedResource, orgKey: string | undefined): MapNode {
  const loc = r.keyLoc;
  const entries: Pair[] = [{ key: 'Effect', keyLoc: loc, value: { kind: 'scalar', value: 'Allow', loc } }];
  for (const key of ['Action', 'Principal']) {
    const pair = pairOf(r.props, key);
    if (pair) entries.push(pair);
  }
  const org = orgKey ? pairOf(r.props, orgKey) : undefined;
  const eventCondition = get(r.props, 'Condition');
  const condition = org ? conditionNode(org.keyLoc, 'StringEquals', 'aws:PrincipalOrgID', org.value) : eventBusCondition(eventCondition);
  if (condition) entries.push({ key: 'Condition', keyLoc: condition.loc, value: condition });
  return { kind: 'map', entries, loc: r.raw.loc };
}

/** `{Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-…}` as the condition block it means. */
function eventBusCondition(node: Node | undefined): MapNode | undefined {
  if (!isMap(node)) return undefined;
  const operator = str(get(node, 'Type')) ?? 'StringEquals';
  const key = str(get(node, 'Key'));
  const value = get(node, 'Value');
  return key && value ? conditionNode(node.loc, operator, key, value) : { kind: 'map', entries: [], loc: node.loc };
}

function conditionNode(loc: MapNode['loc'], operator: string, key: string, value: Node): MapNode {
  return { kind: 'map', loc, entries: [{ key: operator, keyLoc: loc, value: { kind: 'map', loc, entries: [{ key, keyLoc: loc, value }] } }] };
}
