// The parse floor: only reading and parsing every discovered file with `yaml` (and nothing
// else), in a fresh process, as a baseline for the full scan. Prints milliseconds.
import fs from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { discover, repositoryRoot } from '../dist/src/discover.js';

const targets = process.argv.slice(2);
const root = repositoryRoot(targets[0]);
const started = performance.now();
const { candidates } = discover(targets, root);
for (const c of candidates) {
  const text = fs.readFileSync(c.path, 'utf8');
  parseDocument(text, { lineCounter: new LineCounter() });
}
console.log(JSON.stringify({ ms: performance.now() - started, files: candidates.length }));
