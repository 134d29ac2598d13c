import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError } from './config.js';
import { BaselineError, writeBaseline } from './engine/baseline.js';
import { SEVERITY_RANK } from './engine/finding.js';
import type { Severity } from './model.js';
import { packageVersion } from './package-info.js';
import { formatGithub } from './report/github.js';
import { formatJson } from './report/json.js';
import { formatSarif } from './report/sarif.js';
import { formatStylish } from './report/stylish.js';
import { reportInputOf } from './report/types.js';
import { DEFAULT_MAX_FILE_SIZE, lint } from './run.js';
import { toPosix } from './discover.js';
import { terminalProgress } from './progress.js';
import { leastPrivilege } from './iam/least-privilege.js';
import { formatPolicyJson, formatPolicyYaml } from './report/policy.js';
import { projectsOf } from './projects.js';
import { configsFound } from './not-analysed.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

type Format = 'stylish' | 'json' | 'sarif' | 'github';

interface CliOptions {
  format: Format;
  output?: string;
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
  allowEmpty?: boolean;
}

function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected key=value');
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };
}

function isoDate(value: string): Date {
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return d;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  /** stderr is a terminal: where progress may be drawn. */
  stderrIsTTY?: boolean;
  cwd: string;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
};

function program(io: Io): Command {
  return new Command()
    .name('faaslint')
    .description('Static security and permissions linter for serverless applications (Serverless Framework, AWS SAM, CloudFormation, Lambda handlers).')
    .version(packageVersion())
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github']).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'configuration file (default: faaslint.config.yaml|yml|json in the working directory or repository root)')
    .option('--stage <stage>', 'Serverless stage for ${opt:stage} and ${sls:stage}')
    .option('--region <region>', 'Serverless region for ${opt:region}')
    .option('--param <key=value>', 'Serverless ${param:key} value (repeatable)', collectParam, {})
    .option('--allow-env', 'resolve ${env:...} variables from the environment')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1 (default: error)').choices(['error', 'warning', 'note']))
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', wholeNumber(0))
    .option('--max-file-size <bytes>', 'skip larger files with a diagnostic', wholeNumber(1), DEFAULT_MAX_FILE_SIZE)
    .option('--now <YYYY-MM-DD>', 'the date to judge runtime deprecation against (default: today)', isoDate)
    .option('--no-inline-config', 'ignore inline and Metadata suppressions (audits)')
    .option('--report-unused-suppressions', 'report suppressions that match no finding')
    .option('--include-suppressed', 'list suppressed findings too (SARIF: with suppressions[].justification)')
    .option('--baseline <file>', 'report only findings not recorded in this baseline')
    .option('--write-baseline <file>', 'record the current findings as the accepted baseline')
    .option('--allow-empty', 'exit 0 rather than 2 when no config file is analysed (monorepo jobs whose paths may hold none)')
    .option('--projects-of', 'treat the paths as changed files and scan the projects they belong to (pre-commit)')
    .option('--threads <n>', 'worker threads for large scans (default: one per core, up to 4; 1 = none)', wholeNumber(1))
    .option('-q, --quiet', 'no progress display')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'explain on stderr which files were skipped and why')
    .addHelpText('after', '\nAlso:\n  faaslint policy [paths...]    print the least-privilege IAM statements each function\'s code needs (see faaslint policy --help)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}

function policyProgram(io: Io): Command {
  return new Command()
    .name('faaslint policy')
    .description("Prints, per function, the least-privilege IAM statements its handler's AWS SDK calls need, in its config's syntax.")
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--stage <stage>', 'Serverless stage')
    .option('--param <key=value>', 'Serverless ${param:key} value (repeatable)', collectParam, {})
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}

/** `faaslint policy`: least-privilege policies from the handlers' SDK calls. */
async function policyCommand(argv: readonly string[], io: Io): Promise<number> {
  const cli = policyProgram(io);
  try {
    cli.parse(argv as string[], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.code === 'commander.helpDisplayed' ? EXIT_CLEAN : EXIT_FAILURE;
    throw err;
  }
  const options = cli.opts<{ format: 'yaml' | 'json'; output?: string; stage?: string; param: Record<string, string> }>();
  try {
    const result = await lint({ paths: cli.args.length > 0 ? cli.args : ['.'], cwd: io.cwd, rules: [], params: options.param, ...(options.stage ? { stage: options.stage } : {}) });
    const policies = result.projects.flatMap((project) => {
      const prefix = toPosix(path.relative(result.root, project.root));
      return project.functions
        .filter((f) => f.handler && !f.handler.inlineCode)
        .map((fn) => leastPrivilege(project, fn))
        .map((p) => (prefix ? { ...p, file: `${prefix}/${p.file}` } : p));
    });
    const text = options.format === 'json' ? formatPolicyJson(policies) : formatPolicyYaml(policies);
    if (options.output) fs.writeFileSync(options.output, text);
    else io.stdout(text);
    return EXIT_CLEAN;
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(`faaslint: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    io.stderr(`faaslint: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT_FAILURE;
  }
}

/** Why an empty scan fails, what was searched, and where a project may be instead. */
function nothingAnalysedMessage(paths: readonly string[], notAnalysed: number, cwd: string): string {
  const lines = [
    `faaslint: no configuration file analysed in ${paths.join(', ')}.`,
    '  Searched for Serverless Framework configs (serverless.yml, .yaml, .json), SAM and CloudFormation templates',
    '  (YAML or JSON with AWSTemplateFormatVersion, Transform or AWS:: resources; *.template; cdk.out/*.template.json),',
    '  skipping node_modules, .serverless, .aws-sam and what git ignores.',
  ];
  if (notAnalysed > 0) lines.push(`  ${notAnalysed} file${notAnalysed === 1 ? ' was' : 's were'} named but ${notAnalysed === 1 ? 'is' : 'are'} no config (see --debug).`);
  const above = projectsOf(paths.map((p) => path.resolve(cwd, p)));
  if (above.length > 0) lines.push(`  A project encloses it: scan ${above.map((d) => path.relative(cwd, d) || '.').join(', ')} instead.`);
  lines.push('  Pass --allow-empty to accept a scan with nothing to analyse.');
  return `${lines.join('\n')}\n`;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (argv[0] === 'policy') return policyCommand(argv.slice(1), io);
  const cli = program(io);
  let paths: string[];
  let options: CliOptions;
  try {
    cli.parse(argv as string[], { from: 'user' });
    paths = cli.args.length > 0 ? cli.args : ['.'];
    options = cli.opts<CliOptions>();
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT_CLEAN : EXIT_FAILURE;
    }
    throw err;
  }

  const started = Date.now();
  if (options.projectsOf) {
    paths = projectsOf(paths);
    if (paths.length === 0) {
      if (options.debug) io.stderr('debug: no serverless project touched\n');
      return EXIT_CLEAN;
    }
  }
  const showProgress = Boolean(io.stderrIsTTY) && !options.quiet && !process.env.CI;
  const progress = showProgress ? terminalProgress(io.stderr, io.cwd, started) : undefined;
  try {
    const result = await lint({
      ...(progress ? { onProgress: progress.update } : {}),
      paths,
      cwd: io.cwd,
      parallel: true,
      ...(options.threads ? { threads: options.threads } : {}),
      ...(options.config ? { config: options.config } : {}),
      ...(options.stage ? { stage: options.stage } : {}),
      ...(options.region ? { region: options.region } : {}),
      params: options.param,
      allowEnv: Boolean(options.allowEnv),
      maxFileSize: options.maxFileSize,
      // Only the flag's explicit "no" overrides the config file.
      ...(options.inlineConfig === false ? { inlineConfig: false } : {}),
      ...(options.reportUnusedSuppressions ? { reportUnusedSuppressions: true } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.baseline ? { baseline: options.baseline } : {}),
    });
    progress?.done();
    if (options.debug) for (const note of result.notes) io.stderr(`debug: ${note}\n`);
    if (options.writeBaseline) {
      writeBaseline(options.writeBaseline, result.findings);
      io.stderr(`faaslint: wrote ${result.findings.length} findings to baseline ${options.writeBaseline}\n`);
    }
    const input = reportInputOf(result, { includeSuppressed: Boolean(options.includeSuppressed), elapsedMs: Date.now() - started });
    const colour = options.color !== false && io.isTTY && !options.output && !process.env.NO_COLOR;
    const text =
      options.format === 'json'
        ? formatJson(input)
        : options.format === 'sarif'
          ? formatSarif(input)
          : options.format === 'github'
            ? formatGithub(input)
            : formatStylish(input, { colour, cwd: io.cwd });
    if (options.output) fs.writeFileSync(options.output, text);
    else io.stdout(text);
    if (configsFound(result.filesAnalysed, result.notAnalysed) === 0 && !options.allowEmpty) {
      io.stderr(nothingAnalysedMessage(paths, result.notAnalysed.length, io.cwd));
      return EXIT_FAILURE;
    }
    if (options.writeBaseline) return EXIT_CLEAN;
    const threshold = SEVERITY_RANK[options.failOn ?? result.config.failOn ?? 'error'];
    const failing = result.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold);
    const warnings = result.findings.filter((f) => f.severity === 'warning').length;
    const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
    return failing || tooManyWarnings ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof BaselineError) {
      io.stderr(`faaslint: ${err.message}\n`);
      return EXIT_FAILURE;
    }
    io.stderr(`faaslint: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT_FAILURE;
  }
}
