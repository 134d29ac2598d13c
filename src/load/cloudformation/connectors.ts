import type { Location } from '../../location.js';
import type { Entry, Role, Statement } from '../../model.js';
import { listItems } from '../branches.js';
import { get, isMap, pairOf, str, type Node } from '../tree.js';
import { append } from '../../arrays.js';
import { ownTable } from '../../own.js';

/**
 * `AWS::Serverless::Connector` (and a resource's embedded `Connectors`): SAM turns each into IAM
 * statements on the source function's role. Their actions, per destination type and permission,
 * are those of the SAM connector reference; a destination type it does not list grants unknown
 * actions, so the role's grants become unknown rather than guessed.
 */
const CONNECTOR_ACTIONS: Readonly<Record<string, { readonly Read?: readonly string[]; readonly Write?: readonly string[] }>> = ownTable({
  'AWS::DynamoDB::Table': {
    Read: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:PartiQLSelect'],
    Write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate'],
  },
  'AWS::Serverless::SimpleTable': {
    Read: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:PartiQLSelect'],
    Write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate'],
  },
  'AWS::S3::Bucket': {
    Read: [
      's3:GetObject', 's3:GetObjectAcl', 's3:GetObjectLegalHold', 's3:GetObjectRetention', 's3:GetObjectTorrent', 's3:GetObjectVersion',
      's3:GetObjectVersionAcl', 's3:GetObjectVersionForReplication', 's3:GetObjectVersionTorrent', 's3:ListBucket',
      's3:ListBucketMultipartUploads', 's3:ListBucketVersions', 's3:ListMultipartUploadParts',
    ],
    Write: ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObject', 's3:PutObjectLegalHold', 's3:PutObjectRetention', 's3:RestoreObject'],
  },
  'AWS::SQS::Queue': {
    Read: ['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'],
    Write: ['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'],
  },
  'AWS::SNS::Topic': { Write: ['sns:Publish'] },
  'AWS::Events::EventBus': { Write: ['events:PutEvents'] },
  'AWS::Lambda::Function': { Write: ['lambda:InvokeAsync', 'lambda:InvokeFunction'] },
  'AWS::Serverless::Function': { Write: ['lambda:InvokeAsync', 'lambda:InvokeFunction'] },
  'AWS::StepFunctions::StateMachine': {
    Read: ['states:DescribeStateMachine', 'states:ListExecutions', 'states:DescribeExecution', 'states:GetExecutionHistory'],
    Write: ['states:StartExecution', 'states:StartSyncExecution', 'states:StopExecution'],
  },
  'AWS::Serverless::StateMachine': {
    Read: ['states:DescribeStateMachine', 'states:ListExecutions', 'states:DescribeExecution', 'states:GetExecutionHistory'],
    Write: ['states:StartExecution', 'states:StartSyncExecution', 'states:StopExecution'],
  },
  'AWS::Location::PlaceIndex': { Read: ['geo:DescribePlaceIndex', 'geo:GetPlace', 'geo:SearchPlaceIndexForPosition', 'geo:SearchPlaceIndexForSuggestions', 'geo:SearchPlaceIndexForText'] },
});

interface TemplateResource {
  readonly id: string;
  readonly type: string;
  readonly typeLoc: Location;
  readonly props: Node | undefined;
  readonly raw: Node;
}

export interface ConnectorGrant {
  /** Logical id of the source function. */
  readonly source: string;
  readonly statement: Statement;
}

function entry(value: string | undefined, text: string, loc: Location, ref?: string): Entry {
  return { value, text, loc, when: [], ...(ref ? { ref: { kind: 'resource', name: ref, attribute: 'Arn' } } : {}) };
}

function referencedId(node: Node | undefined): string | undefined {
  return str(get(node, 'Id'));
}

/** One connector: what it grants its source function, statement by destination. */
function connectorGrants(name: string, source: string | undefined, props: Node | undefined, at: Location, resources: ReadonlyMap<string, TemplateResource>): ConnectorGrant[] {
  if (!source) return [];
  const permissions = listItems(get(props, 'Permissions')).map((b) => str(b.node)).filter((p): p is 'Read' | 'Write' => p === 'Read' || p === 'Write');
  const destinationNode = get(props, 'Destination');
  const destinations = destinationNode?.kind === 'seq' ? listItems(destinationNode).map((b) => b.node) : destinationNode ? [destinationNode] : [];
  const out: ConnectorGrant[] = [];
  for (const d of destinations) {
    const id = referencedId(d);
    const type = (id ? resources.get(id)?.type : undefined) ?? str(get(d, 'Type')) ?? '';
    const table = CONNECTOR_ACTIONS[type];
    // An unknown destination type: SAM grants actions faaslint does not know, so say the grant is unknown.
    const actions = table ? permissions.flatMap((p) => table[p] ?? []) : [];
    const loc = d.loc ?? at;
    out.push({
      source,
      statement: {
        effect: table ? 'Allow' : undefined,
        actions: { keyLoc: at, entries: actions.map((a) => entry(a, a, at)) },
        resources: { keyLoc: loc, entries: [entry(undefined, id ?? str(get(d, 'Arn')) ?? 'destination', loc, id)] },
        origin: { kind: 'connector', name },
        when: [],
        location: at,
      },
    });
  }
  return out;
}

/** Every connector of a template: standalone resources, and the `Connectors` embedded in a resource. */
export function templateConnectors(resources: ReadonlyMap<string, TemplateResource>): ConnectorGrant[] {
  const out: ConnectorGrant[] = [];
  for (const r of resources.values()) {
    if (r.type === 'AWS::Serverless::Connector') append(out, connectorGrants(r.id, referencedId(get(r.props, 'Source')), r.props, r.typeLoc, resources));
    const embedded = get(r.raw, 'Connectors');
    if (isMap(embedded)) {
      for (const c of embedded.entries) append(out, connectorGrants(c.key, r.id, get(c.value, 'Properties'), pairOf(embedded, c.key)?.keyLoc ?? r.typeLoc, resources));
    }
  }
  return out;
}

/** The role with its connectors' statements added. */
export function withConnectorStatements(role: Role, grants: readonly ConnectorGrant[]): Role {
  return grants.length === 0 ? role : { ...role, statements: [...role.statements, ...grants.map((g) => g.statement)] };
}
