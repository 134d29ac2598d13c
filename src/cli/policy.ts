import path from 'node:path';
import { Command, Option } from 'commander';
import { toPosix } from '../discover.js';
import { leastPrivilege } from '../iam/least-privilege.js';
import { configsFound, describeNotAnalysed } from '../not-analysed.js';
import { formatPolicyJson, formatPolicyYaml } from '../report/policy.js';
import { escapeControl } from '../report/sanitize.js';
import { lint } from '../run.js';
import { EXIT_CLEAN, EXIT_FAILURE } from './exit-codes.js';
import { checkWritable, writeFile, type Io } from './io.js';
import { collectParam } from './options.js';
import { nothingFoundMessage } from './scan.js';

interface PolicyOptions {
  format: 'yaml' | 'json';
  output?: string;
  config?: string;
  stage?: string;
  region?: string;
  param: Record<string, string>;
  allowEnv?: boolean;
}

/** `faaslint policy [paths...]`: least-privilege policies from the handlers' SDK calls. */
export function policyCommand(io: Io, run: (code: Promise<number>) => void): Command {
  return new Command('policy')
    .description("print, per function, the least-privilege IAM statements its handler's AWS SDK calls need, in its config's syntax")
    .argument('[paths...]', 'files or directories to scan', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('-c, --config <file>', 'configuration file (its stage, region and params)')
    .option('--stage <stage>', 'Serverless stage for ${opt:stage} and ${sls:stage}')
    .option('--region <region>', 'Serverless region for ${opt:region}')
    .option('--param <key=value>', 'Serverless ${param:key} value (repeatable)', collectParam, {})
    .option('--allow-env', 'resolve ${env:...} variables from the environment')
    .action((paths: string[], options: PolicyOptions) => run(policy(paths, options, io)));
}

async function policy(argPaths: readonly string[], options: PolicyOptions, io: Io): Promise<number> {
  const paths = argPaths.length > 0 ? argPaths : ['.'];
  if (options.output) checkWritable(io, options.output);
  const result = await lint({
    paths: paths.map((p) => path.resolve(io.cwd, p)),
    cwd: io.cwd,
    rules: [],
    params: options.param,
    allowEnv: Boolean(options.allowEnv),
    ...(options.config ? { config: path.resolve(io.cwd, options.config) } : {}),
    ...(options.stage ? { stage: options.stage } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
  const missing = result.findings.filter((f) => f.ruleId === 'faaslint/read-error' && f.message === 'no such file or directory');
  for (const f of missing) io.stderr(`faaslint: ${escapeControl(f.location.file)}: no such file or directory\n`);
  if (missing.length > 0) return EXIT_FAILURE;
  if (configsFound(result.filesAnalysed, result.notAnalysed) === 0) {
    io.stderr(nothingFoundMessage(paths, result.notAnalysed.length, io.cwd));
    return EXIT_FAILURE;
  }
  const policies = result.projects.flatMap((project) => {
    const prefix = toPosix(path.relative(result.root, project.root));
    return project.functions
      .filter((f) => f.handler && !f.handler.inlineCode)
      .map((fn) => leastPrivilege(project, fn))
      .map((p) => (prefix ? { ...p, file: `${prefix}/${p.file}` } : p));
  });
  const text = options.format === 'json' ? formatPolicyJson(policies) : formatPolicyYaml(policies);
  if (options.output) writeFile(io, options.output, text);
  else io.stdout(text);
  const skipped = describeNotAnalysed(result.notAnalysed);
  if (skipped) io.stderr(`faaslint: ${escapeControl(skipped)}; their policies are not derived (--debug on a scan lists them)\n`);
  return EXIT_CLEAN;
}
