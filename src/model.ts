import type { DiagnosticCode } from './diagnostics.js';
import type { Location } from './location.js';

/**
 * The provider-neutral model: the only thing rules see. Loaders for serverless.yml, SAM and
 * CloudFormation all fill these shapes; every node keeps the location the user wrote it at.
 */

export type Severity = 'error' | 'warning' | 'note';
export type InputKind = 'serverless' | 'sam' | 'cloudformation';

export interface Input {
  /** Path relative to the project root, with forward slashes. */
  readonly file: string;
  readonly kind: InputKind;
  /** Other files its configuration is written in (`${file()}` includes, modules a serverless.ts imports), project-relative. */
  readonly parts?: readonly string[];
}

/** A problem with the input itself (unparsable file, refused include, unresolvable variable). */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly location: Location;
}

/** An `Fn::If` branch a value depends on: `{condition: 'IsProd', value: true}` means "when IsProd holds". */
export interface Guard {
  readonly condition: string;
  readonly value: boolean;
}

/** What a value the loaders could not resolve points at in the same template: `!Ref Table` → resource Table, `!GetAtt Q.Arn` → resource Q, attribute Arn. */
export interface Reference {
  readonly kind: 'resource' | 'parameter' | 'pseudo';
  readonly name: string;
  readonly attribute?: string;
}

/**
 * One resolved value as the model holds it: a setting, one entry of a list (an action, a resource,
 * an origin), one `Fn::If` alternative of an environment variable. Its text if known, where it is,
 * and under which conditions it applies. A value the loaders could not know statically (`${ssm:…}`,
 * `!ImportValue`, a parameter without default) has no `value`: only its source `text`.
 */
export interface Entry {
  /** The resolved text; undefined when the loaders could not resolve it (or it is null, a list or a map). */
  readonly value: string | undefined;
  /** How to show it to a user (the resolved value, or the unresolved source text). */
  readonly text: string;
  readonly loc: Location;
  /** The `Fn::If` branches it rests on, including those of the statement or list that holds it. */
  readonly when: readonly Guard[];
  /** Written as a number or a boolean rather than a string (`value` holds its text). */
  readonly scalarType?: 'number' | 'boolean';
  /** The Serverless variable or CloudFormation parameter the value was resolved through: `${self:custom.rt}`, `default of parameter Rt`. */
  readonly via?: string;
  /** The value is a default the user did not set: a CloudFormation parameter's `Default`, the fallback of `${opt:rt, 'nodejs12.x'}`. */
  readonly fromDefault?: boolean;
  /** For an unresolved value: why it is unknown (`NoEcho parameter`, `value exported by another stack`). */
  readonly reason?: string;
  /** For an unresolved value: what in the same template it refers to. */
  readonly ref?: Reference;
}

export interface ListField {
  /** The key line (`Action:`, `NotResource:`). */
  readonly keyLoc: Location;
  readonly entries: readonly Entry[];
}

export type PrincipalType = 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';

export interface Principal {
  readonly keyLoc: Location;
  readonly entries: readonly (Entry & { readonly type: PrincipalType })[];
}

export type StatementOrigin =
  | { readonly kind: 'inline' }
  | { readonly kind: 'policy-template'; readonly name: string }
  | { readonly kind: 'managed-policy'; readonly name: string }
  /** SAM `AWS::Serverless::Connector` (or embedded `Connectors`): the template grants it on the function's behalf. */
  | { readonly kind: 'connector'; readonly name: string };

export interface Statement {
  readonly effect: 'Allow' | 'Deny' | undefined;
  readonly sid?: string;
  readonly actions?: ListField;
  readonly notActions?: ListField;
  readonly resources?: ListField;
  readonly notResources?: ListField;
  readonly principal?: Principal;
  readonly notPrincipal?: Principal;
  /** The `Condition` block, if any (also when its tests could not be read: then it still narrows the statement). */
  readonly condition?: Condition;
  readonly origin: StatementOrigin;
  readonly when: readonly Guard[];
  readonly location: Location;
}

/** One test of a `Condition` block: `StringEquals: {aws:SourceAccount: "123"}` → operator StringEquals, key aws:SourceAccount. */
export interface ConditionTest {
  readonly operator: string;
  readonly key: string;
  readonly keyLoc: Location;
  readonly values: readonly Entry[];
}

export interface Condition {
  readonly loc: Location;
  /** The tests read from it; empty when the block is not a map of operators (an unresolved or conditional value). */
  readonly tests: readonly ConditionTest[];
}

export interface ManagedPolicyRef {
  /** The ARN or SAM policy name, when known. */
  readonly value: string | undefined;
  readonly text: string;
  readonly loc: Location;
  readonly when: readonly Guard[];
}

export type RoleKind =
  | 'serverless-provider'
  | 'serverless-function'
  | 'sam-function'
  | 'cloudformation'
  /** A role defined outside what we read (an ARN, an import): its grants are unknown. */
  | 'external'
  /** A policy attached to no role of the template (users, groups, roles elsewhere): its statements still count. */
  | 'policy';

export interface Role {
  readonly id: string;
  readonly name: string;
  readonly kind: RoleKind;
  readonly statements: readonly Statement[];
  readonly managedPolicies: readonly ManagedPolicyRef[];
  readonly trust: readonly Statement[];
  /** Ids of the functions that run with this role. */
  readonly usedBy: readonly string[];
  /** The template's Outputs give the role out: functions elsewhere may run with it too. */
  readonly exported?: boolean;
  readonly location: Location;
}

export type ResourcePolicyKind =
  | 's3-bucket'
  | 's3-access-point'
  | 'sqs-queue'
  | 'sns-topic'
  | 'opensearch-domain'
  | 'kms-key'
  | 'secret'
  | 'ecr-repository'
  | 'event-bus'
  | 'rest-api'
  | 'lambda-layer'
  | 'log-destination'
  | 'other';

/** A resource-based policy: who may do what with one resource (a bucket, a queue, a key, a domain, an API). */
export interface ResourcePolicy {
  readonly id: string;
  readonly kind: ResourcePolicyKind;
  readonly statements: readonly Statement[];
  /** Reachable only from inside a VPC (an OpenSearch domain with `VPCOptions`, a `PRIVATE` REST API), not from the internet. */
  readonly reach?: 'vpc';
  readonly location: Location;
}

/** `AWS::Lambda::Permission`: a resource-based grant on one function. */
export interface LambdaPermission {
  readonly id: string;
  readonly action: Entry | undefined;
  readonly principal: Entry | undefined;
  readonly sourceArn?: Entry;
  readonly sourceAccount?: Entry;
  readonly principalOrgId?: Entry;
  readonly functionUrlAuthType?: Entry;
  readonly targetFn?: string;
  readonly location: Location;
}

export type AuthType = 'none' | 'iam' | 'cognito' | 'jwt' | 'lambda' | 'unknown';

export interface Auth {
  readonly type: AuthType;
  /** Where the effective auth comes from: set on the route, an API default, or nothing. */
  readonly source: 'route' | 'api-default' | 'none';
  readonly apiKeyRequired: boolean;
  readonly when: readonly Guard[];
}

export interface Cors {
  readonly origins: readonly Entry[];
  /** `true`, `false`, or undefined when not set or unknown. */
  readonly allowCredentials: boolean | undefined;
  readonly loc: Location;
}

/** API Gateway REST, HTTP and WebSocket APIs; `graphql` is an AppSync GraphQL API as a whole. */
export type EndpointKind = 'rest' | 'http' | 'websocket' | 'graphql';

export interface Endpoint {
  readonly id: string;
  readonly kind: EndpointKind;
  /** Upper-case HTTP method, `ANY`, or undefined for WebSocket routes. */
  readonly method: string | undefined;
  /** The path, the WebSocket route key (`$connect`), or the GraphQL API's name. */
  readonly path: string;
  /** The authentication callers meet by default (for AppSync: the API's default authorization mode). */
  readonly auth: Auth;
  /** AppSync additional authorization modes: fields may require one of them instead of the default. */
  readonly additionalAuth?: readonly Auth[];
  readonly cors?: Cors;
  readonly targetFn?: string;
  /** On a private REST API: reachable only through the VPC endpoints its resource policy allows, not from the internet. */
  readonly privateApi?: boolean;
  /** An operation of an OpenAPI definition (its security is set there, not in the config's events). */
  readonly fromOpenApi?: true;
  readonly location: Location;
}

/** An API as a whole: where API-level settings (CORS, default authorizer) are written. */
export interface Api {
  readonly id: string;
  readonly kind: EndpointKind;
  readonly cors?: Cors;
  readonly location: Location;
}

export interface FunctionUrl {
  /** `AWS_IAM` or `NONE`; one entry per `Fn::If` branch. */
  readonly authTypes: readonly Entry[];
  readonly cors?: Cors;
  readonly location: Location;
}

export interface EnvVar {
  readonly name: string;
  /** Its value; one entry per `Fn::If` branch. */
  readonly values: readonly Entry[];
  readonly keyLoc: Location;
  /** Where it is set: on the function, or inherited from `provider` / SAM `Globals`. */
  readonly scope: 'function' | 'provider' | 'globals';
}

export interface Setting {
  /** The value; one entry per `Fn::If` branch. */
  readonly values: readonly Entry[];
  readonly scope: 'function' | 'provider' | 'globals';
}

export interface HandlerRef {
  /** As written: `src/users.create`, `app.lambdaHandler`. */
  readonly handler: string;
  /** Directory the handler path is relative to (SAM `CodeUri`, CloudFormation local `Code`), project-relative. */
  readonly codeDir: string;
  /** The function's code written into the config (SAM `InlineCode`, CloudFormation `Code.ZipFile`). */
  readonly inlineCode?: Entry;
  /** SAM esbuild `Metadata.BuildProperties.EntryPoints`: the source files the bundle is built from. */
  readonly entryPoints?: readonly string[];
  /** Folders (project-relative) of Lambda layers in the repository that the function uses: Python imports resolve there too. */
  readonly layerDirs?: readonly string[];
  readonly loc: Location;
}

/** A write to module-scope state from code a handler runs. */
export interface ModuleStateWrite {
  /** The variable, or the global object's property as written (`globalThis.cache`). */
  readonly variable: string;
  /** Where the variable is declared; absent for a property of the global object, which has no declaration. */
  readonly declaredAt?: Location;
  readonly loc: Location;
  readonly kind: 'assign' | 'update' | 'member-write' | 'delete' | 'method-call';
  /** The "initialise once" pattern AWS recommends (`client ??= new X()`, `if (!client) client = …`). */
  readonly lazyInit: boolean;
  /** The stored value (or key) is derived from the handler's event. */
  readonly eventDerived: boolean;
  /** Inside the callback of a module-scope timer rather than code the handler calls. */
  readonly inTimerCallback: boolean;
}

export interface TmpWrite {
  readonly loc: Location;
  /** The path as written in the source. */
  readonly path: string;
  /** The same invocation removes the file (or its mkdtemp folder). */
  readonly removed: boolean;
  readonly eventDerived: boolean;
}

export interface BackgroundWork {
  readonly loc: Location;
  readonly kind:
    | 'module-timer'
    | 'handler-timer'
    | 'callback-waits-false'
    | 'floating-promise'
    /** Python: a thread started while the module loads. */
    | 'module-thread'
    /** Python: a thread (or Timer, Process) the handler starts and never joins. */
    | 'thread'
    /** Python: an asyncio task or gather the handler neither awaits nor keeps. */
    | 'task'
    /** Python: an executor future nothing waits for (outside a `with` block, no `shutdown()`). */
    | 'future';
  /** What was found, as source text: `setInterval(…)`, `sns.send(…)`. */
  readonly detail: string;
}

export interface HardcodedSecret {
  readonly loc: Location;
  /** The variable or property holding it, when named. */
  readonly name?: string;
  /** A credential kind (`AWS access key id`) or `secret-named literal`. */
  readonly kind: string;
}

/** `Metadata: {faaslint: {ignore: [{rule, reason}]}}` on a CloudFormation/SAM resource: findings inside it are suppressed. */
export interface ResourceSuppression {
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly rule: string;
  readonly reason: string | undefined;
  readonly loc: Location;
}

/** Where an SDK call's target comes from: a literal, or an environment variable the config sets. */
export interface SdkResource {
  /** The input parameter naming it: `TableName`, `Bucket`, `QueueUrl`, … */
  readonly param: string;
  readonly literal?: string;
  readonly envVar?: string;
}

/** An AWS SDK call a handler makes, with the IAM actions it needs. */
export interface SdkCall {
  readonly loc: Location;
  /** `service:Operation` as the API names it (`s3:ListObjectsV2`). */
  readonly operation: string;
  /** How the code makes the call, for messages: `GetObjectCommand`, `s3.getObject`, `TransactWriteCommand (Update items)`. */
  readonly detail?: string;
  /** IAM actions it needs (`s3:ListBucket`). */
  readonly actions: readonly string[];
  /**
   * Actions it may use, as its input or its outcome decides (a transaction's item kinds, a managed
   * upload's abort on failure): they count as used, and are never reported missing.
   */
  readonly mayUse?: readonly string[];
  readonly resource?: SdkResource;
  /** The client was given credentials of its own: the call does not use the function's role. */
  readonly ownCredentials?: boolean;
}

/**
 * CORS a handler answers itself that lets other websites make credentialed calls:
 * `Access-Control-Allow-Credentials: true` with an `Access-Control-Allow-Origin` of `*` (`any`) or
 * the request's own `Origin` echoed back (`reflected`).
 */
export interface CredentialedCors {
  readonly loc: Location;
  readonly origin: 'any' | 'reflected';
  /** Where it is set, for messages: `a headers object`, `setHeader()`, `@middy/http-cors options`. */
  readonly detail: string;
}

/** What the analysis of one handler (a file and an export, with the local modules it reaches) found. */
export interface HandlerFacts {
  readonly file: string;
  readonly exportName: string;
  readonly fnIds: readonly string[];
  /** False when dynamic code made part of the analysis guesswork (rules that need the whole picture skip it). */
  readonly complete: boolean;
  readonly moduleStateWrites: readonly ModuleStateWrite[];
  readonly tmpWrites: readonly TmpWrite[];
  readonly backgroundWork: readonly BackgroundWork[];
  readonly hardcodedSecrets: readonly HardcodedSecret[];
  readonly credentialedCors: readonly CredentialedCors[];
  readonly sdkCalls: readonly SdkCall[];
  /** Why the SDK calls found may not be all of them (`client[method]`, a command built at run time); empty when complete. */
  readonly sdkGaps: readonly string[];
}

/**
 * What invokes a function, or receives its results, named the same for every format. Lambda itself
 * uses the function's role to poll `sqs`, `stream`, `msk`, `kafka` and `mq` sources and to deliver
 * to a `destination` (dead-letter queue, async destination); `api` is any API Gateway route.
 */
export type EventType = 'api' | 'sqs' | 'stream' | 'msk' | 'kafka' | 'mq' | 'destination' | 'other';

export interface FunctionEvent {
  readonly type: EventType;
  /** As the config names it: `sqs` (serverless.yml), `SQS` (SAM), `AWS::Lambda::EventSourceMapping`. */
  readonly declared: string;
  readonly loc: Location;
}

export interface Fn {
  readonly id: string;
  readonly name: string;
  readonly input: Input;
  readonly runtime?: Setting;
  readonly handler?: HandlerRef;
  readonly roleId?: string;
  readonly environment: readonly EnvVar[];
  readonly url?: FunctionUrl;
  /** Deployed as a container image (`PackageType: Image`, serverless `image:`): no handler source to read. */
  readonly image?: boolean;
  readonly events: readonly FunctionEvent[];
  readonly location: Location;
}

export interface Project {
  readonly root: string;
  readonly inputs: readonly Input[];
  readonly functions: readonly Fn[];
  readonly roles: readonly Role[];
  readonly resourcePolicies: readonly ResourcePolicy[];
  readonly permissions: readonly LambdaPermission[];
  readonly endpoints: readonly Endpoint[];
  readonly apis: readonly Api[];
  readonly handlers: readonly HandlerFacts[];
  readonly suppressions: readonly ResourceSuppression[];
  readonly diagnostics: readonly Diagnostic[];
}

/** What one loader contributes, as mutable lists of the Project's own; the run merges these into a Project. */
export type ModelPart = {
  -readonly [K in Exclude<keyof Project, 'root' | 'handlers'>]: Project[K][number][];
};

export function emptyPart(): ModelPart {
  return { inputs: [], functions: [], roles: [], resourcePolicies: [], permissions: [], endpoints: [], apis: [], suppressions: [], diagnostics: [] };
}
