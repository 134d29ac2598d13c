import path from 'node:path';
import { ignoreRules as ignore } from './ignore-rules.js';
import { discover, isInside, repositoryRoot, toPosix } from './discover.js';
import { ConfigError, findConfig, loadConfig, type Config } from './config.js';
import { applyBaseline, readBaseline } from './engine/baseline.js';
import type { Finding } from './engine/finding.js';
import { sortAndDedupe } from './engine/finding.js';
import { diagnosticRuleId, DIAGNOSTIC_CODES } from './diagnostics.js';
import { withFingerprints } from './engine/fingerprint.js';
import { META_RULES } from './engine/meta-rules.js';
import { configurableIds } from './config-schema.js';
import type { Rule } from './engine/rule.js';
import { analyse, type AnalysisOutcome } from './analyse.js';
import { analyseInParallel, partition, workerCount } from './parallel.js';
import { SourceLines } from './engine/source-lines.js';
import { applySuppressions } from './engine/suppressions.js';
import { pointLocation, type Location } from './location.js';
import type { Project } from './model.js';
import { sortNotAnalysed, type NotAnalysed } from './not-analysed.js';
import { RULES } from '../rules/index.js';
import { maxOf } from './arrays.js';
import { clearConfinementCache } from './fs/confined.js';

export interface LintOptions {
  readonly paths: readonly string[];
  /** The repository every path belongs to: findings are relative to it, nothing outside it is read (default: the git work tree around each path, else the path). */
  readonly root?: string;
  readonly stage?: string;
  readonly region?: string;
  readonly params?: Readonly<Record<string, string>>;
  /** Resolve `${env:…}` from the process environment (off by default: CI secrets must not shape results). */
  readonly allowEnv?: boolean;
  readonly maxFileSize?: number;
  /** The rules to run (default: every rule, as configured). */
  readonly rules?: readonly Rule[];
  /** The date date-based rules compare with (default: today). */
  readonly now?: Date;
  /** A config file; `false` skips looking for one (default: `faaslint.config.*` in cwd or the repository root). */
  readonly config?: string | false;
  readonly cwd?: string;
  /** Honour inline and Metadata suppressions (default true; `--no-inline-config` turns them off for audits). */
  readonly inlineConfig?: boolean;
  readonly reportUnusedSuppressions?: boolean;
  /** A baseline file: findings it lists are left out. */
  readonly baseline?: string;
  /** Use worker threads for large scans (the CLI does; library callers get the model only without it). */
  readonly parallel?: boolean;
  /** How many threads at most (default 1: measured on two cores, more threads were slower; see bench/RESULTS.md). */
  readonly threads?: number;
  /** Progress of the scan (0–1: config files, then handlers, then rules), with the file or rule at work. */
  readonly onProgress?: (fraction: number, file: string) => void;
}

export interface LintResult {
  /** Absolute path every finding's file is relative to: the repository root (the folder holding them all, for several). */
  readonly root: string;
  /** The model; absent when the analysis ran on worker threads (`parallel`), which return findings only, or when the paths span several repositories. */
  readonly project?: Project;
  /** The model of each repository scanned (not those analysed on worker threads). */
  readonly projects: readonly Project[];
  /** Findings to report: not suppressed, not in the baseline. */
  readonly findings: readonly Finding[];
  /** Findings a suppression matched, with its justification. */
  readonly suppressed: readonly Finding[];
  /** Findings the baseline accepted, and baseline entries no longer found. */
  readonly baselined: number;
  readonly staleBaselineEntries: number;
  readonly rules: readonly Rule[];
  readonly config: Config;
  /** Config files (Serverless configs, SAM and CloudFormation templates) analysed. */
  readonly filesAnalysed: number;
  /** Handler source files analysed (handlers and the local modules they import). */
  readonly handlerFilesAnalysed: number;
  /** What was not analysed and why (functions of other runtimes, images, inline code, configs written as code, unparsable files). */
  readonly notAnalysed: readonly NotAnalysed[];
  /** Handler source files parsed: each at most once per run (per thread). */
  readonly handlerParses: number;
  /** What `--debug` shows: skipped files and why. */
  readonly notes: readonly string[];
  /** Threads the analysis used. */
  readonly threads: number;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
/** One thread unless asked: on the two-core machines CI runners often are, workers made scans slower (bench/RESULTS.md). */
export const DEFAULT_THREADS = 1;

/** What one repository's share of a run produces, with paths relative to that repository. */
interface ScopeResult {
  readonly root: string;
  readonly project?: Project;
  readonly findings: Finding[];
  readonly suppressed: Finding[];
  readonly rules: readonly Rule[];
  readonly config: Config;
  readonly filesAnalysed: number;
  readonly handlerFiles: ReadonlySet<string>;
  readonly notAnalysed: NotAnalysed[];
  readonly handlerParses: number;
  readonly notes: string[];
  readonly threads: number;
}

/** The paths grouped by the repository each belongs to, in the order they were given. */
function byRepository(paths: readonly string[]): { root: string; paths: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const root = repositoryRoot(p);
    groups.set(root, [...(groups.get(root) ?? []), p]);
  }
  return [...groups].map(([root, list]) => ({ root, paths: list }));
}

/** The deepest folder holding every root: where a multi-repository report's paths start. */
function commonFolder(roots: readonly string[]): string {
  let common = roots[0]!;
  for (const r of roots.slice(1)) while (!isInside(common, r)) common = path.dirname(common);
  return common;
}

function rebase(loc: Location, prefix: string): Location {
  return prefix ? { ...loc, file: `${prefix}/${loc.file}` } : loc;
}

function rebaseFinding(f: Finding, prefix: string): Finding {
  if (!prefix) return f;
  return {
    ...f,
    location: rebase(f.location, prefix),
    ...(f.related ? { related: f.related.map((r) => ({ ...r, location: rebase(r.location, prefix) })) } : {}),
    ...(f.fix ? { fix: { ...f.fix, replacements: f.fix.replacements.map((r) => ({ ...r, at: rebase(r.at, prefix) })) } } : {}),
  };
}

/**
 * The whole pipeline: discover → load → model → rules → suppressions/baseline. Never prints;
 * throws ConfigError or BaselineError for bad configuration only. Each path is read within its
 * own repository (its config file, its ignore rules, its confinement); with several
 * repositories, reported paths start at the folder that holds them all. With `parallel`, large
 * scans are split across worker threads.
 */
export async function lint(options: LintOptions): Promise<LintResult> {
  // Real paths resolved by an earlier run in this process (an editor, a watch) may have changed.
  clearConfinementCache();
  const paths = options.paths.length > 0 ? options.paths : ['.'];
  const scopes = options.root !== undefined ? [{ root: path.resolve(options.root), paths: [...paths] }] : byRepository(paths);
  const root = scopes.length === 1 ? scopes[0]!.root : commonFolder(scopes.map((s) => s.root));
  // The baseline is read and validated first: a bad one fails the run before the scan, not after it.
  const baseline = options.baseline ? readBaseline(options.baseline, repositoryRoot(options.baseline)) : undefined;
  const results: ScopeResult[] = [];
  for (const [i, scope] of scopes.entries()) {
    const onProgress = options.onProgress && ((fraction: number, file: string) => options.onProgress!((i + fraction) / scopes.length, file));
    results.push(await lintRepository(scope.root, scope.paths, { ...options, ...(onProgress ? { onProgress } : {}) }));
  }
  const prefixOf = (r: ScopeResult) => toPosix(path.relative(root, r.root));
  let findings = sortAndDedupe(results.flatMap((r) => r.findings.map((f) => rebaseFinding(f, prefixOf(r)))));
  let baselined = 0;
  let staleBaselineEntries = 0;
  if (baseline) {
    const result = applyBaseline(findings, baseline);
    findings = result.fresh;
    baselined = result.known;
    staleBaselineEntries = result.stale;
  }
  const rules = RULES.filter((rule) => results.some((r) => r.rules.includes(rule)));
  const projects = results.flatMap((r) => (r.project ? [r.project] : []));
  return {
    root,
    ...(results.length === 1 && results[0]!.project ? { project: results[0]!.project } : {}),
    projects,
    findings,
    suppressed: sortAndDedupe(results.flatMap((r) => r.suppressed.map((f) => rebaseFinding(f, prefixOf(r))))),
    baselined,
    staleBaselineEntries,
    rules: options.rules ? results[0]!.rules : rules,
    config: results[0]!.config,
    filesAnalysed: results.reduce((n, r) => n + r.filesAnalysed, 0),
    handlerFilesAnalysed: results.reduce((n, r) => n + r.handlerFiles.size, 0),
    notAnalysed: sortNotAnalysed(results.flatMap((r) => r.notAnalysed.map((n) => (prefixOf(r) ? { ...n, file: `${prefixOf(r)}/${n.file}` } : n)))),
    handlerParses: results.reduce((n, r) => n + r.handlerParses, 0),
    notes: results.flatMap((r) => r.notes),
    threads: maxOf(results.map((r) => r.threads)),
  };
}

/** One repository's share of the run: its config, its files, its findings (paths relative to `root`). */
async function lintRepository(root: string, paths: readonly string[], options: LintOptions): Promise<ScopeResult> {
  const cwd = options.cwd ?? process.cwd();
  const allRules = options.rules ?? RULES;
  const config = loadConfig(options.config === false ? undefined : findConfig(options.config, cwd, root), configurableIds(RULES));
  const rules = allRules.filter((r) => config.rules[r.id] !== 'off');
  const ignored = ignore().add([...config.ignore]);
  const discovery = discover(paths, root);
  const candidates = discovery.candidates.filter((c) => !ignored.ignores(toPosix(path.relative(root, c.path)) || '.'));
  const load = {
    root,
    ...((options.stage ?? config.stage) ? { stage: options.stage ?? config.stage } : {}),
    ...((options.region ?? config.region) ? { region: options.region ?? config.region } : {}),
    params: { ...config.params, ...options.params },
    allowEnv: options.allowEnv ?? false,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
  };
  const now = (options.now ?? new Date()).getTime();
  const threads = options.parallel && options.rules === undefined ? Math.min(workerCount(candidates.length), options.threads ?? DEFAULT_THREADS) : 1;
  let outcome: AnalysisOutcome;
  let project: Project | undefined;
  if (threads > 1) {
    const shares = partition(candidates, root, threads);
    outcome = await analyseInParallel(
      shares.map((share) => ({ candidates: share, load, ruleIds: rules.map((r) => r.id), now })),
      // The main thread's share stands for the whole scan's progress: the shares are balanced.
      async (job) => (await analyse(job, rules, options.onProgress)).outcome,
    );
  } else {
    ({ outcome, project } = await analyse(
      { candidates, load, ruleIds: rules.map((r) => r.id), now },
      rules,
      options.onProgress,
    ));
  }
  const problems: Finding[] = discovery.problems.map((p) => ({
    ruleId: diagnosticRuleId('read-error'),
    severity: DIAGNOSTIC_CODES['read-error'].severity,
    message: p.message,
    location: pointLocation(isInside(root, path.resolve(p.path)) ? toPosix(path.relative(root, path.resolve(p.path))) || '.' : path.basename(p.path)),
  }));
  const raw = [...problems, ...outcome.findings].filter((f) => !ignored.ignores(f.location.file));
  // A file skipped as too large is not read again for suppressions or fingerprints (others refused are refused there too).
  const refused = new Set(raw.filter((f) => f.ruleId === diagnosticRuleId('file-too-large')).map((f) => f.location.file));
  const sources = new SourceLines(root, load.maxFileSize, refused);
  const outcomeOfSuppressions = applySuppressions(raw, outcome.suppressions, sources, {
    inline: options.inlineConfig ?? !config.noInlineConfig,
    reportUnused: options.reportUnusedSuppressions ?? config.reportUnusedSuppressions ?? false,
    knownRules: new Set([...RULES.map((r) => r.id), ...Object.keys(META_RULES)]),
    extraFiles: outcome.scannedFiles,
  });
  // Severities from the config, for rules, meta rules and diagnostics alike (after suppressions, which make meta findings).
  const configured = (list: readonly Finding[]) =>
    list.flatMap((f) => {
      const setting = config.rules[f.ruleId];
      return setting === 'off' ? [] : setting ? [{ ...f, severity: setting }] : [f];
    });
  const active = configured(outcomeOfSuppressions.active);
  const suppressed = configured(outcomeOfSuppressions.suppressed);
  return {
    root,
    ...(project ? { project } : {}),
    findings: withFingerprints(sortAndDedupe(active), sources),
    suppressed: withFingerprints(sortAndDedupe(suppressed), sources),
    rules,
    config,
    filesAnalysed: outcome.filesAnalysed,
    handlerFiles: new Set(outcome.handlerFiles.filter((f) => !ignored.ignores(f))),
    notAnalysed: outcome.notAnalysed.filter((n) => !ignored.ignores(n.file)),
    handlerParses: outcome.handlerParses,
    notes: [...discovery.notes, ...outcome.notes],
    threads,
  };
}

export { ConfigError };
