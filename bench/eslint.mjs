// The ESLint plugin's cost: linting the example app's handlers through ESLint with the plugin,
// against the same ESLint run without it (the parser's and ESLint's own work). Part of `npm run bench`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import faaslint from '../dist/src/eslint/plugin.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..');
const app = path.join(repo, 'fixtures', 'projects', 'example-app');
const ROUNDS = Number(process.env.BENCH_ESLINT_ROUNDS ?? 60);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

const t0 = process.hrtime.bigint();
const config = faaslint.handlers({ root: app });
const firstHandlersMs = ms(t0);
const handlersMs = median(
  [0, 1, 2, 3, 4].map(() => {
    const t = process.hrtime.bigint();
    faaslint.handlers({ root: app });
    return ms(t);
  }),
);
const files = Object.keys(config.settings.faaslint.handlers).map((f) => ({ file: path.join(repo, f), text: fs.readFileSync(path.join(repo, f), 'utf8') }));

/** Milliseconds per file of linting every handler file, in memory (no file reads, no config loading), without and with the plugin. */
function perFile(base, plugged) {
  const linter = new Linter({ cwd: repo });
  const round = (configs) => {
    const t = process.hrtime.bigint();
    for (const f of files) linter.verify(f.text, configs, { filename: f.file });
    return ms(t) / files.length;
  };
  round(base);
  round(plugged); // warm-up
  // Interleaved rounds, so that load from other processes weighs on both sides alike; the overhead is the median of the differences.
  const without = [];
  const withPlugin = [];
  const overhead = [];
  for (let i = 0; i < ROUNDS; i++) {
    const a = round(base);
    const b = round(plugged);
    without.push(a);
    withPlugin.push(b);
    overhead.push(b - a);
  }
  return { base: median(without), plugged: median(withPlugin), overhead: median(overhead) };
}

const withoutPlugin = { ...config, rules: Object.fromEntries(Object.keys(config.rules).map((id) => [id, 'off'])) };
const parsers = { espree: [], 'typescript-eslint': [{ files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: { parser: tsParser } }] };
const rows = Object.entries(parsers).map(([parser, extra]) => ({ parser, ...perFile([withoutPlugin, ...extra], [config, ...extra]) }));

// End to end as the editor or `npx eslint` does it: a new ESLint, the config loaded, files read.
const endToEnd = median(
  [0, 1, 2, 3, 4].map(() => {
    const t = process.hrtime.bigint();
    return new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: [config, ...parsers['typescript-eslint']] }).lintFiles(files.map((f) => f.file)).then(() => ms(t));
  }),
);

console.log(`\nESLint plugin on the example app's ${files.length} handler files (${ROUNDS} rounds, median)`);
console.log(`  faaslint.handlers(): ${firstHandlersMs.toFixed(1)} ms first call (loaders loaded), ${handlersMs.toFixed(1)} ms after`);
for (const r of rows) {
  console.log(`  ${r.parser.padEnd(18)} ESLint without the plugin ${r.base.toFixed(2)} ms/file, with it ${r.plugged.toFixed(2)} ms/file: plugin overhead ${r.overhead.toFixed(2)} ms/file`);
}
console.log(`  ESLint Node API, @typescript-eslint/parser, all ${files.length} files: ${(await endToEnd).toFixed(0)} ms`);
