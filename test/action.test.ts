import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from './helpers.js';

const script = path.join(repoRoot, 'scripts', 'action-scan.sh');
const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'continue-on-error'?: boolean;
  'working-directory'?: string;
}
const action = parseYaml(fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  runs: { using: string; steps: Step[] };
};
const step = (name: string) => action.runs.steps.find((s) => s.name === name)!;
const usesLine = fs.readFileSync(path.join(repoRoot, 'action.yml'), 'utf8').split('\n').find((l) => l.includes('upload-sarif@'))!;

/**
 * Runs the scan step's script with a stand-in for npx that records its arguments and, like
 * faaslint, writes the SARIF file it was asked for (or not) and exits with the given code.
 */
function scan(env: Record<string, string>, stub: { code?: number; writes?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faaslint-action-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(
    path.join(bin, 'npx'),
    `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > "${dir}/argv"\nfor a in "$@"; do case "$a" in sarif=*) ${stub.writes === false ? ':' : `echo '{}' > "\${a#sarif=}"`} ;; esac; done\necho "::error file=x.yml,line=1::found"\nexit ${stub.code ?? 1}\n`,
    { mode: 0o755 },
  );
  const output = path.join(dir, 'output');
  const r = spawnSync('bash', [script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: dir, GITHUB_OUTPUT: output, FAASLINT_PINNED: action.runs.steps[0]!.env!.FAASLINT_PINNED!, ...env },
  });
  const outputs = Object.fromEntries(
    (fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, argv: fs.existsSync(path.join(dir, 'argv')) ? fs.readFileSync(path.join(dir, 'argv'), 'utf8').trimEnd().split('\n') : [], outputs, dir };
}

describe('the Action', () => {
  it('runs the version this release pins, once, writing SARIF and annotations from the same scan', () => {
    expect(action.runs.steps[0]!.env!.FAASLINT_PINNED).toBe(version);
    const r = scan({ FAASLINT_PATHS: '.' });
    expect(r.status).toBe(0);
    expect(r.argv).toEqual(['--yes', '--package', `faaslint@${version}`, '--', 'faaslint', '.', '-o', `sarif=${r.dir}/faaslint.sarif`, '-o', 'github']);
    expect(r.stdout).toMatch(/^::error file=x\.yml/m);
    expect(r.outputs).toEqual({ 'sarif-file': `${r.dir}/faaslint.sarif`, 'sarif-written': 'true', 'exit-code': '1' });
  });

  it('passes --fail-on only when it is set, so failOn in the config applies otherwise', () => {
    expect(action.inputs['fail-on']!.default).toBe('');
    expect(scan({ FAASLINT_PATHS: '.' }).argv).not.toContain('--fail-on');
    expect(scan({ FAASLINT_PATHS: '.', FAASLINT_FAIL_ON: 'warning' }).argv).toContain('--fail-on');
  });

  it('quotes paths and args: no globbing, no command execution, quotes respected', () => {
    const r = scan({ FAASLINT_PATHS: '*.yml svc', FAASLINT_ARGS: `--stage "my stage" --param key='a b' $(touch pwned) \`touch pwned2\`` });
    expect(r.argv.slice(5)).toEqual(['*.yml', 'svc', '-o', `sarif=${r.dir}/faaslint.sarif`, '-o', 'github', '--stage', 'my stage', '--param', 'key=a b', '$(touch', 'pwned)', '`touch', 'pwned2`']);
    expect(fs.existsSync(path.join(r.dir, 'pwned')) || fs.existsSync(path.join(r.dir, 'pwned2'))).toBe(false);
    const lines = scan({ FAASLINT_PATHS: 'services/my api\n  services/billing  \n\n' });
    expect(lines.argv.slice(5, 7)).toEqual(['services/my api', 'services/billing']);
  });

  it('a version input may name another version or a packed tarball', () => {
    expect(scan({ FAASLINT_VERSION: '0.2.0' }).argv.slice(0, 3)).toEqual(['--yes', '--package', 'faaslint@0.2.0']);
    expect(scan({ FAASLINT_VERSION: './faaslint-0.1.0.tgz' }).argv.slice(0, 3)).toEqual(['--yes', '--package', './faaslint-0.1.0.tgz']);
  });

  it('when faaslint never ran (npx failed), that is a failure (2), not findings', () => {
    const r = scan({ FAASLINT_PATHS: '.' }, { code: 1, writes: false });
    expect(r.outputs).toMatchObject({ 'sarif-written': 'false', 'exit-code': '2' });
    expect(r.stdout).toMatch(/^::error title=faaslint::faaslint did not run/m);
  });

  it('installs and builds nothing at run time', () => {
    expect(action.runs.using).toBe('composite');
    for (const s of action.runs.steps) expect(s.run ?? '', s.name).not.toMatch(/npm (ci|install)|npm run build|tsc/);
    expect(step('Scan').run).toBe('bash "$GITHUB_ACTION_PATH/scripts/action-scan.sh"');
  });

  it('uploads with upload-sarif v4 pinned by commit, unless cancelled, and says when the upload failed', () => {
    expect(usesLine).toMatch(/uses: github\/codeql-action\/upload-sarif@[0-9a-f]{40} # v4\.\d+\.\d+$/);
    const upload = step('Upload SARIF');
    expect(upload.if).toMatch(/^\$\{\{ !cancelled\(\) && /);
    expect(JSON.stringify(action)).not.toMatch(/always\(\)/);
    expect(upload.with).toMatchObject({ checkout_path: '${{ inputs.checkout-path }}', category: '${{ inputs.category }}' });
    expect(step('Scan')['working-directory']).toBe('${{ inputs.checkout-path }}');
    expect(step('Say that the upload failed').if).toBe("${{ !cancelled() && steps.upload.outcome == 'failure' }}");
    expect(step('Say that the upload failed').run).toMatch(/^echo "::warning /);
  });

  it('never interpolates expressions into scripts (inputs reach them through env)', () => {
    for (const s of action.runs.steps) expect(s.run ?? '', s.name).not.toMatch(/\$\{\{/);
  });
});
