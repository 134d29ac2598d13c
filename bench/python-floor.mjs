// What a scan with Python handlers cannot go below: fresh processes that only start Node, load
// web-tree-sitter and the grammar, parse the generated project's files (trees freed unread), and
// parse and copy them (the analyses' input), against the CLI with and without the handler sources.
// The floor of the scan is the config-only scan plus the bare parses (less Node's own start-up).
// `node bench/python-floor.mjs` after `npm run build`; BENCH_PY_HANDLERS, BENCH_PY_RUNS as bench/python.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pythonProject } from './python-project.mjs';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = Number(process.env.BENCH_PY_HANDLERS ?? 300);
const RUNS = Number(process.env.BENCH_PY_RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const withPython = pythonProject(FILES, true);
const configOnly = pythonProject(FILES, false);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-floor-'));
const sources = path.join(withPython, 'src');

// Each step a script of its own, run in a fresh process.
const step = (name, body) => {
  const file = path.join(work, `${name}.mjs`);
  fs.writeFileSync(file, body);
  return [file];
};
const load = `
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(path.join(repo, 'package.json'))});
const { Parser, Language } = await import(require.resolve('web-tree-sitter'));
await Parser.init();
const grammar = path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'tree-sitter-python.wasm');
const parser = new Parser();
parser.setLanguage(await Language.load(new Uint8Array(fs.readFileSync(grammar))));
const dir = ${JSON.stringify(sources)};
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.py')).map((f) => path.join(dir, f));
`;
const steps = {
  'node start-up': ['-e', '0'],
  '+ parser load': step('load', load),
  '+ bare parses': step('parse', `${load}for (const f of files) parser.parse(fs.readFileSync(f, 'utf8')).delete();\n`),
  '+ parse and copy': step(
    'copy',
    `import fs from 'node:fs';
import path from 'node:path';
const { loadPythonParser, parsePython } = await import(${JSON.stringify(path.join(repo, 'dist/src/load/handler/python/parser.js'))});
await loadPythonParser();
const dir = ${JSON.stringify(sources)};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.py'))) parsePython(fs.readFileSync(path.join(dir, f), 'utf8'));
`,
  ),
  'CLI config-only': [path.join(repo, 'bin/faaslint.js'), configOnly, '-f', 'json', '--no-progress'],
  [`CLI ${FILES} Python handlers`]: [path.join(repo, 'bin/faaslint.js'), withPython, '-f', 'json', '--no-progress'],
};

// Interleaved, so that load from other processes falls on every step alike.
const times = Object.fromEntries(Object.keys(steps).map((k) => [k, []]));
for (let i = 0; i < RUNS; i++) {
  for (const [name, args] of Object.entries(steps)) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited with ${r.status}: ${r.stderr}`);
    times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
for (const [name, ms] of Object.entries(m)) console.log(`${name.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms`);
const floor = m['CLI config-only'] + m['+ bare parses'] - m['node start-up'];
const full = m[`CLI ${FILES} Python handlers`];
console.log(`floor (config-only + bare parses − start-up) ${floor.toFixed(0)} ms = ${(floor / m['CLI config-only']).toFixed(2)}× config-only; the scan is ${(full / m['CLI config-only']).toFixed(2)}× config-only, ${(full / floor).toFixed(2)}× the floor (wall, fresh processes, medians of ${RUNS})`);
for (const dir of [withPython, configOnly, work]) fs.rmSync(dir, { recursive: true, force: true });
