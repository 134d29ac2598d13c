import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-info.js';

/**
 * AWS SDK services and their operations, from the service models AWS ships in the `aws-sdk`
 * package, condensed at build time (scripts/build-sdk-index.mjs) and read lazily. One table
 * serves every SDK faaslint reads: JavaScript v2 classes, v3 packages, and boto3 clients.
 */
export interface SdkService {
  /** AWS's service id: `S3`, `Secrets Manager`, `SFN`. */
  readonly id: string;
  /** SDK for JavaScript v2 class: `AWS.SecretsManager`, `aws-sdk/clients/secretsmanager`. */
  readonly v2Class: string;
  /** SDK for JavaScript v3 package (`@aws-sdk/client-secrets-manager`); absent where v3 has none. */
  readonly v3Package?: string;
  /** SDK v3 aggregated class (`SecretsManager`); its bare client is `${v3Class}Client`. */
  readonly v3Class?: string;
  /** boto3/botocore service name: `boto3.client('secretsmanager')`. */
  readonly boto3: string;
  /** IAM action prefix; absent when the service's operations are not authorised by IAM actions. */
  readonly iamPrefix?: string;
}

export interface SdkOperation {
  readonly service: SdkService;
  /** The API's name for it: `GetSecretValue`. */
  readonly name: string;
  /**
   * The IAM actions it needs: `[]` when it needs none (unauthenticated operations), undefined
   * when no IAM action is known for it. Empty too for input-dependent operations (below).
   */
  readonly actions: readonly string[] | undefined;
  /** Input-dependent operations (a transaction's item kinds, a PartiQL verb): any of these may be needed. */
  readonly alternatives?: readonly string[];
}

interface RawService {
  readonly id: string;
  readonly v2: string;
  readonly v3?: string;
  readonly v3Class?: string;
  readonly boto: string;
  readonly iam?: string;
  readonly ops: string;
}

interface Tables {
  readonly services: readonly SdkService[];
  readonly raw: ReadonlyMap<SdkService, string>;
  readonly byV2: ReadonlyMap<string, SdkService>;
  readonly byV2Lower: ReadonlyMap<string, SdkService>;
  readonly byV3: ReadonlyMap<string, SdkService>;
  readonly byBoto3: ReadonlyMap<string, SdkService>;
}

let tables: Tables | undefined;
const operations = new Map<SdkService, ReadonlyMap<string, SdkOperation>>();

function load(): Tables {
  if (tables) return tables;
  const data = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'dist', 'sdk-services.json'), 'utf8')) as { services: RawService[] };
  const services: SdkService[] = [];
  const raw = new Map<SdkService, string>();
  for (const r of data.services) {
    const s: SdkService = {
      id: r.id,
      v2Class: r.v2,
      ...(r.v3 ? { v3Package: r.v3 } : {}),
      ...(r.v3Class ? { v3Class: r.v3Class } : {}),
      boto3: r.boto,
      ...(r.iam ? { iamPrefix: r.iam } : {}),
    };
    services.push(s);
    raw.set(s, r.ops);
  }
  tables = {
    services,
    raw,
    byV2: new Map(services.map((s) => [s.v2Class, s])),
    byV2Lower: new Map(services.map((s) => [s.v2Class.toLowerCase(), s])),
    byV3: new Map(services.filter((s) => s.v3Package).map((s) => [s.v3Package!, s])),
    byBoto3: new Map(services.map((s) => [s.boto3, s])),
  };
  return tables;
}

/** Every service of the data. */
export function sdkServices(): readonly SdkService[] {
  return load().services;
}

/** `S3`, `DynamoDB` (`new AWS.S3()`); `lowerCase` matches `aws-sdk/clients/s3` file names. */
export function sdkServiceByV2Class(name: string, lowerCase = false): SdkService | undefined {
  return lowerCase ? load().byV2Lower.get(name.toLowerCase()) : load().byV2.get(name);
}

/** `@aws-sdk/client-s3`. */
export function sdkServiceByV3Package(source: string): SdkService | undefined {
  return load().byV3.get(source);
}

/** `s3`, `stepfunctions` (`boto3.client('stepfunctions')`). */
export function sdkServiceByBoto3(name: string): SdkService | undefined {
  return load().byBoto3.get(name);
}

/** Operation names compare without case or underscores: `getObject`, `GetObject` and `get_object` are one. */
function operationKey(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

function operationsOf(service: SdkService): ReadonlyMap<string, SdkOperation> {
  let ops = operations.get(service);
  if (ops) return ops;
  const map = new Map<string, SdkOperation>();
  for (const entry of load().raw.get(service)?.split(',') ?? []) {
    const m = /^([A-Za-z0-9]+)(?:([=~])(.*)|(\?))?$/.exec(entry);
    if (!m) continue;
    const name = m[1]!;
    const list = m[3] ? m[3].split('+') : [];
    let op: SdkOperation;
    if (m[4] || !service.iamPrefix) op = { service, name, actions: undefined };
    else if (m[2] === '~') op = { service, name, actions: [], alternatives: list };
    else if (m[2] === '=') op = { service, name, actions: list };
    else op = { service, name, actions: [`${service.iamPrefix}:${name}`] };
    map.set(operationKey(name), op);
  }
  operations.set(service, map);
  ops = map;
  return ops;
}

/** An operation of a service by any spelling the SDKs use (`putItem`, `PutItem`, `put_item`); undefined if the service has none such. */
export function sdkOperation(service: SdkService, name: string): SdkOperation | undefined {
  return operationsOf(service).get(operationKey(name));
}

/** Every operation of a service (tests, and the Python analyser's snake_case names). */
export function sdkOperations(service: SdkService): readonly SdkOperation[] {
  return [...operationsOf(service).values()];
}

/** boto3's method name of an operation: `PutItem` → `put_item`, `GetObjectACL` → `get_object_acl`. */
export function boto3MethodName(operation: string): string {
  return operation.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/** The boto3 method names of every operation of every service, from the models (build time: scripts/build-sdk-index.mjs). */
export function boto3MethodNamesFromModels(): string[] {
  const names = new Set<string>();
  for (const service of sdkServices()) for (const op of sdkOperations(service)) names.add(boto3MethodName(op.name));
  return [...names];
}

let boto3Methods: ReadonlySet<string> | undefined;

/**
 * The boto3 method names of every AWS operation (`put_item`, `get_object`), computed at build
 * time into dist/boto3-methods.json: converting some 15,000 operation names in every run that
 * meets an unidentified method call cost more than the rest of a small project's Python analysis.
 */
export function boto3MethodNames(): ReadonlySet<string> {
  boto3Methods ??= new Set(JSON.parse(fs.readFileSync(path.join(packageRoot(), 'dist', 'boto3-methods.json'), 'utf8')) as string[]);
  return boto3Methods;
}
