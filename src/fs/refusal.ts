import { diagnostic } from '../diagnostics.js';
import type { Location } from '../location.js';
import type { Diagnostic } from '../model.js';
import type { ConfinedText } from './confined.js';

type Refused = Extract<ConfinedText, { ok: false }>;

/**
 * The diagnostic for a file faaslint would not or could not read, at `location`: too large,
 * binary or not UTF-8, outside the repository, not a regular file, missing, unreadable.
 * `what` names the file's role in the message (`handler source`), when it helps; `limit` the
 * option that sets its size limit, if one does.
 */
export function refusalDiagnostic(read: Refused, location: Location, { what = '', limit = '--max-file-size' }: { what?: string; limit?: string } = {}): Diagnostic {
  const prefix = what ? `${what}: ` : '';
  switch (read.refusal) {
    case 'too-large':
      return diagnostic('file-too-large', `${prefix}skipped: ${read.message}${limit ? ` (${limit})` : ''}`, location);
    case 'encoding':
      return diagnostic('parse-error', `${prefix}${read.message === 'binary file' ? `binary file: not ${what ? 'source code' : 'YAML or JSON'}` : read.message}`, location);
    default:
      return diagnostic('read-error', `${prefix}${read.message.startsWith('cannot read') ? read.message : `cannot read: ${read.message}`}`, location);
  }
}

/**
 * What a JSON or YAML parser said about a file, without the file's text: JSON.parse quotes the
 * text around the error and YAML errors print the offending line, which must not reach a log.
 */
export function syntaxProblem(err: unknown, json: boolean): string {
  const message = err instanceof Error ? err.message : String(err);
  if (json) {
    const position = /position (\d+)/.exec(message)?.[1];
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    const where = lineColumn ? ` at line ${lineColumn[1]}, column ${lineColumn[2]}` : position ? ` at offset ${position}` : '';
    return `not valid JSON${where}`;
  }
  // YAML: the first line names the problem and its line and column; the lines after it quote the file.
  return message.split('\n')[0]!.replace(/:$/, '');
}
