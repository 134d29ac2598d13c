// Condenses the AWS SDK service models shipped in the `aws-sdk` v2 package (1,200 files, 100 MB)
// into one small index: per service its SDK v2 class, SDK v3 package and class, boto3 name, IAM
// prefix and operations, each operation with the IAM actions it needs; and boto3's method names of all
// the operations (dist/boto3-methods.json). Nothing heavy loads at run time.
// Runs after tsc and build-iam-index.mjs: it reads the curated tables and the IAM index from dist/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const curated = await import(path.join(root, 'dist', 'src', 'iam', 'sdk-curated.js'));
const apis = path.join(path.dirname(require.resolve('aws-sdk/package.json')), 'apis');
const sdkVersion = JSON.parse(fs.readFileSync(path.join(apis, '..', 'package.json'), 'utf8')).version;
const iam = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'iam-index.json'), 'utf8')).services;
const iamActions = new Map(Object.entries(iam).map(([service, rows]) => [service, new Map(rows.map((r) => {
  const name = r.split('|')[0];
  return [name.toLowerCase(), name];
}))]));

const metadata = JSON.parse(fs.readFileSync(path.join(apis, 'metadata.json'), 'utf8'));
const files = fs.readdirSync(apis).filter((f) => f.endsWith('.min.json'));

/** The newest model of a service: `<prefix>-<yyyy-mm-dd>.min.json`. */
function newestModel(prefix) {
  const models = files.filter((f) => f.startsWith(`${prefix}-`) && /^\d{4}-\d{2}-\d{2}\.min\.json$/.test(f.slice(prefix.length + 1))).sort();
  const file = models.at(-1);
  return file && JSON.parse(fs.readFileSync(path.join(apis, file), 'utf8'));
}

const dashed = (serviceId) => serviceId.toLowerCase().replace(/\s+/g, '-');
const pascalWords = (serviceId) => serviceId.split(/\s+/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

/** The IAM prefix whose actions name the most of the service's operations, among the names its model gives. */
function iamPrefix(key, md, operations) {
  if (curated.IAM_PREFIX_OVERRIDES[md.serviceId]) return curated.IAM_PREFIX_OVERRIDES[md.serviceId];
  if (curated.SERVICES_WITHOUT_IAM[md.serviceId]) return undefined;
  if (curated.HTTP_METHOD_SERVICES.has(md.serviceId)) return 'apigateway';
  const candidates = [md.signingName, md.endpointPrefix, md.serviceId.toLowerCase().replace(/\s+/g, ''), dashed(md.serviceId), key];
  let best;
  let bestScore = 0;
  for (const c of candidates) {
    const actions = c && iamActions.get(c);
    if (!actions) continue;
    const score = operations.filter((o) => actions.has(o.toLowerCase()) || curated.RENAMED_OPERATIONS[`${c}:${o}`]).length;
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/**
 * `Name`: the same-named action of the prefix; `Name=a+b`: these actions (none after `=`: no
 * permission needed); `Name~a+b`: any of these, as the input decides; `Name?`: no known action.
 */
function encodeOperation(prefix, md, name, op) {
  const key = `${prefix}:${name}`;
  if (op.authtype === 'none' || op.auth?.includes('smithy.api#noAuth') || curated.NO_PERMISSION_OPERATIONS.has(key)) return `${name}=`;
  if (curated.HTTP_METHOD_SERVICES.has(md.serviceId)) return `${name}=apigateway:${op.http.method}`;
  const renamed = curated.RENAMED_OPERATIONS[key];
  if (renamed) return `${name}=${renamed.join('+')}`;
  const alternatives = curated.INPUT_DEPENDENT_OPERATIONS[key];
  if (alternatives) return `${name}~${alternatives.join('+')}`;
  const action = iamActions.get(prefix)?.get(name.toLowerCase());
  if (action === name) return name;
  return action ? `${name}=${prefix}:${action}` : `${name}?`;
}

const services = [];
for (const [key, entry] of Object.entries(metadata)) {
  const model = newestModel(entry.prefix ?? key);
  if (!model) continue;
  const md = model.metadata;
  const names = Object.keys(model.operations).sort();
  const prefix = iamPrefix(key, md, names);
  const v3 = Object.hasOwn(curated.V3_PACKAGE_EXCEPTIONS, md.serviceId) ? curated.V3_PACKAGE_EXCEPTIONS[md.serviceId] : `@aws-sdk/client-${dashed(md.serviceId)}`;
  services.push({
    id: md.serviceId,
    v2: entry.name,
    ...(v3 ? { v3, v3Class: pascalWords(md.serviceId) } : {}),
    boto: curated.BOTOCORE_LEGACY_NAMES[md.serviceId] ?? dashed(md.serviceId),
    ...(prefix ? { iam: prefix } : {}),
    ops: names.map((n) => (prefix ? encodeOperation(prefix, md, n, model.operations[n]) : `${n}?`)).join(','),
  });
}
const out = path.join(root, 'dist', 'sdk-services.json');
fs.writeFileSync(out, JSON.stringify({ source: `aws-sdk@${sdkVersion}`, services }));

// boto3's method names of all those operations, for the Python analysis (read from the index just written).
const { boto3MethodNamesFromModels } = await import(path.join(root, 'dist', 'src', 'iam', 'sdk-services.js'));
fs.writeFileSync(path.join(root, 'dist', 'boto3-methods.json'), JSON.stringify(boto3MethodNamesFromModels()));
