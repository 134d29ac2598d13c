import { parseWithDocument } from './yaml-document.js';
import type { ParsedFile, YamlDialect } from './yaml-shared.js';
import { indentContinuations, unindentPositions } from './yaml-tolerant.js';
import { buildFromTokens } from './yaml-tokens.js';

export type { ParsedFile, YamlDialect } from './yaml-shared.js';

/**
 * Parses YAML (or JSON) into the located tree, turning short-form tags into long-form
 * intrinsics. The tree is built straight from the lexer's tokens; input that builder leaves
 * (any YAML error, rarer YAML features) goes through `yaml`'s Document API, which gives the
 * same trees and reports the errors. A repeated key keeps the value the `dialect`'s deploy
 * tool uses (the last), with a diagnostic at the repeat.
 */
export function parseLocated(text: string, file: string, dialect: YamlDialect = 'cloudformation'): ParsedFile {
  const built = buildFromTokens(text, file, dialect);
  // Input the token builder knows to be broken skips the Document path unless the tolerant pass fails too.
  const strict = built === 'broken' ? undefined : built === 'unsupported' ? parseWithDocument(text, file, dialect) : built;
  if (strict && !strict.syntaxError) return strict;
  const reported = () => strict ?? parseWithDocument(text, file, dialect);
  // What the deploy tools accept and YAML 1.2 does not: under-indented continuation lines.
  const indented = indentContinuations(text);
  if (indented === undefined) return reported();
  const tolerant = parseStrict(indented.text, file, dialect);
  return tolerant.root === undefined ? reported() : unindentPositions(tolerant, indented.added);
}

function parseStrict(text: string, file: string, dialect: YamlDialect): ParsedFile {
  const built = buildFromTokens(text, file, dialect);
  return typeof built === 'string' ? parseWithDocument(text, file, dialect) : built;
}
