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
  // JSON.stringify leaves these raw, so the text holds one only where a key or string does: those
  // are looked at, not the text, a string of megabytes (two bytes a character once any message
  // holds "…") whose scan cost ~7 MB of peak memory on the corpus report.
  return `${holdsRawControl(value) ? json.replace(JSON_RAW_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json}\n`;
}

const JSON_RAW_CONTROLS = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const HAS_JSON_RAW_CONTROL = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Whether any string or key of a JSON value (as JSON.stringify would write it) holds such a control. */
function holdsRawControl(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v === 'string') {
      if (HAS_JSON_RAW_CONTROL.test(v)) return true;
    } else if (Array.isArray(v)) {
      for (const item of v) pending.push(item);
    } else if (v !== null && typeof v === 'object') {
      const json = (v as { toJSON?: unknown }).toJSON;
      if (typeof json === 'function') {
        pending.push((json as () => unknown).call(v));
        continue;
      }
      for (const key of Object.keys(v)) {
        if (HAS_JSON_RAW_CONTROL.test(key)) return true;
        pending.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}
