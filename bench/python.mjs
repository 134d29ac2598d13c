// Python handler analysis cost: the parser's cold load (web-tree-sitter + tree-sitter-python, in a
// fresh process), the time per handler file, and a generated project of Python handlers scanned by
// the CLI against the same project without its handler sources (config-only: every function is then
// "handler not found", so config loading, resolution and rules are the same work). Part of `npm run bench`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../dist/src/run.js';
import { pythonProject } from './python-project.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');
const FILES = Number(process.env.BENCH_PY_HANDLERS ?? 300);
const RUNS = Number(process.env.BENCH_PY_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function parserLoadMs() {
  const parser = path.join(repo, 'dist/src/load/handler/python/parser.js');
  const script = `const t = process.hrtime.bigint(); import(${JSON.stringify(parser)}).then((m) => m.loadPythonParser()).then(() => console.log(Number(process.hrtime.bigint() - t) / 1e6));`;
  return median([0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))));
}

// The CPU time a scan process used (user + system), printed as it exits: steadier than wall time
// when other processes share the cores.
const cpuHook = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-cpu-')), 'cpu.cjs');
fs.writeFileSync(cpuHook, "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(2, `\\ncpu-ms ${(u.user + u.system) / 1000}\\n`); });\n");

/** One CLI scan in a fresh process, as a user or CI runs it: wall and CPU time in ms. */
function cliMs(dir) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', cpuHook, path.join(repo, 'bin/faaslint.js'), dir, '-f', 'json', '--no-progress'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`faaslint exited with ${r.status}: ${r.stderr}`);
  return { wall: Number(process.hrtime.bigint() - t) / 1e6, cpu: Number(/cpu-ms ([\d.]+)/.exec(r.stderr)?.[1]) };
}

const withPython = pythonProject(FILES, true);
const configOnly = pythonProject(FILES, false);

await lint({ paths: [withPython] }); // warm-up (loads the parser)
const warm = [];
let result;
for (let i = 0; i < 3; i++) {
  const t = process.hrtime.bigint();
  result = await lint({ paths: [withPython] });
  warm.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const warmConfig = [];
for (let i = 0; i < 3; i++) {
  const t = process.hrtime.bigint();
  await lint({ paths: [configOnly] });
  warmConfig.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const analysed = result.notAnalysed.filter((n) => n.function).length === 0;

// Interleaved, so that load from other processes falls on both sides alike.
const cold = [];
const coldConfig = [];
for (let i = 0; i < RUNS; i++) {
  cold.push(cliMs(withPython));
  coldConfig.push(cliMs(configOnly));
}
const load = parserLoadMs();
const perFile = (median(warm) - median(warmConfig)) / result.handlerParses;
console.log(`python:         ${FILES} handler files + a package (${result.handlerParses} parses, once each${analysed ? '' : '; SOME FUNCTIONS NOT ANALYSED'})`);
console.log(`parser load:    ${load.toFixed(0)} ms (web-tree-sitter + tree-sitter-python wasm, cold, once per run)`);
console.log(`per file:       ${perFile.toFixed(2)} ms per Python handler file (parse + analysis, warm: ${median(warm).toFixed(0)} ms with handlers − ${median(warmConfig).toFixed(0)} ms config-only, medians of 3)`);
for (const kind of ['wall', 'cpu']) {
  const a = median(cold.map((r) => r[kind]));
  const b = median(coldConfig.map((r) => r[kind]));
  console.log(`CLI scan ${kind.padEnd(5)} ${a.toFixed(0)} ms with ${FILES} Python handlers vs ${b.toFixed(0)} ms config-only (handler sources absent), fresh processes, interleaved medians of ${RUNS}: ${(a / b).toFixed(2)}× (target < 2×)`);
}
fs.rmSync(withPython, { recursive: true, force: true });
fs.rmSync(configOnly, { recursive: true, force: true });
fs.rmSync(path.dirname(cpuHook), { recursive: true, force: true });
