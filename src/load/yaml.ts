import { parseWithDocument } from './yaml-document.js';
import type { ParsedFile } from './yaml-shared.js';
import { parseFromTokens } from './yaml-tokens.js';

export type { ParsedFile } from './yaml-shared.js';

/**
 * Parses YAML (or JSON) into the located tree, turning short-form tags into long-form
 * intrinsics. The tree is built straight from the lexer's tokens; input that builder leaves
 * (any YAML error, duplicate keys, rarer YAML features) goes through `yaml`'s Document API,
 * which gives the same trees and reports the errors.
 */
export function parseLocated(text: string, file: string): ParsedFile {
  return parseFromTokens(text, file) ?? parseWithDocument(text, file);
}
