import path from 'node:path';
import type { Location } from '../../location.js';
import type { Entry, EnvVar, EventType, Fn, FunctionEvent, HandlerRef, Input, ManagedPolicyRef, ModelPart, Role, Setting, Statement } from '../../model.js';
import { emptyPart } from '../../model.js';
import { branches, listItems } from '../branches.js';
import { entriesOf, entryOf, valuesOf } from '../entries.js';
import { externalRoleId, externalRoleName, idOf } from '../ids.js';
import { managedRef, parsePolicyDocument, parseStatements } from '../policy.js';
import { get, getCI, getPath, isMap, items, optional, pairOf, str, type Node, type Pair } from '../tree.js';
import { loadApiGateway } from './api-gateway.js';
import { loadAppSync } from './appsync.js';
import { templateConnectors, withConnectorStatements } from './connectors.js';
import { corsOf } from './cors.js';
import { contextOf, evaluate, type TemplateContext } from './intrinsics.js';
import { mergeGlobals } from './sam-globals.js';
import { expandSamPolicy } from './sam-policies.js';
import { refTarget, type IncludeFile, type LoadedResource, type TemplateScope } from './scope.js';
import { hasResourcePolicy, loadResourcePolicy } from './resource-policies.js';
import { append } from '../../arrays.js';
import { ownTable } from '../../own.js';

export interface TemplateOptions {
  readonly input: Input;
  /** Logical ids defined outside this template (Serverless-generated resources) and the function ids they stand for. */
  readonly externalFunctions?: ReadonlyMap<string, string>;
  readonly externalResources?: readonly string[];
  readonly include?: IncludeFile;
}

/** Loads a CloudFormation or SAM template (or a serverless.yml `resources` block) into the model. */
export function loadTemplate(template: Node, options: TemplateOptions): ModelPart {
  const part = emptyPart();
  const ctx0 = contextOf(template);
  const ctx: TemplateContext = {
    ...ctx0,
    resources: new Set([...ctx0.resources, ...(options.externalResources ?? []), ...(options.externalFunctions?.keys() ?? [])]),
  };
  const globals = evaluateOrUndefined(get(template, 'Globals'), ctx);
  const resources = new Map<string, LoadedResource>();
  const rawResources = get(template, 'Resources');
  if (isMap(rawResources)) {
    for (const r of rawResources.entries) {
      if (!isMap(r.value)) continue;
      const typePair = pairOf(r.value, 'Type');
      const type = str(typePair?.value) ?? '';
      let props = evaluateOrUndefined(get(r.value, 'Properties'), ctx);
      const globalSection = SAM_GLOBAL_SECTIONS[type];
      if (globalSection) props = mergeGlobals(get(globals, globalSection), props);
      resources.set(r.key, {
        id: r.key,
        type,
        typeLoc: typePair?.keyLoc ?? r.keyLoc,
        keyLoc: r.keyLoc,
        props,
        raw: r.value,
      });
    }
  }
  const functionIds = new Map(options.externalFunctions ?? []);
  for (const r of resources.values()) {
    if (r.type === 'AWS::Lambda::Function' || r.type === 'AWS::Serverless::Function') functionIds.set(r.id, idOf(options.input, r.id));
  }
  const scope: TemplateScope = { input: options.input, ctx, resources, globals, functionIds, part, ...(options.include ? { include: options.include } : {}) };

  const roleStatements = collectRoleAttachments(scope);
  for (const r of resources.values()) {
    if (r.type === 'AWS::IAM::Role') part.roles.push(loadRole(scope, r, roleStatements.get(r.id)));
  }
  for (const r of resources.values()) {
    if (r.type === 'AWS::Lambda::Function' || r.type === 'AWS::Serverless::Function') loadFunction(scope, r);
  }
  addConnectorGrants(scope);
  linkRoleUsers(scope);
  markExportedRoles(scope, evaluateOrUndefined(get(template, 'Outputs'), ctx));
  addEventSourceMappings(scope);
  for (const r of resources.values()) {
    if (hasResourcePolicy(r.type)) {
      const policy = loadResourcePolicy(scope, r);
      if (policy) part.resourcePolicies.push(policy);
    }
    if (r.type === 'AWS::Lambda::Permission') {
      loadPermission(scope, r);
    } else if (r.type === 'AWS::Lambda::Url') {
      attachFunctionUrl(scope, r);
    }
  }
  loadApiGateway(scope);
  loadAppSync(scope);
  for (const r of resources.values()) collectSuppressions(scope, r);
  part.inputs.push(options.input);
  append(part.diagnostics, ctx.evaluation.diagnostics);
  return part;
}

const SAM_GLOBAL_SECTIONS: Readonly<Record<string, string>> = ownTable({
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
});

function evaluateOrUndefined(node: Node | undefined, ctx: TemplateContext): Node | undefined {
  return node === undefined ? undefined : evaluate(node, ctx);
}

/** `AWS::IAM::Policy` / `ManagedPolicy` resources attach statements to roles by `Roles: [!Ref R]`. */
function collectRoleAttachments(scope: TemplateScope): Map<string, { statements: Statement[]; managed: ManagedPolicyRef[] }> {
  const out = new Map<string, { statements: Statement[]; managed: ManagedPolicyRef[] }>();
  const slot = (role: string) => {
    let s = out.get(role);
    if (!s) out.set(role, (s = { statements: [], managed: [] }));
    return s;
  };
  for (const r of scope.resources.values()) {
    if (r.type !== 'AWS::IAM::Policy' && r.type !== 'AWS::IAM::ManagedPolicy') continue;
    const statements = parsePolicyDocument(get(r.props, 'PolicyDocument'), { kind: 'inline' });
    let attached = false;
    for (const b of listItems(get(r.props, 'Roles'))) {
      const role = refTarget(b.node);
      if (role && scope.resources.get(role)?.type === 'AWS::IAM::Role') {
        append(slot(role).statements, statements);
        attached = true;
      }
    }
    const referencedByRole = [...scope.resources.values()].some(
      (other) => other.type === 'AWS::IAM::Role' && listItems(get(other.props, 'ManagedPolicyArns')).some((b) => refTarget(b.node) === r.id),
    );
    if (!attached && !referencedByRole) {
      scope.part.roles.push({
        id: idOf(scope.input, r.id),
        name: r.id,
        kind: 'policy',
        statements,
        managedPolicies: [],
        trust: [],
        usedBy: [],
        location: r.typeLoc,
      });
    }
  }
  return out;
}

function loadRole(scope: TemplateScope, r: LoadedResource, attached?: { statements: Statement[]; managed: ManagedPolicyRef[] }): Role {
  const statements: Statement[] = [];
  for (const p of listItems(get(r.props, 'Policies'))) {
    append(statements, parsePolicyDocument(get(p.node, 'PolicyDocument'), { kind: 'inline' }, p.when));
  }
  append(statements, attached?.statements ?? []);
  const managedPolicies: ManagedPolicyRef[] = [];
  for (const b of listItems(get(r.props, 'ManagedPolicyArns'))) {
    const target = refTarget(b.node);
    const managed = target ? scope.resources.get(target) : undefined;
    if (managed?.type === 'AWS::IAM::ManagedPolicy') {
      append(statements, parsePolicyDocument(get(managed.props, 'PolicyDocument'), { kind: 'inline' }, b.when));
      continue;
    }
    managedPolicies.push(managedRef(b.node, b.when));
  }
  return {
    id: idOf(scope.input, r.id),
    name: r.id,
    kind: 'cloudformation',
    statements,
    managedPolicies,
    trust: parsePolicyDocument(get(r.props, 'AssumeRolePolicyDocument'), { kind: 'inline' }),
    usedBy: [],
    location: r.typeLoc,
  };
}

function loadFunction(scope: TemplateScope, r: LoadedResource): void {
  const { input, part } = scope;
  const sam = r.type === 'AWS::Serverless::Function';
  const fnId = idOf(input, r.id);
  const props = r.props;
  const roleNode = get(props, 'Role');
  let roleId: string | undefined;
  if (roleNode !== undefined) {
    roleId = roleIdFor(scope, roleNode);
  } else if (sam) {
    roleId = idOf(input, `${r.id}Role`);
    part.roles.push(samImplicitRole(r, roleId));
  }
  const fn: Fn = {
    id: fnId,
    name: r.id,
    input,
    ...optionalSetting('runtime', settingOf(scope, get(props, 'Runtime'))),
    ...optional('handler', handlerOf(scope, r, sam)),
    ...optional('roleId', roleId),
    environment: environmentOf(scope, get(get(props, 'Environment'), 'Variables')),
    ...optional('url', sam ? functionUrlOf(pairOf(props, 'FunctionUrlConfig')) : undefined),
    ...(str(get(props, 'PackageType'))?.toLowerCase() === 'image' ? { image: true } : {}),
    events: [...(sam ? samEvents(props) : []), ...destinationEvents(props)],
    location: r.keyLoc,
  };
  part.functions.push(fn);
}

/** A role given by `!GetAtt R.Arn`/`!Ref R` to a role of this template, or an external role (ARN, import, parameter). */
function roleIdFor(scope: TemplateScope, roleNode: Node): string {
  for (const b of branches(roleNode)) {
    const target = refTarget(b.node);
    if (target && scope.resources.get(target)?.type === 'AWS::IAM::Role') return idOf(scope.input, target);
  }
  const id = externalRoleId(scope.input, roleNode);
  if (!scope.part.roles.some((role) => role.id === id)) {
    scope.part.roles.push({
      id,
      name: externalRoleName(roleNode),
      kind: 'external',
      statements: [],
      managedPolicies: [],
      trust: [],
      usedBy: [],
      location: roleNode.loc,
    });
  }
  return id;
}

/** The role SAM generates for a function without `Role`: basic execution plus its `Policies`. */
function samImplicitRole(r: LoadedResource, id: string): Role {
  const statements: Statement[] = [];
  const managedPolicies: ManagedPolicyRef[] = [];
  for (const b of listItems(get(r.props, 'Policies'))) {
    const node = b.node;
    if (node.kind === 'scalar' || node.kind === 'unresolved') {
      managedPolicies.push(managedRef(node, b.when));
    } else if (isMap(node) && pairOf(node, 'Statement')) {
      append(statements, parseStatements(get(node, 'Statement'), { kind: 'inline' }, b.when));
    } else if (isMap(node) && node.entries.length === 1) {
      append(statements, expandSamPolicy(node.entries[0]!, b.when));
    }
  }
  return {
    id,
    name: `${r.id}Role`,
    kind: 'sam-function',
    statements,
    managedPolicies,
    trust: [],
    usedBy: [],
    location: r.typeLoc,
  };
}

/** Connectors from a function add their statements to the function's role. */
function addConnectorGrants(scope: TemplateScope): void {
  for (const grant of templateConnectors(scope.resources)) {
    const fnId = scope.functionIds.get(grant.source);
    const roleId = fnId ? scope.part.functions.find((f) => f.id === fnId)?.roleId : undefined;
    const index = roleId ? scope.part.roles.findIndex((r) => r.id === roleId && r.kind !== 'external') : -1;
    if (index >= 0) scope.part.roles[index] = withConnectorStatements(scope.part.roles[index]!, [grant]);
  }
}

function linkRoleUsers(scope: TemplateScope): void {
  const byRole = new Map<string, string[]>();
  for (const fn of scope.part.functions) {
    if (fn.roleId) byRole.set(fn.roleId, [...(byRole.get(fn.roleId) ?? []), fn.id]);
  }
  scope.part.roles = scope.part.roles.map((role) => ({ ...role, usedBy: byRole.get(role.id) ?? [] }));
}

/**
 * A role the template's Outputs give out (its ARN or name, to another stack or a parent one) may be
 * used by functions faaslint does not link to it: what they call is not known.
 */
function markExportedRoles(scope: TemplateScope, outputs: Node | undefined): void {
  const named = new Set<string>();
  const visit = (n: Node | undefined): void => {
    if (!n) return;
    if (n.kind === 'map') for (const p of n.entries) visit(p.value);
    else if (n.kind === 'seq') for (const i of n.items) visit(i);
    else if (n.kind === 'if') {
      visit(n.whenTrue);
      visit(n.whenFalse);
    } else if (n.kind === 'unresolved') {
      if (n.target?.kind === 'resource') named.add(n.target.name);
      for (const m of n.text.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) named.add(m[1]!);
    }
  };
  visit(outputs);
  if (named.size === 0) return;
  scope.part.roles = scope.part.roles.map((role) => {
    const resource = scope.resources.get(role.name);
    return resource?.type === 'AWS::IAM::Role' && named.has(role.name) ? { ...role, exported: true } : role;
  });
}

function settingOf(scope: TemplateScope, node: Node | undefined): Setting | undefined {
  if (node === undefined) return undefined;
  const values = valuesOf(node);
  if (values.length === 0) return undefined;
  return { values, scope: isWithin(node.loc, scope.globals) ? 'globals' : 'function' };
}

function isWithin(loc: Location, container: Node | undefined): boolean {
  if (!container) return false;
  const c = container.loc;
  return loc.file === c.file && loc.line >= c.line && loc.line <= c.endLine;
}

function environmentOf(scope: TemplateScope, variables: Node | undefined): EnvVar[] {
  if (!isMap(variables)) return [];
  return variables.entries.map((p) => ({
    name: p.key,
    values: valuesOf(p.value),
    keyLoc: p.keyLoc,
    scope: isWithin(p.keyLoc, scope.globals) ? 'globals' : 'function',
  }));
}

function handlerOf(scope: TemplateScope, r: LoadedResource, sam: boolean): HandlerRef | undefined {
  const handlerPair = pairOf(r.props, 'Handler');
  const handler = str(handlerPair?.value);
  if (!handler || !handlerPair) return undefined;
  const templateDir = path.posix.dirname(scope.input.file);
  const code = sam ? get(r.props, 'CodeUri') : get(r.props, 'Code');
  const inline = sam ? get(r.props, 'InlineCode') : get(code, 'ZipFile');
  const codePath = str(code);
  const codeDir = codePath && !codePath.startsWith('s3://') ? path.posix.join(templateDir, codePath) : templateDir;
  const entryPoints = listItems(getPath(r.raw, 'Metadata', 'BuildProperties', 'EntryPoints'))
    .map((b) => str(b.node))
    .filter((e): e is string => e !== undefined);
  const layerDirs = localLayerDirs(scope, get(r.props, 'Layers'), templateDir);
  return {
    handler,
    codeDir,
    ...(inline ? { inlineCode: entryOf({ node: inline, when: [] }) } : {}),
    ...(entryPoints.length > 0 ? { entryPoints } : {}),
    ...(layerDirs.length > 0 ? { layerDirs } : {}),
    loc: handlerPair.value.loc,
  };
}

/** Folders of the layers a function uses that this template builds from the repository (`ContentUri: layers/common`). */
function localLayerDirs(scope: TemplateScope, layers: Node | undefined, templateDir: string): string[] {
  const out: string[] = [];
  for (const n of items(layers)) {
    const name = refTarget(n);
    const layer = name ? scope.resources.get(name) : undefined;
    const content =
      layer?.type === 'AWS::Serverless::LayerVersion' ? str(get(layer.props, 'ContentUri')) : layer?.type === 'AWS::Lambda::LayerVersion' ? str(get(layer.props, 'Content')) : undefined;
    if (content && !content.startsWith('s3://')) out.push(path.posix.join(templateDir, content));
  }
  return out;
}

function functionUrlOf(pair: Pair | undefined): Fn['url'] {
  if (!pair || !isMap(pair.value)) return undefined;
  const authPair = pairOf(pair.value, 'AuthType');
  const authTypes = entriesOf(authPair?.value);
  if (authTypes.length === 0) return undefined;
  const cors = corsOf(pairOf(pair.value, 'Cors'), 'AllowOrigins', 'AllowCredentials');
  return { authTypes, ...(cors ? { cors } : {}), location: authTypes[0]!.loc };
}

function attachFunctionUrl(scope: TemplateScope, r: LoadedResource): void {
  const target = refTarget(get(r.props, 'TargetFunctionArn'));
  const fnId = target ? scope.functionIds.get(target) : undefined;
  const url = functionUrlOf({ key: r.id, keyLoc: r.keyLoc, value: r.props ?? r.raw });
  if (!url) return;
  const index = scope.part.functions.findIndex((f) => f.id === fnId);
  if (index >= 0 && !scope.part.functions[index]!.url) {
    scope.part.functions[index] = { ...scope.part.functions[index]!, url };
  } else {
    // A URL for a function defined elsewhere (or a second URL, for an alias): keep it as an entry of its own so rules still see it.
    scope.part.functions.push({ id: idOf(scope.input, r.id), name: r.id, input: scope.input, environment: [], events: [], url, location: r.keyLoc });
  }
}

function loadPermission(scope: TemplateScope, r: LoadedResource): void {
  const first = (key: string): Entry | undefined => entriesOf(get(r.props, key))[0];
  const target = refTarget(get(r.props, 'FunctionName'));
  const targetFn = target ? scope.functionIds.get(target) : undefined;
  const optionalEntry = (key: string, e: Entry | undefined) => (e ? { [key]: e } : {});
  scope.part.permissions.push({
    id: idOf(scope.input, r.id),
    action: first('Action'),
    principal: first('Principal'),
    ...optionalEntry('sourceArn', first('SourceArn')),
    ...optionalEntry('sourceAccount', first('SourceAccount')),
    ...optionalEntry('principalOrgId', first('PrincipalOrgID')),
    ...optionalEntry('functionUrlAuthType', first('FunctionUrlAuthType')),
    ...(targetFn ? { targetFn } : {}),
    location: r.keyLoc,
  });
}

/** Dead-letter queues and async destinations set on the function itself. */
function destinationEvents(props: Node | undefined): FunctionEvent[] {
  return ['DeadLetterQueue', 'DeadLetterConfig', 'EventInvokeConfig']
    .map((key) => pairOf(props, key))
    .filter((p): p is Pair => p !== undefined)
    .map((p) => ({ type: 'destination', declared: p.key, loc: p.keyLoc }));
}

/** SAM event source types, as the model names them. */
const SAM_EVENT_TYPES: Readonly<Record<string, EventType>> = ownTable({
  Api: 'api',
  HttpApi: 'api',
  SQS: 'sqs',
  Kinesis: 'stream',
  DynamoDB: 'stream',
  MSK: 'msk',
  SelfManagedKafka: 'kafka',
  MQ: 'mq',
});

function samEvents(props: Node | undefined): FunctionEvent[] {
  const events = get(props, 'Events');
  if (!isMap(events)) return [];
  return events.entries.flatMap((e): FunctionEvent[] => {
    const typePair = getCI(e.value, 'Type');
    const declared = str(typePair?.value) ?? 'unknown';
    return [{ type: SAM_EVENT_TYPES[declared] ?? 'other', declared, loc: typePair?.keyLoc ?? e.keyLoc }, ...onFailureDestination(get(e.value, 'Properties'))];
  });
}

/** A stream or Kafka source's `DestinationConfig.OnFailure`: Lambda sends failed batches there with the function's role. */
function onFailureDestination(props: Node | undefined): FunctionEvent[] {
  const pair = pairOf(props, 'DestinationConfig');
  return pair ? [{ type: 'destination', declared: 'DestinationConfig', loc: pair.keyLoc }] : [];
}

/** `AWS::Lambda::EventSourceMapping`: Lambda polls the source with the function's role. */
function addEventSourceMappings(scope: TemplateScope): void {
  const SOURCE_EVENTS: Readonly<Record<string, EventType>> = ownTable({
    'AWS::SQS::Queue': 'sqs',
    'AWS::DynamoDB::Table': 'stream',
    'AWS::DynamoDB::GlobalTable': 'stream',
    'AWS::Kinesis::Stream': 'stream',
    'AWS::MSK::Cluster': 'msk',
    'AWS::AmazonMQ::Broker': 'mq',
  });
  for (const r of scope.resources.values()) {
    if (r.type === 'AWS::Lambda::EventInvokeConfig') {
      const target = refTarget(get(r.props, 'FunctionName'));
      const index = scope.part.functions.findIndex((f) => f.id === (target ? scope.functionIds.get(target) : undefined));
      if (index >= 0) {
        const fn = scope.part.functions[index]!;
        scope.part.functions[index] = { ...fn, events: [...fn.events, { type: 'destination', declared: r.type, loc: r.typeLoc }] };
      }
      continue;
    }
    if (r.type !== 'AWS::Lambda::EventSourceMapping') continue;
    const target = refTarget(get(r.props, 'FunctionName'));
    const fnId = target ? scope.functionIds.get(target) : undefined;
    const index = scope.part.functions.findIndex((f) => f.id === fnId);
    if (index < 0) continue;
    const source = refTarget(get(r.props, 'EventSourceArn'));
    const type: EventType = (source ? SOURCE_EVENTS[scope.resources.get(source)?.type ?? ''] : undefined) ?? (str(get(r.props, 'EventSourceArn'))?.includes(':sqs:') ? 'sqs' : 'stream');
    const fn = scope.part.functions[index]!;
    scope.part.functions[index] = { ...fn, events: [...fn.events, { type, declared: r.type, loc: r.typeLoc }, ...onFailureDestination(r.props)] };
  }
}

/** `Metadata: {faaslint: {ignore: [{rule: id, reason: text}]}}`: suppresses findings inside the resource. */
function collectSuppressions(scope: TemplateScope, r: LoadedResource): void {
  const ignore = getPath(r.raw, 'Metadata', 'faaslint', 'ignore');
  for (const b of listItems(ignore)) {
    const rule = str(get(b.node, 'rule'));
    if (!rule) continue;
    scope.part.suppressions.push({
      file: scope.input.file,
      startLine: r.keyLoc.line,
      endLine: r.raw.loc.endLine,
      rule,
      reason: str(get(b.node, 'reason'))?.trim() || undefined,
      loc: b.node.loc,
    });
  }
}

function optionalSetting(key: 'runtime', value: Setting | undefined): { runtime?: Setting } {
  return optional(key, value);
}
