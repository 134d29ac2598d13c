import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lint } from '../src/run.js';
import type { Project } from '../src/model.js';

export const repoRoot = path.resolve(import.meta.dirname, '..');

export async function loadModel(rel: string, options: { stage?: string; params?: Record<string, string> } = {}): Promise<Project> {
  // The repository root is given, so paths and ids are the same in a checkout without .git.
  const result = await lint({ paths: [path.join(repoRoot, rel)], root: repoRoot, rules: [], ...options });
  return result.project!;
}

export function at(loc: { line: number; column: number }): string {
  return `${loc.line}:${loc.column}`;
}

/** A scratch project: a folder with a `.git` (so it is its own repository) holding the given files. */
export function tempProject(files: Record<string, string | Buffer>, prefix = 'faaslint-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export const bin = path.join(repoRoot, 'bin', 'faaslint.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI as a user does, in a fresh Node process; colour is off unless `env` turns it on. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Readonly<Record<string, string | undefined>>; nodeArgs?: readonly string[] } = {}): CliRun {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** One error (wildcard action, line 8), one warning (wildcard CORS, line 15). */
export const MIXED = `service: s
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: "s3:*"
          Resource: arn:aws:s3:::b/*
functions:
  f:
    handler: h.f
    events:
      - http:
          cors: true
          path: x
          method: get
          authorizer: aws_iam
`;
