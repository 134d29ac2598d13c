import type { Rule as EslintRule } from 'eslint';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import type { Report, Rule } from '../engine/rule.js';
import { parseDirectives, type Directive } from '../engine/suppressions.js';
import type { HandlerFacts, Project } from '../model.js';
import { ruleHelpUri } from '../package-info.js';
import { analyseHandlerFile, type HandlerExports } from './handler-facts.js';
import { fileRole } from './settings.js';

/** The adapter's own message, beside the CLI rule's: an analysis that failed is said, never a silent pass. */
const ANALYSIS_FAILED = 'analysisFailed';

interface FileAnalysis {
  readonly handlers: readonly HandlerFacts[];
  readonly failure?: string;
  failureReported: boolean;
  readonly directives: readonly Directive[];
}

/** One analysis per file and handler selection, shared by the five rules ESLint runs on it. */
const analyses = new WeakMap<object, Map<string, FileAnalysis>>();

function analysisOf(context: EslintRule.RuleContext, exports: HandlerExports, inlineConfig: boolean): FileAnalysis {
  const { sourceCode } = context;
  const key = `${JSON.stringify(exports)}|${inlineConfig}`;
  let byKey = analyses.get(sourceCode.ast);
  if (!byKey) analyses.set(sourceCode.ast, (byKey = new Map()));
  let analysis = byKey.get(key);
  if (analysis) return analysis;
  const file = context.filename;
  try {
    const directives = inlineConfig ? parseDirectives(file, sourceCode.lines) : [];
    const ast = sourceCode.ast as unknown as TSESTree.Program;
    const scopeManager = sourceCode.scopeManager as unknown as ScopeManager;
    analysis = { handlers: analyseHandlerFile({ file, text: sourceCode.text, ast, scopeManager }, exports), failureReported: false, directives };
  } catch (err) {
    analysis = { handlers: [], failure: err instanceof Error ? err.message : String(err), failureReported: false, directives: [] };
  }
  byKey.set(key, analysis);
  return analysis;
}

/** The model of one file for a CLI rule: the facts of its handlers, nothing else. */
function fileProject(handlers: readonly HandlerFacts[]): Project {
  return { root: '', inputs: [], functions: [], roles: [], resourcePolicies: [], permissions: [], endpoints: [], apis: [], handlers, suppressions: [], diagnostics: [] };
}

/** What a CLI rule reports on these facts, once per place and message (several exports share code). */
function reportsOf(rule: Rule, handlers: readonly HandlerFacts[]): Report<string>[] {
  const out = new Map<string, Report<string>>();
  const visitors = rule.create({
    project: fileProject(handlers),
    now: new Date(),
    report: (r) => out.set(`${r.at.file}:${r.at.line}:${r.at.column}:${r.messageId}:${JSON.stringify(r.data ?? {})}`, r),
  });
  if (visitors.handler) for (const h of handlers) visitors.handler(h);
  return [...out.values()];
}

/**
 * A CLI handler rule behind ESLint's rule API: the same id, messages and analyses; ESLint gives
 * the program, the adapter reports what the CLI rule reports on it, at the same positions.
 */
export function eslintRule(rule: Rule): EslintRule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: { description: rule.meta.description, recommended: true, url: ruleHelpUri(rule.id) },
      messages: {
        ...rule.meta.messages,
        [ANALYSIS_FAILED]: 'faaslint could not analyse this file (please report it): {{error}}',
      },
      schema: [],
    },
    create(context) {
      return {
        Program() {
          const role = fileRole(context.settings, context.filename);
          if (role.exports === undefined) return;
          const analysis = analysisOf(context, role.exports, role.inlineConfig);
          if (analysis.failure !== undefined) {
            // Said once per file, by the first of the rules that runs on it.
            if (!analysis.failureReported) context.report({ loc: { line: 1, column: 0 }, messageId: ANALYSIS_FAILED, data: { error: analysis.failure } });
            analysis.failureReported = true;
            return;
          }
          for (const r of reportsOf(rule, analysis.handlers)) {
            if (r.at.file !== context.filename) continue;
            if (analysis.directives.some((d) => d.targetLine === r.at.line && d.rules.includes(rule.id))) continue;
            context.report({
              loc: { start: { line: r.at.line, column: r.at.column - 1 }, end: { line: r.at.endLine, column: r.at.endColumn - 1 } },
              messageId: r.messageId,
              ...(r.data ? { data: Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, String(v)])) } : {}),
            });
          }
        },
      };
    },
  };
}
