import { Command, CommanderError } from 'commander';
import { initCommand } from './cli/init.js';
import { processIo, type Io } from './cli/io.js';
import { OutputError } from './cli/outputs.js';
import { policyCommand } from './cli/policy.js';
import { rulesCommand } from './cli/rules.js';
import { scanCommand } from './cli/scan.js';
import { EXIT_CLEAN, EXIT_FAILURE } from './cli/exit-codes.js';
import { ConfigError } from './config.js';
import { BaselineError } from './engine/baseline.js';
import { WriteRefusedError } from './fs/confined-write.js';
import { packageVersion } from './package-info.js';
import { escapeControlKeepingLines } from './report/sanitize.js';

export { EXIT_CLEAN, EXIT_FAILURE, EXIT_FINDINGS } from './cli/exit-codes.js';
export type { Io } from './cli/io.js';

/** Errors in what the user asked for: a message and exit code 2, no stack trace. */
function isUsageError(err: unknown): err is Error {
  return err instanceof ConfigError || err instanceof BaselineError || err instanceof OutputError || err instanceof WriteRefusedError;
}

/**
 * Runs the CLI and returns its exit code: `faaslint [scan] [paths...]` (the default command),
 * `faaslint rules [id]`, `faaslint policy [paths...]`, `faaslint init`.
 */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let pending: Promise<number> | undefined;
  const run = (code: Promise<number>) => {
    pending = code;
  };
  const configure = (cmd: Command) => cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const program = configure(
    new Command('faaslint')
      .description('Static security and permissions linter for serverless applications (Serverless Framework, AWS SAM, CloudFormation, Lambda handlers).')
      .version(packageVersion(), '-v, --version', 'print the version')
      .addHelpText('after', '\nWithout a command, faaslint scans: `faaslint .` is `faaslint scan .` (see `faaslint scan --help` for its options).\nA folder named like a command is scanned with `faaslint scan <folder>` or `faaslint ./<folder>`.'),
  );
  program.addCommand(configure(scanCommand(io, run)), { isDefault: true });
  program.addCommand(configure(rulesCommand(io, run)));
  program.addCommand(configure(policyCommand(io, run)));
  program.addCommand(configure(initCommand(io, run)));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? EXIT_CLEAN : EXIT_FAILURE;
    }
    throw err;
  }
  if (!pending) return EXIT_CLEAN;
  try {
    return await pending;
  } catch (err) {
    if (isUsageError(err)) {
      io.stderr(`faaslint: ${escapeControlKeepingLines(err.message)}\n`);
      return EXIT_FAILURE;
    }
    io.stderr(`faaslint: internal error (please report it): ${(err as Error).stack ?? String(err)}\n`);
    return EXIT_FAILURE;
  }
}
