import { Command, Option } from 'commander';
import { RULES } from '../../rules/index.js';
import { configurableIds } from '../config-schema.js';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_PREFIX, type DiagnosticCode, type DiagnosticInfo } from '../diagnostics.js';
import { didYouMean } from '../did-you-mean.js';
import { META_RULE_HELP, META_RULES } from '../engine/meta-rules.js';
import type { Severity } from '../model.js';
import { ruleHelpUri, ruleReadme } from '../package-info.js';
import { EXIT_CLEAN, EXIT_FAILURE } from './exit-codes.js';
import type { Io } from './io.js';
import { maxOf } from '../arrays.js';
import { own } from '../own.js';

interface Row {
  readonly id: string;
  readonly severity: Severity;
  readonly inputs: string;
  readonly description: string;
}

/** Every id a config can set: rules, then the meta rules about suppressions, then the load diagnostics. */
function rows(): Row[] {
  return [
    ...RULES.map((r) => ({ id: r.id, severity: r.meta.severity, inputs: r.meta.appliesTo.join(', '), description: r.meta.description })),
    ...Object.entries(META_RULES).map(([id, m]) => ({ id, severity: m.severity, inputs: 'suppressions', description: m.description })),
    ...(Object.entries(DIAGNOSTIC_CODES) as [DiagnosticCode, (typeof DIAGNOSTIC_CODES)[DiagnosticCode]][]).map(([code, d]) => ({
      id: `${DIAGNOSTIC_PREFIX}${code}`,
      severity: d.severity,
      inputs: 'any file',
      description: d.description,
    })),
  ];
}

function table(list: readonly Row[], width: number): string {
  const idWidth = maxOf(list.map((r) => r.id.length));
  const inputsWidth = maxOf(list.map((r) => r.inputs.length));
  const lead = idWidth + 2 + 7 + 2 + inputsWidth + 2;
  const room = Math.max(30, width - lead);
  const lines = [`${'id'.padEnd(idWidth)}  ${'default'.padEnd(7)}  ${'inputs'.padEnd(inputsWidth)}  description`];
  for (const r of list) {
    const text = r.description.length > room ? `${r.description.slice(0, room - 1)}…` : r.description;
    lines.push(`${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.inputs.padEnd(inputsWidth)}  ${text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The help of one id: a rule's README, or what a meta rule or diagnostic means. */
function help(id: string): string | undefined {
  const rule = RULES.find((r) => r.id === id);
  if (rule) return ruleReadme(id) ?? `# ${id}\n\n${rule.meta.description}\n\nSee ${ruleHelpUri(id)}\n`;
  const meta = own(META_RULES, id);
  if (meta) return `# ${id}\n\n**Default severity:** ${meta.severity}\n\n${meta.description}\n\n${own(META_RULE_HELP, id) ?? ''}\n`;
  if (id.startsWith(DIAGNOSTIC_PREFIX)) {
    const info = own<DiagnosticInfo>(DIAGNOSTIC_CODES, id.slice(DIAGNOSTIC_PREFIX.length));
    if (info) return `# ${id}\n\n**Default severity:** ${info.severity}\n\n${info.description}\n\nA load diagnostic: fix the file so it can be analysed. Its severity can be set in faaslint.config.yaml like a rule's.\n`;
  }
  return undefined;
}

/** `faaslint rules [id]`: the rule table, or one rule's documentation. */
export function rulesCommand(io: Io, run: (code: Promise<number>) => void): Command {
  return new Command('rules')
    .description('list the rules (id, default severity, inputs, description), or print one rule\'s documentation')
    .argument('[id]', 'a rule id: print its README')
    .addOption(new Option('-f, --format <format>', 'list format').choices(['table', 'json']).default('table'))
    .action((id: string | undefined, options: { format: 'table' | 'json' }) =>
      run(
        Promise.resolve().then(() => {
          if (id !== undefined) {
            const text = help(id);
            if (!text) {
              io.stderr(`faaslint: unknown rule id ${id}${didYouMean(id, configurableIds(RULES))}; \`faaslint rules\` lists them\n`);
              return EXIT_FAILURE;
            }
            io.stdout(text.endsWith('\n') ? text : `${text}\n`);
            return EXIT_CLEAN;
          }
          io.stdout(options.format === 'json' ? `${JSON.stringify(rows(), null, 2)}\n` : table(rows(), io.isTTY ? (process.stdout.columns ?? 120) : Infinity));
          return EXIT_CLEAN;
        }),
      ),
    );
}
