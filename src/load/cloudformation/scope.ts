import type { Location } from '../../location.js';
import type { Input, ModelPart } from '../../model.js';
import type { MapNode, Node } from '../tree.js';
import type { TemplateContext } from './intrinsics.js';

/** What the parts of the template loader share: the resources with evaluated properties, and the model part being filled. */
export interface TemplateScope {
  readonly input: Input;
  readonly ctx: TemplateContext;
  readonly resources: ReadonlyMap<string, LoadedResource>;
  readonly globals: Node | undefined;
  /** Logical id → function id, for functions in this template and ones Serverless generates. */
  readonly functionIds: Map<string, string>;
  readonly part: ModelPart;
  /** Reads a file the template includes (an OpenAPI `DefinitionUri`, `AWS::Include`), inside the repository only; absent where nothing may be read. */
  readonly include?: IncludeFile;
}

/**
 * Reads and parses a file a config includes, relative to `fromFile`, inside the repository only.
 * Undefined (with a diagnostic naming `what`) when it is missing, outside, or does not parse.
 */
export type IncludeFile = (fromFile: string, relPath: string, loc: Location, what: string) => Node | undefined;

export interface LoadedResource {
  readonly id: string;
  readonly type: string;
  readonly typeLoc: Location;
  readonly keyLoc: Location;
  /** Properties with intrinsics evaluated (and SAM Globals merged). */
  readonly props: Node | undefined;
  readonly raw: MapNode;
}

/** The logical id a `!Ref X` / `!GetAtt X.Arn` value points at, if it is a resource of this template. */
export function refTarget(node: Node | undefined): string | undefined {
  if (node?.kind === 'unresolved' && node.target?.kind === 'resource') return node.target.name;
  return undefined;
}
