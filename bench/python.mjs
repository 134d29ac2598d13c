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

function handlerSource(i) {
  return `import json
import os
import threading

import boto3

from lib.validate import validate

_table = None
TABLE = os.environ["TABLE_NAME"]


def table():
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(TABLE)
    return _table


def handler(event, context):
    body = json.loads(event.get("body") or "{}")
    errors = validate(body)
    if errors:
        return {"statusCode": 400, "body": json.dumps({"errors": errors})}
    existing = table().get_item(Key={"pk": body["id"]}).get("Item")
    if existing:
        return {"statusCode": 409, "body": "exists"}
    item = {"pk": body["id"], "n": ${i}, **body}
    table().put_item(Item=item)
    worker = threading.Thread(target=print, args=(item["pk"],))
    worker.start()
    worker.join()
    return {"statusCode": 201, "body": json.dumps(item)}
`;
}

function project(withSources) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-bench-python-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'src', 'lib'), { recursive: true });
  const functions = [];
  for (let i = 0; i < FILES; i++) {
    if (withSources) fs.writeFileSync(path.join(dir, 'src', `h${i}.py`), handlerSource(i));
    functions.push(`  f${i}:\n    handler: src/h${i}.handler\n`);
  }
  if (withSources) {
    fs.writeFileSync(path.join(dir, 'src', 'lib', '__init__.py'), '');
    fs.writeFileSync(path.join(dir, 'src', 'lib', 'validate.py'), 'def validate(body):\n    return [] if body.get("id") else ["id is required"]\n');
  }
  const statements = '      statements:\n        - Effect: Allow\n          Action: [dynamodb:GetItem, dynamodb:PutItem]\n          Resource: arn:aws:dynamodb:*:*:table/bench\n';
  fs.writeFileSync(path.join(dir, 'serverless.yml'), `service: bench\nprovider:\n  name: aws\n  runtime: python3.12\n  environment:\n    TABLE_NAME: bench\n  iam:\n    role:\n${statements}functions:\n${functions.join('')}`);
  return dir;
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

const withPython = project(true);
const configOnly = project(false);

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
