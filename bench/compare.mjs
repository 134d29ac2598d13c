// This build against another one (a checkout of main with its own `npm ci`, named by
// BENCH_BASELINE), measured in the same run: fresh processes, the two builds interleaved and
// alternating which goes first, medians of BENCH_RUNS runs. Workloads: the corpus scan
// (default threads and one thread), the plain CloudFormation templates of the corpus (no SAM,
// no serverless.yml), a cold start on one small serverless.yml. Checks that both builds find
// the same findings per rule. Part of `npm run bench`; BENCH_RECORD=1 (or --record) appends
// the table to bench/RESULTS.md.
//
//   git worktree add /work/scratch/main-baseline main && (cd /work/scratch/main-baseline && npm ci)
//   BENCH_BASELINE=/work/scratch/main-baseline npm run bench
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const baseline = process.env.BENCH_BASELINE;
if (!baseline) {
  console.log('compare: skipped (set BENCH_BASELINE to a built checkout of main to compare against it)');
  process.exit(0);
}
if (!fs.existsSync(path.join(baseline, 'dist', 'src', 'cli.js'))) {
  console.error(`compare: ${baseline} has no build (run npm ci there)`);
  process.exit(2);
}
const record = process.argv.includes('--record') || process.env.BENCH_RECORD === '1';
const corpus = path.resolve(repo, '..', 'shared', 'corpus');
if (!fs.existsSync(corpus)) {
  console.error(`compare: ${corpus} does not exist`);
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const builds = [
  { name: 'main', root: path.resolve(baseline) },
  { name: 'this', root: repo },
];

// The plain CloudFormation templates, copied into a scratch repository of their own.
const cfn = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-cfn-'));
fs.mkdirSync(path.join(cfn, '.git'));
let cfnFiles = 0;
for (const line of fs.readFileSync(path.join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n')) {
  const [file, kind] = line.split('\t');
  if (kind !== 'cloudformation') continue;
  fs.mkdirSync(path.dirname(path.join(cfn, file)), { recursive: true });
  fs.copyFileSync(path.join(corpus, file), path.join(cfn, file));
  cfnFiles++;
}
const small = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-small-'));
fs.mkdirSync(path.join(small, '.git'));
fs.writeFileSync(path.join(small, 'serverless.yml'), 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h.f\n');

const workloads = [
  { name: 'corpus scan (default threads)', args: [corpus, '-f', 'json'] },
  { name: 'corpus scan (--threads 1)', args: [corpus, '-f', 'json', '--threads', '1'] },
  { name: `CloudFormation templates (${cfnFiles} files, default threads)`, args: [cfn, '-f', 'json'] },
  { name: 'CloudFormation templates (--threads 1)', args: [cfn, '-f', 'json', '--threads', '1'] },
  { name: 'cold start (one small serverless.yml)', cold: true, args: [path.join(small, 'serverless.yml')] },
];

function run(build, workload) {
  const argv = workload.cold ? [path.join(build.root, 'bin', 'faaslint.js'), ...workload.args] : [path.join(here, 'run-build.mjs'), build.root, ...workload.args];
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${build.name}: ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const stats = /BENCH (\{.*\})/.exec(r.stderr ?? '');
  return { ms, ...(stats ? JSON.parse(stats[1]) : {}) };
}

const results = new Map(workloads.map((w) => [w.name, { main: [], this: [] }]));
const coldRuns = Math.max(RUNS, 9);
for (let i = 0; i < coldRuns; i++) {
  // Alternate which build goes first, so that neither always runs on a warmer machine.
  const order = i % 2 === 0 ? builds : [...builds].reverse();
  for (const workload of workloads) {
    if (!workload.cold && i >= RUNS) continue;
    for (const build of order) results.get(workload.name)[build.name].push(run(build, workload));
  }
}
fs.rmSync(cfn, { recursive: true, force: true });
fs.rmSync(small, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const lines = [
  `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism?.() ?? os.cpus().length}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the end`,
  `main:    ${builds[0].root}`,
  `${RUNS} runs per workload (cold start ${coldRuns}), builds interleaved; medians. wall = elapsed, cpu = all threads.`,
  '',
  `${'workload'.padEnd(52)} ${'wall main'.padStart(10)} ${'wall this'.padStart(10)} ${'ratio'.padStart(6)} ${'cpu main'.padStart(9)} ${'cpu this'.padStart(9)} ${'ratio'.padStart(6)} ${'RSS main'.padStart(9)} ${'RSS this'.padStart(9)}`,
];
const mismatches = [];
for (const workload of workloads) {
  const { main, this: mine } = results.get(workload.name);
  const cell = (list, key) => median(list.map((r) => r[key]));
  const wall = [cell(main, 'ms'), cell(mine, 'ms')];
  const cpu = workload.cold ? [NaN, NaN] : [cell(main, 'cpuMs'), cell(mine, 'cpuMs')];
  const rss = workload.cold ? [NaN, NaN] : [cell(main, 'maxRssMb'), cell(mine, 'maxRssMb')];
  const num = (v, unit) => (Number.isNaN(v) ? '-' : `${v.toFixed(0)} ${unit}`);
  lines.push(
    `${workload.name.padEnd(52)} ${num(wall[0], 'ms').padStart(10)} ${num(wall[1], 'ms').padStart(10)} ${(wall[1] / wall[0]).toFixed(2).padStart(6)} ` +
      `${num(cpu[0], 'ms').padStart(9)} ${num(cpu[1], 'ms').padStart(9)} ${(Number.isNaN(cpu[0]) ? '-' : (cpu[1] / cpu[0]).toFixed(2)).padStart(6)} ` +
      `${num(rss[0], 'MB').padStart(9)} ${num(rss[1], 'MB').padStart(9)}`,
  );
  if (!workload.cold) {
    const key = (r) => JSON.stringify(Object.entries(r.rules).sort());
    const all = [...main, ...mine].map(key);
    if (new Set(all).size !== 1) mismatches.push(workload.name);
  }
}
const corpusRules = results.get(workloads[0].name).this[0].rules;
const cfnRules = results.get(workloads[2].name).this[0].rules;
const perRule = (rules) =>
  Object.entries(rules)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
lines.push('');
lines.push(mismatches.length === 0 ? 'findings per rule: identical in every run of both builds' : `findings per rule DIFFER in: ${mismatches.join('; ')}`);
lines.push(`corpus:   ${perRule(corpusRules)}`);
lines.push(`CFN only: ${perRule(cfnRules)}`);
console.log(lines.join('\n'));
if (record) {
  const file = path.join(here, 'RESULTS.md');
  fs.appendFileSync(file, `\n## ${new Date().toISOString().slice(0, 10)}: this build against main\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`);
  console.log(`recorded in ${path.relative(process.cwd(), file)}`);
}
if (mismatches.length > 0) process.exit(1);
