import type { Condition, Entry, Guard, Statement } from '../../model.js';
import type { Location } from '../../location.js';
import { get, type Node, type Pair } from '../tree.js';
import { SAM_POLICY_TEMPLATES } from './sam-policy-table.js';

/**
 * Expands one SAM policy template (`DynamoDBCrudPolicy: {TableName: !Ref T}`) into the
 * statements it stands for. Every entry points at the template's line: that is what the
 * user wrote. Unknown templates yield nothing (their grants are not modelled).
 */
export function expandSamPolicy(pair: Pair, when: readonly Guard[]): Statement[] {
  const definition = SAM_POLICY_TEMPLATES[pair.key];
  if (!definition) return [];
  const loc = pair.keyLoc;
  const entry = (text: string): Entry => ({ value: text.includes('${') ? undefined : text, text, loc, when });
  return definition.map((s) => ({
    effect: 'Allow',
    actions: { keyLoc: loc, entries: s.actions.map(entry) },
    resources: { keyLoc: loc, entries: s.resources.map((r) => entry(fillParameters(r, pair.value))) },
    ...(s.conditionKeys ? { condition: samCondition(s.conditionKeys, loc, when) } : {}),
    origin: { kind: 'policy-template', name: pair.key },
    when,
    location: loc,
  }));
}

function fillParameters(resource: string, args: Node): string {
  return resource.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = get(args, name);
    if (v?.kind === 'scalar' && v.value !== null) return String(v.value);
    if (v?.kind === 'unresolved') return v.target ? `\${${v.target.name}}` : v.text;
    return `\${${name}}`;
  });
}

/** The template's condition: its keys matter to the rules, and SAM fills in their values. */
function samCondition(keys: readonly string[], loc: Location, when: readonly Guard[]): Condition {
  const value: Entry = { value: '(set by SAM)', text: '(set by SAM)', loc, when };
  return { loc, tests: keys.map((key) => ({ operator: 'StringEquals', key, keyLoc: loc, values: [value] })) };
}
