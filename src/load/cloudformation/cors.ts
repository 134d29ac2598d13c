import type { Cors, Entry } from '../../model.js';
import { entriesOf } from '../entries.js';
import { get, isMap, isScalar, type Pair } from '../tree.js';

/** CORS settings of an API or function URL: a map with an origins list and a credentials flag, or SAM's quoted header string. */
export function corsOf(pair: Pair | undefined, originsKey: string, credentialsKey: string): Cors | undefined {
  if (!pair) return undefined;
  const node = pair.value;
  if (isScalar(node) || node.kind === 'unresolved') {
    // SAM's string form: the quoted header value, e.g. "'*'".
    return { origins: entriesOf(node).map(unquoteEntry), allowCredentials: undefined, loc: node.loc };
  }
  if (!isMap(node)) return undefined;
  const credentials = get(node, credentialsKey);
  return {
    origins: entriesOf(get(node, originsKey)).map(unquoteEntry),
    allowCredentials: isScalar(credentials) ? String(credentials.value).toLowerCase() === 'true' : undefined,
    loc: pair.keyLoc,
  };
}

/** `'https://a.example'` → `https://a.example`: header values in SAM and API Gateway are quoted strings. */
export function unquoteEntry(e: Entry): Entry {
  if (e.value === undefined) return e;
  const m = /^'(.*)'$/.exec(e.value);
  return m ? { ...e, value: m[1] } : e;
}
