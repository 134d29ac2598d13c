import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers.js';

const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
}

let scan: { code: number | null; json: { filesAnalysed: number; findings: JsonFinding[] } } | undefined;
/** One scan of the corpus, shared by the tests below. */
function corpusScan(): NonNullable<typeof scan> {
  if (!scan) {
    const r = runCli([corpus, '--format', 'json']);
    scan = { code: r.code, json: JSON.parse(r.stdout) };
  }
  return scan;
}

/**
 * What Python's loaders make of each file, as SAM CLI, the AWS CLI and cfn-lint load templates
 * (PyYAML's safe loader taking any `!` tag, or json): one process for all files.
 */
const PYTHON_LOADER = `
import sys, json, yaml
class Loader(yaml.SafeLoader): pass
def any_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode): return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode): return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)
Loader.add_multi_constructor('!', any_tag)
for path in sys.stdin.read().splitlines():
    try:
        with open(path, encoding='utf-8') as f: text = f.read()
        if path.endswith('.json'): json.loads(text)
        else: yaml.load(text, Loader=Loader)
        print('accepted', path)
    except Exception:
        print('rejected', path)
`;

const hasPythonYaml = spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!fs.existsSync(corpus))('real-world corpus', () => {
  it('scans every file without crashing: malformed files become diagnostics', () => {
    const { code, json } = corpusScan();
    expect([0, 1]).toContain(code);
    expect(json.filesAnalysed).toBeGreaterThan(1500);
    const internal = json.findings.filter((f) => f.ruleId === 'faaslint/internal-error');
    expect(internal).toEqual([]);
    for (const f of json.findings) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.column).toBeGreaterThanOrEqual(1);
    }
  });

  it.skipIf(!hasPythonYaml)('reports a parse error only for files the deploy tools reject too (Python yaml/json)', () => {
    const files = [...new Set(corpusScan().json.findings.filter((f) => f.ruleId === 'faaslint/parse-error').map((f) => f.file))];
    const python = spawnSync('python3', ['-c', PYTHON_LOADER], { cwd: corpus, input: files.join('\n'), encoding: 'utf8' });
    expect(python.status, python.stderr).toBe(0);
    const verdicts = python.stdout.trim().split('\n').filter(Boolean);
    expect(verdicts).toHaveLength(files.length);
    expect(verdicts.filter((v) => v.startsWith('accepted'))).toEqual([]);
  });
});
