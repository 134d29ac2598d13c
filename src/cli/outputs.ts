import { isFormat, type Format } from '../report/formats.js';

/** One report to write: a format, to a file or to stdout. */
export interface OutputSpec {
  readonly format: Format;
  readonly file?: string;
}

export class OutputError extends Error {}

/**
 * The reports one scan writes. `-o FILE` writes `--format` to FILE; `-o FORMAT=FILE` writes
 * FORMAT to FILE; `-o FORMAT` writes FORMAT to stdout. Repeatable, so one scan feeds several
 * consumers (`-o sarif=results.sarif -o github`). Without `-o`, `--format` goes to stdout.
 */
export function outputSpecs(format: Format, outputs: readonly string[] | undefined): OutputSpec[] {
  if (!outputs || outputs.length === 0) return [{ format }];
  const specs = outputs.map((o): OutputSpec => {
    if (isFormat(o)) return { format: o };
    const eq = o.indexOf('=');
    const named = eq > 0 ? o.slice(0, eq) : undefined;
    if (named !== undefined && isFormat(named)) {
      const file = o.slice(eq + 1);
      if (!file) throw new OutputError(`--output ${o}: no file after "="`);
      return { format: named, file };
    }
    if (named !== undefined && /^[a-z]+$/.test(named) && !o.includes('/')) throw new OutputError(`--output ${o}: unknown format "${named}"`);
    return { format, file: o };
  });
  if (specs.filter((s) => s.file === undefined).length > 1) throw new OutputError('--output: only one report can go to stdout');
  const files = specs.flatMap((s) => (s.file ? [s.file] : []));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice) throw new OutputError(`--output: ${twice} is named twice`);
  return specs;
}
