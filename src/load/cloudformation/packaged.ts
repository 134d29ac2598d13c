import path from 'node:path';
import { get, isMap, str, type Node } from '../tree.js';
import { ownTable } from '../../own.js';

/**
 * Packaging outputs committed next to their source: `sam package` / `aws cloudformation package`
 * rewrite a template's code locations to S3 and change nothing else. Analysing both would report
 * every finding twice; the source is the one users edit.
 */

/** Resource types whose code or content `package` uploads, and the property holding its location. */
const CODE_LOCATIONS: Readonly<Record<string, string>> = ownTable({
  'AWS::Serverless::Function': 'CodeUri',
  'AWS::Serverless::LayerVersion': 'ContentUri',
  'AWS::Lambda::Function': 'Code',
  'AWS::Lambda::LayerVersion': 'Content',
});

type CodeLocation = 's3' | 'local' | 'other';

function codeLocation(type: string, props: Node | undefined): CodeLocation | undefined {
  const key = CODE_LOCATIONS[type];
  if (!key) return undefined;
  const value = get(props, key);
  const text = str(value);
  if (text !== undefined) return text.startsWith('s3://') ? 's3' : 'local';
  // `{Bucket, Key}` (SAM) or `{S3Bucket, S3Key}` (Lambda): uploaded; `ZipFile`, an image, an intrinsic: neither.
  if (isMap(value) && (get(value, 'Bucket') ?? get(value, 'S3Bucket')) !== undefined) return 's3';
  // A SAM function without CodeUri builds from the template's folder.
  return value === undefined && type.startsWith('AWS::Serverless::') ? 'local' : 'other';
}

/** Properties `package` rewrites to S3 locations (code, layers, nested templates, API and state machine definitions, includes). */
const PACKAGED_PROPERTIES = new Set([
  'CodeUri', 'ContentUri', 'Code', 'Content', 'DefinitionUri', 'Location', 'TemplateURL', 'BodyS3Location',
  'DefinitionS3Location', 'ScriptLocation', 'SourceBundle',
]);

/** The template as data, without positions and without what `package` rewrites: equal for a source and its packaged copy. */
function canonical(node: Node): string {
  switch (node.kind) {
    case 'scalar':
      return JSON.stringify(node.value);
    case 'unresolved':
      return JSON.stringify(node.text);
    case 'if':
      return `{"if":${JSON.stringify(node.condition)},"then":${canonical(node.whenTrue)},"else":${canonical(node.whenFalse)}}`;
    case 'seq':
      return `[${node.items.map(canonical).join(',')}]`;
    case 'map':
      return `{${node.entries
        .filter((p) => !PACKAGED_PROPERTIES.has(p.key))
        .map((p) => `${JSON.stringify(p.key)}:${canonical(p.value)}`)
        .join(',')}}`;
  }
}

/** What packaging detection needs of a template, taken while its tree is at hand (trees are not kept). */
export interface PackagingFacts {
  readonly file: string;
  /** Named as `serverless package` names its stack, with the deployment bucket it creates. */
  readonly serverlessOutput: boolean;
  readonly locations: readonly CodeLocation[];
  /** The resources' logical ids (but those the canonical text leaves out), which `package` keeps: the cheap test before the canonical text. */
  readonly ids: string;
  /**
   * Every code location is on S3: a possible packaging output. Its canonical text is taken only
   * for a likely pair (its tree parsed again then): taking it for every such template cost ~45 ms
   * on the corpus's CloudFormation templates, which hold no pair.
   */
  readonly allOnS3: boolean;
}

export function packagingFacts(file: string, root: Node): PackagingFacts {
  const resources = get(root, 'Resources');
  const serverlessOutput = SERVERLESS_OUTPUT.test(file) && get(resources, 'ServerlessDeploymentBucket') !== undefined;
  if (!isMap(resources)) return { file, serverlessOutput, locations: [], ids: '', allOnS3: false };
  const locations: CodeLocation[] = [];
  for (const r of resources.entries) {
    const location = codeLocation(str(get(r.value, 'Type')) ?? '', get(r.value, 'Properties'));
    if (location) locations.push(location);
  }
  if (locations.length === 0) return { file, serverlessOutput, locations, ids: '', allOnS3: false };
  const ids = resources.entries.flatMap((r) => (PACKAGED_PROPERTIES.has(r.key) ? [] : [r.key])).join('\n');
  return { file, serverlessOutput, locations, ids, allOnS3: locations.every((l) => l === 's3') };
}

/** `serverless package` output (`cloudformation-template-update-stack.json`, as in `.serverless/`) copied out of `.serverless/`. */
const SERVERLESS_OUTPUT = /(^|\/)cloudformation-template-(create|update)-stack\.json$/;

/**
 * Templates that are the packaging output of another config in the same folder or the one above:
 * a template identical but for the locations `package` rewrites, every code location on S3, where
 * the other has code in the repository; or the Serverless Framework's generated stack next to its serverless.yml.
 * Maps each packaged file to its source. `treeOf` gives a template's tree again: only asked for
 * the pairs the cheap tests leave (same resource ids, neighbouring folders, S3 against local code).
 */
export function packagedTemplates(
  templates: readonly PackagingFacts[],
  serverlessConfigs: readonly string[],
  treeOf: (file: string) => Node | undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of templates) {
    if (!t.serverlessOutput) continue;
    const dir = path.posix.dirname(t.file);
    const source = serverlessConfigs.find((c) => path.posix.dirname(c) === dir || path.posix.dirname(c) === path.posix.dirname(dir));
    if (source) out.set(t.file, source);
  }
  // Candidate sources by resource ids: a packaging output keeps them all.
  const sources = new Map<string, PackagingFacts[]>();
  for (const t of templates) {
    if (!t.locations.includes('local')) continue;
    const list = sources.get(t.ids);
    if (list) list.push(t);
    else sources.set(t.ids, [t]);
  }
  const canonicals = new Map<string, string | null>();
  const canonicalOf = (file: string) => {
    let text = canonicals.get(file);
    if (text === undefined) {
      const root = treeOf(file);
      canonicals.set(file, (text = root === undefined ? null : canonical(root)));
    }
    return text;
  };
  for (const t of templates) {
    if (!t.allOnS3) continue;
    const dir = path.posix.dirname(t.file);
    const source = sources.get(t.ids)?.find((s) => {
      const sDir = path.posix.dirname(s.file);
      if (sDir !== dir && sDir !== path.posix.dirname(dir)) return false;
      const text = canonicalOf(t.file);
      return text !== null && canonicalOf(s.file) === text;
    });
    if (source) out.set(t.file, source.file);
  }
  return out;
}
