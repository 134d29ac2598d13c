/**
 * Text from the scanned project (names, paths, values quoted in messages) on its way to a
 * terminal or a CI log: control characters would clear the screen, write the clipboard (OSC 52),
 * forge lines or reorder them (bidirectional overrides). Stylish, github and the CLI's own
 * messages show them as visible escapes; json and SARIF keep them exact as JSON escapes.
 */

/** C0 and C1 controls, DEL, line and paragraph separators, bidirectional embeddings, overrides and isolates. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, except newline: for text whose line breaks are meant (stderr messages of several lines). */
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of terminal or log output: every control character, newlines included, as a visible escape (`\x1b`, `\n`). */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, visible);
}

/** Several lines of terminal output: line breaks kept, every other control character escaped. */
export function escapeControlKeepingLines(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, visible);
}

/** JSON text with the controls JSON.stringify leaves raw (DEL, C1, separators, bidi) escaped too: same value, nothing a terminal acts on. */
export function jsonText(value: unknown): string {
  const json = JSON.stringify(value, null, 2);
  // Tested first: a replace over a report of megabytes copies it even when nothing matches.
  return `${hasRawControl(json) ? json.replace(JSON_RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json}\n`;
}

const JSON_RAW_CONTROLS = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const HAS_JSON_RAW_CONTROL = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A compiled regular expression, not a loop over `charCodeAt`: a report is read once, mostly before the loop is optimised (1.4 MB: ~2 ms against 10–35). */
function hasRawControl(text: string): boolean {
  return HAS_JSON_RAW_CONTROL.test(text);
}
