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

interface Shape {
  readonly canonical: string;
  readonly locations: readonly CodeLocation[];
}

function shapeOf(root: Node): Shape | undefined {
  const resources = get(root, 'Resources');
  if (!isMap(resources)) return undefined;
  const locations: CodeLocation[] = [];
  for (const r of resources.entries) {
    const location = codeLocation(str(get(r.value, 'Type')) ?? '', get(r.value, 'Properties'));
    if (location) locations.push(location);
  }
  return { canonical: locations.length > 0 ? canonical(root) : '', locations };
}

/** `serverless package` output (`cloudformation-template-update-stack.json`, as in `.serverless/`) copied out of `.serverless/`. */
const SERVERLESS_OUTPUT = /(^|\/)cloudformation-template-(create|update)-stack\.json$/;

/**
 * Templates that are the packaging output of another config in the same folder or the one above:
 * a template identical but for the locations `package` rewrites, every code location on S3, where
 * the other has code in the repository; or the Serverless Framework's generated stack next to its serverless.yml.
 * Maps each packaged file to its source.
 */
export function packagedTemplates(
  templates: readonly { readonly file: string; readonly root: Node }[],
  serverlessConfigs: readonly string[] = [],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of templates) {
    if (!SERVERLESS_OUTPUT.test(t.file) || get(get(t.root, 'Resources'), 'ServerlessDeploymentBucket') === undefined) continue;
    const dir = path.posix.dirname(t.file);
    const source = serverlessConfigs.find((c) => path.posix.dirname(c) === dir || path.posix.dirname(c) === path.posix.dirname(dir));
    if (source) out.set(t.file, source);
  }
  const shapes = templates.flatMap((t) => {
    const shape = shapeOf(t.root);
    return shape && shape.locations.length > 0 ? [{ file: t.file, dir: path.posix.dirname(t.file), ...shape }] : [];
  });
  for (const t of shapes) {
    if (!t.locations.every((l) => l === 's3')) continue;
    const source = shapes.find(
      (s) =>
        s !== t &&
        s.canonical === t.canonical &&
        s.locations.includes('local') &&
        (s.dir === t.dir || s.dir === path.posix.dirname(t.dir)),
    );
    if (source) out.set(t.file, source.file);
  }
  return out;
}
