import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { RULES } from '../../rules/index.js';
import { CONFIG_NAMES } from '../config.js';
import { configTemplate } from '../config-template.js';
import { EXIT_CLEAN, EXIT_FAILURE } from './exit-codes.js';
import { writeFile, type Io } from './io.js';

/** `faaslint init`: writes a commented faaslint.config.yaml into the working directory. */
export function initCommand(io: Io, run: (code: Promise<number>) => void): Command {
  return new Command('init')
    .description('write a commented faaslint.config.yaml (every setting and rule, at its default) into the working directory')
    .option('--force', 'overwrite an existing configuration file')
    .action((options: { force?: boolean }) =>
      run(
        Promise.resolve().then(() => {
          const file = path.join(io.cwd, 'faaslint.config.yaml');
          const existing = CONFIG_NAMES.map((n) => path.join(io.cwd, n)).find((f) => fs.existsSync(f));
          if (existing && (existing !== file || !options.force)) {
            io.stderr(`faaslint: ${path.basename(existing)} already exists${existing === file ? '; --force overwrites it' : ': remove it first'}\n`);
            return EXIT_FAILURE;
          }
          writeFile(io, file, configTemplate(RULES));
          io.stderr(`faaslint: wrote ${path.relative(io.cwd, file)}\n`);
          return EXIT_CLEAN;
        }),
      ),
    );
}
