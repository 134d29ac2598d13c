/** A span in a source file. Lines and columns are 1-based; `endColumn` is one past the last character (as in SARIF). */
export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function pointLocation(file: string, line = 1, column = 1): Location {
  return { file, line, column, endLine: line, endColumn: column + 1 };
}

export function compareLocations(a: Location, b: Location): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn;
}
