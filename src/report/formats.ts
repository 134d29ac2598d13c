import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJunit } from './junit.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { ReportInput } from './types.js';

/** Every report format, by the name `--format` and `--output FORMAT=FILE` take. */
export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

export function formatReport(format: Format, input: ReportInput, options: { colour: boolean; cwd: string }): string {
  switch (format) {
    case 'json':
      return formatJson(input);
    case 'sarif':
      return formatSarif(input);
    case 'github':
      return formatGithub(input);
    case 'gitlab':
      return formatGitlab(input);
    case 'junit':
      return formatJunit(input);
    case 'stylish':
      return formatStylish(input, options);
  }
}
