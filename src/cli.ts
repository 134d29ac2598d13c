import fs from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { SEVERITY_RANK } from './engine/finding.js';
import type { Severity } from './model.js';
import { packageVersion } from './package-info.js';
import { formatJson } from './report/json.js';
import { formatSarif } from './report/sarif.js';
import { formatStylish } from './report/stylish.js';
import type { ReportInput } from './report/types.js';
import { DEFAULT_MAX_FILE_SIZE, lint } from './run.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FAILURE = 2;

interface CliOptions {
  format: 'stylish' | 'json' | 'sarif';
  output?: string;
  stage?: string;
  region?: string;
  param: Record<string, string>;
  allowEnv?: boolean;
  debug?: boolean;
  failOn: Severity;
  maxFileSize: number;
  color?: boolean;
  now?: Date;
}

function isoDate(value: string): Date {
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return d;
}

function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected key=value');
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number of bytes');
  return n;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  cwd: string;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
};

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const program = new Command()
    .name('faaslint')
    .description('Static security and permissions linter for serverless applications.')
    .version(packageVersion())
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif']).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--stage <stage>', 'Serverless stage for ${opt:stage} and ${sls:stage}')
    .option('--region <region>', 'Serverless region for ${opt:region}')
    .option('--param <key=value>', 'Serverless ${param:key} value (repeatable)', collectParam, {})
    .option('--allow-env', 'resolve ${env:...} variables from the environment')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'note']).default('error'))
    .option('--max-file-size <bytes>', 'skip larger files with a diagnostic', positiveInt, DEFAULT_MAX_FILE_SIZE)
    .option('--now <YYYY-MM-DD>', 'the date to judge runtime deprecation against (default: today)', isoDate)
    .option('--no-color', 'never colour the output')
    .option('--debug', 'explain which files were skipped and why (on stderr)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  let paths: string[];
  let options: CliOptions;
  try {
    program.parse(argv as string[], { from: 'user' });
    paths = program.args.length > 0 ? program.args : ['.'];
    options = program.opts<CliOptions>();
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT_CLEAN : EXIT_FAILURE;
    }
    throw err;
  }

  try {
    const result = await lint({
      paths,
      ...(options.stage ? { stage: options.stage } : {}),
      ...(options.region ? { region: options.region } : {}),
      params: options.param,
      allowEnv: Boolean(options.allowEnv),
      maxFileSize: options.maxFileSize,
      ...(options.now ? { now: options.now } : {}),
    });
    if (options.debug) for (const note of result.notes) io.stderr(`debug: ${note}\n`);
    const input: ReportInput = { root: result.root, findings: result.findings, rules: result.rules, filesAnalysed: result.filesAnalysed };
    const colour = options.color !== false && io.isTTY && !options.output && !process.env.NO_COLOR;
    const text =
      options.format === 'json' ? formatJson(input) : options.format === 'sarif' ? formatSarif(input) : formatStylish(input, { colour, cwd: io.cwd });
    if (options.output) fs.writeFileSync(options.output, text);
    else io.stdout(text);
    const threshold = SEVERITY_RANK[options.failOn];
    return result.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_CLEAN;
  } catch (err) {
    io.stderr(`faaslint: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT_FAILURE;
  }
}
