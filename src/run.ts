import path from 'node:path';
import { discover, repositoryRoot, toPosix } from './discover.js';
import type { Finding } from './engine/finding.js';
import { DIAGNOSTIC_PREFIX } from './engine/finding.js';
import type { Rule } from './engine/rule.js';
import { runRules } from './engine/runner.js';
import { loadProject } from './load/index.js';
import { pointLocation } from './location.js';
import type { Project } from './model.js';
import { RULES } from '../rules/index.js';

export interface LintOptions {
  readonly paths: readonly string[];
  readonly stage?: string;
  readonly region?: string;
  readonly params?: Readonly<Record<string, string>>;
  /** Resolve `${env:…}` from the process environment (off by default: CI secrets must not shape results). */
  readonly allowEnv?: boolean;
  readonly maxFileSize?: number;
  readonly rules?: readonly Rule[];
  /** The date date-based rules compare with (default: today). */
  readonly now?: Date;
}

export interface LintResult {
  /** Absolute path every finding's file is relative to: the repository root. */
  readonly root: string;
  readonly project: Project;
  readonly findings: readonly Finding[];
  readonly rules: readonly Rule[];
  readonly filesAnalysed: number;
  /** Handler source files parsed: each at most once per run. */
  readonly handlerParses: number;
  /** What `--debug` shows: skipped files and why. */
  readonly notes: readonly string[];
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/** The whole pipeline: discover → load → model → rules. Never prints; never throws for bad input. */
export async function lint(options: LintOptions): Promise<LintResult> {
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const root = repositoryRoot(paths[0]!);
  const discovery = discover(paths, root);
  const { project, filesAnalysed, notes, handlerParses } = loadProject(discovery.candidates, {
    root,
    ...(options.stage ? { stage: options.stage } : {}),
    ...(options.region ? { region: options.region } : {}),
    params: options.params ?? {},
    allowEnv: options.allowEnv ?? false,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
  });
  const rules = options.rules ?? RULES;
  const problems: Finding[] = discovery.problems.map((p) => ({
    ruleId: `${DIAGNOSTIC_PREFIX}read-error`,
    severity: 'error',
    message: `${p.message}`,
    location: pointLocation(toPosix(path.relative(root, path.resolve(p.path))) || p.path),
  }));
  const findings = [...problems, ...runRules(project, rules, options.now ?? new Date())];
  return { root, project, findings, rules, filesAnalysed, handlerParses, notes: [...discovery.notes, ...notes] };
}
