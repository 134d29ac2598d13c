import path from 'node:path';
import { Command, Option } from 'commander';
import { baselineText } from '../engine/baseline.js';
import { SEVERITY_RANK } from '../engine/finding.js';
import type { Severity } from '../model.js';
import { configsFound } from '../not-analysed.js';
import { terminalProgress } from '../progress.js';
import { projectsOf } from '../projects.js';
import { FORMATS, formatReport, type Format } from '../report/formats.js';
import { reportInputOf } from '../report/types.js';
import { escapeControl } from '../report/sanitize.js';
import { DEFAULT_MAX_FILE_SIZE, lint } from '../run.js';
import { EXIT_CLEAN, EXIT_FAILURE, EXIT_FINDINGS } from './exit-codes.js';
import { checkWritable, useColour, writeFile, type Io } from './io.js';
import { collect, collectParam, isoDate, wholeNumber } from './options.js';
import { outputSpecs } from './outputs.js';

interface ScanOptions {
  format: Format;
  output?: string[];
  config?: string;
  stage?: string;
  region?: string;
  param: Record<string, string>;
  allowEnv?: boolean;
  debug?: boolean;
  failOn?: Severity;
  maxWarnings?: number;
  maxFileSize: number;
  color?: boolean;
  now?: Date;
  inlineConfig: boolean;
  reportUnusedSuppressions?: boolean;
  includeSuppressed?: boolean;
  baseline?: string;
  writeBaseline?: string;
  projectsOf?: boolean;
  threads?: number;
  quiet?: boolean;
  progress: boolean;
  allowEmpty?: boolean;
}

/** `faaslint [scan] [paths...]`: the options a scan takes, also shown by `faaslint scan --help`. */
export function scanCommand(io: Io, run: (code: Promise<number>) => void): Command {
  return new Command('scan')
    .description('scan paths for security and permission problems (the default command)')
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'report format').choices(FORMATS).default('stylish'))
    .option('-o, --output <target>', 'write a report: FILE (in --format), FORMAT=FILE, or FORMAT to stdout; repeatable', collect)
    .option('-c, --config <file>', 'configuration file (default: faaslint.config.yaml|yml|json in the working directory or repository root)')
    .option('--stage <stage>', 'Serverless stage for ${opt:stage} and ${sls:stage}')
    .option('--region <region>', 'Serverless region for ${opt:region}')
    .option('--param <key=value>', 'Serverless ${param:key} value (repeatable)', collectParam, {})
    .option('--allow-env', 'resolve ${env:...} variables from the environment')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1 (default: failOn from the config, else error)').choices(['error', 'warning', 'note']))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', wholeNumber(0))
    .option('--max-file-size <bytes>', 'skip larger files with a diagnostic', wholeNumber(1), DEFAULT_MAX_FILE_SIZE)
    .option('--now <YYYY-MM-DD>', 'the date to judge runtime deprecation against (default: today)', isoDate)
    .option('--no-inline-config', 'ignore inline and Metadata suppressions (audits)')
    .option('--report-unused-suppressions', 'report suppressions that match no finding')
    .option('--include-suppressed', 'list suppressed findings too, with their reason, in every format')
    .option('--baseline <file>', 'report only findings not recorded in this baseline')
    .option('--write-baseline <file>', 'record the current findings as the accepted baseline')
    .option('--projects-of', 'treat the paths as changed files and scan the projects they belong to (pre-commit)')
    .option('--allow-empty', 'exit 0 rather than 2 when no config file is found (monorepo jobs whose paths may hold none)')
    .option('--threads <n>', 'worker threads (default: 1; more only pays on large scans with spare cores, see bench/RESULTS.md)', wholeNumber(1))
    .option('-q, --quiet', 'report errors only (warnings and notes are not reported and do not fail the run)')
    .option('--no-progress', 'no progress display on a terminal')
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'explain on stderr which files and functions were skipped and why')
    .action((paths: string[], options: ScanOptions) => run(scan(paths, options, io)));
}

async function scan(argPaths: readonly string[], options: ScanOptions, io: Io): Promise<number> {
  const env = io.env ?? process.env;
  const outputs = outputSpecs(options.format, options.output);
  // A target that would be refused is refused before the scan, not after it.
  for (const file of [...outputs.flatMap((o) => (o.file ? [o.file] : [])), ...(options.writeBaseline ? [options.writeBaseline] : [])]) checkWritable(io, file);
  const started = Date.now();
  let paths = argPaths.length > 0 ? [...argPaths] : ['.'];
  if (options.projectsOf) {
    paths = projectsOf(paths.map((p) => path.resolve(io.cwd, p)));
    if (paths.length === 0) {
      if (options.debug) io.stderr('debug: no serverless project touched\n');
      return EXIT_CLEAN;
    }
  }
  const showProgress = Boolean(io.stderrIsTTY) && options.progress && !options.quiet && !env.CI;
  const progress = showProgress ? terminalProgress(io.stderr, io.cwd, started) : undefined;
  let result;
  try {
    result = await lint({
      ...(progress ? { onProgress: progress.update } : {}),
      paths: paths.map((p) => path.resolve(io.cwd, p)),
      cwd: io.cwd,
      parallel: true,
      ...(options.threads ? { threads: options.threads } : {}),
      ...(options.config ? { config: path.resolve(io.cwd, options.config) } : {}),
      ...(options.stage ? { stage: options.stage } : {}),
      ...(options.region ? { region: options.region } : {}),
      params: options.param,
      allowEnv: Boolean(options.allowEnv),
      maxFileSize: options.maxFileSize,
      // Only the flag's explicit "no" overrides the config file.
      ...(options.inlineConfig === false ? { inlineConfig: false } : {}),
      ...(options.reportUnusedSuppressions ? { reportUnusedSuppressions: true } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.baseline ? { baseline: path.resolve(io.cwd, options.baseline) } : {}),
    });
  } finally {
    progress?.done();
  }
  if (options.debug) for (const note of result.notes) io.stderr(`debug: ${escapeControl(note)}\n`);
  if (options.writeBaseline) {
    writeFile(io, options.writeBaseline, baselineText(result.findings));
    io.stderr(`faaslint: wrote ${result.findings.length} findings to baseline ${escapeControl(options.writeBaseline)}\n`);
  }
  // --quiet as in ESLint: what is below error is neither reported nor counted.
  const shown = options.quiet ? { ...result, findings: result.findings.filter((f) => f.severity === 'error'), suppressed: result.suppressed.filter((f) => f.severity === 'error') } : result;
  const input = reportInputOf(shown, { includeSuppressed: Boolean(options.includeSuppressed), elapsedMs: Date.now() - started });
  for (const out of outputs) {
    const text = formatReport(out.format, input, { colour: out.file === undefined && useColour(io, options.color), cwd: io.cwd });
    if (out.file) writeFile(io, out.file, text);
    else io.stdout(text);
  }
  if (configsFound(result.filesAnalysed, result.notAnalysed) === 0 && !options.allowEmpty) {
    io.stderr(nothingFoundMessage(paths, result.notAnalysed.length, io.cwd, '--allow-empty'));
    return EXIT_FAILURE;
  }
  if (options.writeBaseline) return EXIT_CLEAN;
  const threshold = SEVERITY_RANK[options.failOn ?? result.config.failOn ?? 'error'];
  const failing = shown.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold);
  const warnings = shown.findings.filter((f) => f.severity === 'warning').length;
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  return failing || tooManyWarnings ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** Why an empty scan fails, what was searched, and where a project may be instead. */
export function nothingFoundMessage(paths: readonly string[], notAnalysed: number, cwd: string, optOut?: string): string {
  const lines = [
    `faaslint: no configuration file found in ${paths.map((p) => path.relative(cwd, path.resolve(cwd, p)) || '.').join(', ')}.`,
    '  Searched for Serverless Framework configs (serverless.yml, .yaml, .json, .ts, .js), SAM and CloudFormation',
    '  templates (YAML or JSON with AWSTemplateFormatVersion, Transform or AWS:: resources; *.template;',
    '  cdk.out/*.template.json), skipping node_modules, .serverless, .aws-sam and what git ignores.',
  ];
  if (notAnalysed > 0) lines.push(`  ${notAnalysed} file${notAnalysed === 1 ? ' was' : 's were'} named but ${notAnalysed === 1 ? 'is' : 'are'} no config (see --debug).`);
  const above = projectsOf(paths.map((p) => path.resolve(cwd, p)));
  if (above.length > 0) lines.push(`  A project encloses it: scan ${above.map((d) => path.relative(cwd, d) || '.').join(', ')} instead.`);
  if (optOut === '--allow-empty') lines.push('  Pass --allow-empty to accept a scan with nothing to analyse.');
  return `${lines.join('\n')}\n`;
}
