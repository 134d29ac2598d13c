import type { Location } from '../../location.js';
import type { Auth, Endpoint, Input } from '../../model.js';
import { appSyncAuth } from '../appsync.js';
import { listItems } from '../branches.js';
import { valuesOf } from '../entries.js';
import { idOf } from '../ids.js';
import { get, isMap, isSeq, pairOf, str, type Node, type Pair } from '../tree.js';
import { append } from '../../arrays.js';

/**
 * GraphQL APIs of the serverless-appsync-plugin, in both its config shapes: v2's top-level
 * `appSync:` (`authentication.type`, `additionalAuthentications[].type`, `dataSources` keyed by
 * name, inline `config.function`) and v1's `custom.appSync` (one API or a list;
 * `authenticationType`, `additionalAuthenticationProviders[].authenticationType`, `dataSources`
 * as a list with `name`).
 */
export interface PluginApi {
  readonly name: string;
  /** The node setting the default mode (`type: API_KEY`), or undefined when it is missing. */
  readonly mode: Node | undefined;
  readonly additional: readonly Node[];
  readonly anchor: Location;
  /** Functions AppSync invokes (Lambda data sources, Lambda authorizers): by name, or by an ARN naming one. */
  readonly invokes: readonly Node[];
  /** v2 data sources defining their Lambda function inline (`config.function`): functions of the service. */
  readonly inlineFunctions: readonly Pair[];
}

export function pluginApis(config: Node): PluginApi[] {
  const out: PluginApi[] = [];
  const v2 = get(config, 'appSync');
  if (isMap(v2)) out.push(readApi(v2, 'v2'));
  for (const b of listItems(get(get(config, 'custom'), 'appSync'))) {
    if (isMap(b.node)) out.push(readApi(b.node, 'v1'));
  }
  return out;
}

function readApi(api: Node, shape: 'v1' | 'v2'): PluginApi {
  const modePair = shape === 'v2' ? pairOf(get(api, 'authentication'), 'type') : pairOf(api, 'authenticationType');
  const additional = listItems(get(api, shape === 'v2' ? 'additionalAuthentications' : 'additionalAuthenticationProviders'))
    .map((b) => get(b.node, shape === 'v2' ? 'type' : 'authenticationType'))
    .filter((n): n is Node => n !== undefined);
  const invokes: Node[] = [];
  const inlineFunctions: Pair[] = [];
  const providers = [shape === 'v2' ? get(api, 'authentication') : api, ...listItems(get(api, shape === 'v2' ? 'additionalAuthentications' : 'additionalAuthenticationProviders')).map((b) => b.node)];
  const authorizers = providers.map((p) => get(p, shape === 'v2' ? 'config' : 'lambdaAuthorizerConfig'));
  for (const authorizer of authorizers) append(invokes, lambdaRefs(authorizer));
  for (const source of dataSources(get(api, 'dataSources'))) {
    if (str(get(source.value, 'type'))?.toUpperCase() !== 'AWS_LAMBDA') continue;
    const configNode = get(source.value, 'config');
    append(invokes, lambdaRefs(configNode));
    const inline = pairOf(configNode, 'function');
    if (inline && isMap(inline.value)) inlineFunctions.push({ key: source.key, keyLoc: inline.keyLoc, value: inline.value });
  }
  return { name: str(get(api, 'name')) ?? 'appSync', mode: modePair?.value, additional, anchor: modePair?.keyLoc ?? api.loc, invokes, inlineFunctions };
}

/** Data sources by name: v2 maps them by name (also as a list of such maps), v1 lists them with a `name`. */
function dataSources(node: Node | undefined): readonly Pair[] {
  if (isMap(node)) return node.entries;
  if (!isSeq(node)) return [];
  return node.items.flatMap((item): readonly Pair[] => {
    if (isSeq(item)) return dataSources(item);
    if (!isMap(item)) return [];
    if (get(item, 'type') !== undefined) return [{ key: str(get(item, 'name')) ?? '?', keyLoc: item.loc, value: item }];
    return item.entries;
  });
}

function lambdaRefs(config: Node | undefined): Node[] {
  return ['functionName', 'functionArn', 'lambdaFunctionArn'].map((key) => get(config, key)).filter((n): n is Node => n !== undefined);
}

/** One endpoint per API, at the line that sets its default mode. */
export function pluginApiEndpoints(api: PluginApi, input: Input): Endpoint[] {
  const additionalAuth: Auth[] = api.additional.flatMap((m) => valuesOf(m).map((e) => appSyncAuth(e, 'api-default')));
  const modes = api.mode ? valuesOf(api.mode) : [];
  return (modes.length > 0 ? modes : [undefined]).map((entry) => ({
    id: idOf(input, `appSync:${api.name}`),
    kind: 'graphql',
    method: undefined,
    path: api.name,
    auth: appSyncAuth(entry, 'api-default'),
    ...(additionalAuth.length > 0 ? { additionalAuth } : {}),
    location: entry?.loc ?? api.anchor,
  }));
}
