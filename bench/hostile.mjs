// Hostile inputs, each scanned in a fresh process: exit code, wall time and peak RSS per case.
// `node bench/hostile.mjs` (after `npm run build`); exits 1 when a case passes its memory budget
// (512 MB; the 60 MB padded template 300 MB) or its time limit (HOSTILE_TIMEOUT_MS, default 60 s).
// The inputs are generated into a scratch folder and removed afterwards.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE_CASES } from './hostile-cases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const runCli = path.join(here, 'run-cli.mjs');
const TIMEOUT = Number(process.env.HOSTILE_TIMEOUT_MS ?? 60_000);
const MB = 1024 * 1024;
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-hostile-'));
const only = process.argv.slice(2);

const SLS = (extra = '', fnExtra = '') =>
  `service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\n${extra}functions:\n  f:\n    handler: h.handler\n${fnExtra}`;
const HANDLER = 'exports.handler = async () => 1;\n';
const TEMPLATE_HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n';

/** A scratch repository: `.git` marks its root (no git needed), files written as given, then `setup` for links and FIFOs. */
function project(name, files, setup = () => {}) {
  const dir = path.join(base, name);
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    if (typeof content === 'function') content(path.join(dir, file));
    else fs.writeFileSync(path.join(dir, file), content);
  }
  setup(dir);
  return dir;
}

/** A file written in chunks, so the generator itself stays small in memory. */
const padded = (head, bytes, line = `# ${'x'.repeat(1021)}\n`) => (file) => {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, head);
  for (let n = head.length; n < bytes; n += line.length) fs.writeSync(fd, line);
  fs.closeSync(fd);
};
const fifo = (dir, name) => spawnSync('mkfifo', [path.join(dir, name)]);

const cases = [
  { name: 'padded template, 60 MB (skipped as too large)', budget: 300, dir: () => project('padded', { 'serverless.yml': SLS(), 'h.js': HANDLER, 'template.yaml': padded(TEMPLATE_HEAD, 60 * MB) }) },
  { name: 'padded template, 200 MB (skipped as too large)', dir: () => project('padded200', { 'serverless.yml': SLS(), 'h.js': HANDLER, 'template.yaml': padded(TEMPLATE_HEAD, 200 * MB) }) },
  { name: 'padded handler, 60 MB (skipped as too large)', dir: () => project('padded-handler', { 'serverless.yml': SLS(), 'h.js': padded(HANDLER, 60 * MB, `// ${'x'.repeat(1021)}\n`) }) },
  { name: 'serverless.yml -> /dev/zero', dir: () => project('zero-config', { 'ok/serverless.yml': SLS(), 'ok/h.js': HANDLER }, (d) => fs.symlinkSync('/dev/zero', path.join(d, 'serverless.yml'))) },
  { name: 'handler -> /dev/zero', dir: () => project('zero-handler', { 'serverless.yml': SLS() }, (d) => fs.symlinkSync('/dev/zero', path.join(d, 'h.js'))) },
  { name: 'faaslint.config.yaml -> /dev/zero', dir: () => project('zero-faaslint-config', { 'serverless.yml': SLS(), 'h.js': HANDLER }, (d) => fs.symlinkSync('/dev/zero', path.join(d, 'faaslint.config.yaml'))) },
  { name: 'baseline -> /dev/zero', args: ['--baseline', 'base.json'], dir: () => project('zero-baseline', { 'serverless.yml': SLS(), 'h.js': HANDLER }, (d) => fs.symlinkSync('/dev/zero', path.join(d, 'base.json'))) },
  { name: 'file named on the command line -> /dev/zero', args: ['named.yaml'], dir: () => project('zero-named', { 'serverless.yml': SLS(), 'h.js': HANDLER }, (d) => fs.symlinkSync('/dev/zero', path.join(d, 'named.yaml'))) },
  { name: '${file()} include that is a FIFO', unix: true, dir: () => project('fifo-include', { 'serverless.yml': SLS('', '    role: ${file(./v.yml):r}\n'), 'h.js': HANDLER }, (d) => fifo(d, 'v.yml')) },
  { name: 'handler that is a FIFO', unix: true, dir: () => project('fifo-handler', { 'serverless.yml': SLS() }, (d) => fifo(d, 'h.js')) },
  { name: 'baseline that is a FIFO', unix: true, args: ['--baseline', 'base.json'], dir: () => project('fifo-baseline', { 'serverless.yml': SLS(), 'h.js': HANDLER }, (d) => fifo(d, 'base.json')) },
  { name: '.gitignore of 7.9 MB', dir: () => project('gitignore', { 'serverless.yml': SLS(), 'h.js': HANDLER, '.gitignore': padded('', 7.9 * MB, `${'a/'.repeat(60)}*.log\n`) }) },
  { name: '.gitignore with **/ repeated', dir: () => project('gitignore-stars', { 'serverless.yml': SLS(), 'h.js': HANDLER, 'x/y/z/a.yaml': 'a: 1\n', '.gitignore': `${'**/'.repeat(200)}z\n` }) },
  { name: 'IAM action glob s3:****************Z', dir: () => project('glob', { 'serverless.yml': SLS(`  iamRoleStatements:\n    - {Effect: Allow, Action: "s3:${'*'.repeat(16)}Z", Resource: "arn:aws:s3:::b/*"}\n`), 'h.js': HANDLER }) },
  { name: 'YAML: 20,000 aliases', dir: () => project('aliases', { 'template.yaml': `${TEMPLATE_HEAD}Metadata:\n  a: &a x\n  l: [${Array(20_000).fill('*a').join(', ')}]\n` }) },
  { name: 'YAML: map of 400,000 keys', dir: () => project('keys', { 'template.yaml': padded(`${TEMPLATE_HEAD}Metadata:\n`, 0), 'serverless.yml': SLS(), 'h.js': HANDLER }, (d) => {
    const fd = fs.openSync(path.join(d, 'template.yaml'), 'a');
    for (let i = 0; i < 400_000; i++) fs.writeSync(fd, `  k${i}: v\n`);
    fs.closeSync(fd);
  }) },
  { name: 'JSON: 140,000 duplicate keys', dir: () => project('dupkeys', { 'serverless.yml': SLS(), 'h.js': HANDLER, 'template.json': `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}, "Metadata": {${Array(140_000).fill('"k": 1').join(', ')}}}` }) },
  { name: '${self:} references sharing subtrees (2^40)', dir: () => project('self-tree', { 'serverless.yml': SLS(`custom:\n  l0: [x, x]\n${Array.from({ length: 40 }, (_, i) => `  l${i + 1}: ['\${self:custom.l${i}}', '\${self:custom.l${i}}']\n`).join('')}`, '    environment:\n      V: ${self:custom.l40}\n'), 'h.js': HANDLER }) },
  { name: '${self:} string doubling 25 deep', dir: () => project('self-string', { 'serverless.yml': SLS(`custom:\n  s0: ${'y'.repeat(56)}\n${Array.from({ length: 25 }, (_, i) => `  s${i + 1}: '\${self:custom.s${i}}\${self:custom.s${i}}'\n`).join('')}`, '    description: ${self:custom.s25}\n'), 'h.js': HANDLER }) },
  { name: '${file()} fan-out (400 fragments, each included 50 times)', dir: () => project('fanout', {
    'serverless.yml': SLS(`custom:\n${Array.from({ length: 50 }, (_, i) => `  c${i}: \${file(./f/all.yml)}\n`).join('')}`),
    'h.js': HANDLER,
    'f/all.yml': Array.from({ length: 400 }, (_, i) => `k${i}: \${file(./f${i}.yml)}\n`).join(''),
    ...Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`f/f${i}.yml`, `v: ${'z'.repeat(100)}\n`])),
  }) },
  { name: 'CloudFormation parameter that !Subs itself ten times', dir: () => project('sub-self', { 'template.yaml': `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n${Array.from({ length: 10 }, (_, i) => `  P${i + 1}:\n    Type: String\n    Default: !Sub "\${P${i}}\${P${i}}\${P${i}}\${P${i}}"\n`).join('')}  P0:\n    Type: String\n    Default: x\nResources:\n${Array.from({ length: 200 }, (_, i) => `  Q${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref P10\n`).join('')}` }) },
  { name: 'suppression comment of 1 MB of spaces', dir: () => project('spaces', { 'serverless.yml': `${SLS()}# faaslint-disable-next-line${' '.repeat(MB)}x\n`, 'h.js': `// faaslint-disable-line${' '.repeat(MB)}\n${HANDLER}` }) },
  { name: 'Fn::If tree 7 deep, wildcard in the 128th branch', dir: () => {
    const tree = (depth, index) => (depth === 0 ? (index === 127 ? '"*"' : '"s3:GetObject"') : `{"Fn::If": ["C", ${tree(depth - 1, index * 2)}, ${tree(depth - 1, index * 2 + 1)}]}`);
    return project('fn-if', { 'template.json': `{"AWSTemplateFormatVersion": "2010-09-09", "Conditions": {"C": {"Fn::Equals": ["a", "b"]}}, "Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ${tree(7, 0)}, "Resource": "*"}]}}}}}` });
  } },
  // The cases test/hostile-cost.test.ts also asserts (exit code and findings).
  ...HOSTILE_CASES.map((c) => ({ name: c.name, paths: c.paths, args: c.args, dir: () => project(c.name, c.files()) })),
];

const rows = [];
let failed = false;
for (const c of cases) {
  if (only.length > 0 && !only.some((o) => c.name.includes(o))) continue;
  if (c.unix && process.platform === 'win32') continue;
  const dir = c.dir();
  const started = Date.now();
  const r = spawnSync(process.execPath, [runCli, ...(c.paths ?? ['.']), '-f', 'json', ...(c.args ?? [])], { cwd: dir, encoding: 'utf8', timeout: TIMEOUT, maxBuffer: 1 << 28 });
  const ms = Date.now() - started;
  const stats = /BENCH (\{.*\})/.exec(r.stderr ?? '');
  const { code, maxRssMb } = stats ? JSON.parse(stats[1]) : { code: r.status, maxRssMb: NaN };
  const budget = c.budget ?? 512;
  const verdict = r.signal ? `killed (${r.signal}${r.error?.code === 'ETIMEDOUT' ? `, over ${TIMEOUT / 1000} s` : ''})` : maxRssMb > budget ? `over ${budget} MB` : 'ok';
  if (verdict !== 'ok') failed = true;
  rows.push({ name: c.name, code: r.signal ? '-' : code, ms, maxRssMb, budget, verdict });
  console.log(`${c.name.padEnd(58)} exit ${String(r.signal ? '-' : code).padStart(1)}  ${String(ms).padStart(6)} ms  ${Number.isFinite(maxRssMb) ? maxRssMb.toFixed(0).padStart(4) : '   ?'} MB / ${budget}  ${verdict}`);
  fs.rmSync(dir, { recursive: true, force: true });
}
fs.rmSync(base, { recursive: true, force: true });
const worst = rows.filter((r) => Number.isFinite(r.maxRssMb)).sort((a, b) => b.maxRssMb - a.maxRssMb)[0];
if (worst) console.log(`\nworst peak RSS: ${worst.maxRssMb.toFixed(0)} MB (${worst.name})`);
process.exit(failed ? 1 : 0);
