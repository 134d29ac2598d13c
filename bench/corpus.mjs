// Benchmark: faaslint over ../shared/corpus (or the paths given), in this process, after a warm-up.
// Prints files/second and wall time; measure with `npm run bench`, never in timed tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../dist/src/run.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const targets = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [path.resolve(here, '..', '..', 'shared', 'corpus')];
for (const t of targets) {
  if (!fs.existsSync(t)) {
    console.error(`bench: ${t} does not exist`);
    process.exit(2);
  }
}

const runs = Number(process.env.BENCH_RUNS ?? 3);
await lint({ paths: targets }); // warm-up: module loading and JIT
const times = [];
let result;
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  result = await lint({ paths: targets });
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const files = result.filesAnalysed;
const counts = {};
for (const f of result.findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
console.log(`targets:        ${targets.join(', ')}`);
console.log(`files analysed: ${files}`);
console.log(`wall time:      ${median.toFixed(0)} ms (median of ${runs}; min ${times[0].toFixed(0)}, max ${times.at(-1).toFixed(0)})`);
console.log(`throughput:     ${((files / median) * 1000).toFixed(0)} files/s`);
console.log(`peak RSS:       ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log('findings by rule:');
for (const [id, n] of Object.entries(counts).sort()) console.log(`  ${id.padEnd(40)} ${n}`);
