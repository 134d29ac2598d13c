// faaslint's speed on ../shared/corpus (or the paths given), measured as a user meets it: fresh
// processes, median of several runs. Prints the parse floor, the full scan, their ratio, peak
// RSS, cold start against bare node, and how a doubled corpus scales. `npm run bench`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '..', 'bin', 'faaslint.js');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const record = process.argv.includes('--record');
const corpus = args[0] ?? path.resolve(here, '..', '..', 'shared', 'corpus');
if (!fs.existsSync(corpus)) {
  console.error(`bench: ${corpus} does not exist`);
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function timed(argv, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const stats = /BENCH (\{.*\})/.exec(r.stderr ?? '');
  return { ms, stdout: r.stdout, ...(stats ? JSON.parse(stats[1]) : {}) };
}

function median(runs, fn) {
  const results = Array.from({ length: runs }, fn).sort((a, b) => a.ms - b.ms);
  return results[Math.floor(results.length / 2)];
}

// Interleaved, so that drift in the machine's speed affects the floor and the scans alike.
const floors = [];
const scans = [];
const singles = [];
for (let i = 0; i < RUNS; i++) {
  floors.push(timed([path.join(here, 'parse-floor.mjs'), corpus]));
  scans.push(timed([path.join(here, 'run-cli.mjs'), corpus, '-f', 'json']));
  singles.push(timed([path.join(here, 'run-cli.mjs'), corpus, '-f', 'json', '--threads', '1']));
}
const mid = (list) => [...list].sort((a, b) => a.ms - b.ms)[Math.floor(list.length / 2)];
const floor = mid(floors);
const scan = mid(scans);
const single = mid(singles);
const floorFiles = JSON.parse(floor.stdout).files;

// Each file twice, under another name: per-file work must scale linearly.
const doubled = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-'));
fs.mkdirSync(path.join(doubled, '.git'));
fs.cpSync(corpus, path.join(doubled, 'a'), { recursive: true });
fs.cpSync(corpus, path.join(doubled, 'b'), { recursive: true });
const twice = median(RUNS, () => timed([path.join(here, 'run-cli.mjs'), doubled, '-f', 'json']));
fs.rmSync(doubled, { recursive: true, force: true });

const small = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-small-'));
fs.writeFileSync(path.join(small, 'serverless.yml'), 'service: s\nprovider:\n  name: aws\n  runtime: nodejs22.x\nfunctions:\n  f:\n    handler: h.f\n');
const COLD = Math.max(RUNS, 7);
const nodeStart = median(COLD, () => timed(['-e', '0']));
const coldStart = median(COLD, () => timed([bin, path.join(small, 'serverless.yml')]));
fs.rmSync(small, { recursive: true, force: true });

const files = floorFiles;
const lines = [
  `machine:            ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism?.() ?? os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  `corpus:             ${corpus} (${files} files discovered)`,
  `(a) parse floor:    ${floor.ms.toFixed(0)} ms  (read + yaml.parseDocument of every file, fresh process)`,
  `(b) full scan:      ${scan.ms.toFixed(0)} ms  (faaslint CLI, fresh process, default threads; ${((files / scan.ms) * 1000).toFixed(0)} files/s)`,
  `    single thread:  ${single.ms.toFixed(0)} ms  (--threads 1)`,
  `(c) ratio:          ${(scan.ms / floor.ms).toFixed(2)} × the parse floor (single thread ${(single.ms / floor.ms).toFixed(2)} ×; target ≤ 1.3)`,
  `(d) peak RSS:       ${scan.maxRssMb.toFixed(0)} MB (single thread ${single.maxRssMb.toFixed(0)} MB; target ≤ 300)`,
  `(e) cold start:     ${coldStart.ms.toFixed(0)} ms vs node -e 0 ${nodeStart.ms.toFixed(0)} ms = ${(coldStart.ms / nodeStart.ms).toFixed(2)} × (target ≤ 3)`,
  `(f) doubled corpus: ${twice.ms.toFixed(0)} ms = ${(twice.ms / scan.ms).toFixed(2)} × the single corpus (target ≤ 2.1)`,
];
console.log(lines.join('\n'));
if (record) {
  const file = path.join(here, 'RESULTS.md');
  const entry = `\n## ${new Date().toISOString().slice(0, 10)}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n`;
  // Appended: the file keeps the history of runs, newest last.
  fs.appendFileSync(file, entry);
  console.log(`recorded in ${path.relative(process.cwd(), file)}`);
}
