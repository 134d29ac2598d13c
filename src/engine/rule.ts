import type { Location } from '../location.js';
import type { Api, Endpoint, Fn, HandlerFacts, InputKind, LambdaPermission, Project, ResourcePolicy, Role, Severity, Statement } from '../model.js';

export type Precision = 'very-high' | 'high' | 'medium' | 'low';

export interface RuleMeta<M extends string> {
  /** One sentence: what the rule finds. */
  readonly description: string;
  readonly severity: Severity;
  /** e.g. `CWE-732`. */
  readonly cwe: readonly string[];
  /** GitHub code scanning's 0.0–10.0 score. */
  readonly securitySeverity: number;
  readonly precision: Precision;
  readonly appliesTo: readonly (InputKind | 'handler')[];
  /** Message templates with `{{placeholders}}`: what is wrong, why it matters, how to fix it. */
  readonly messages: Readonly<Record<M, string>>;
  /** Equivalent checks in other tools, for users coming from them. */
  readonly related?: Readonly<Record<string, readonly string[]>>;
}

export interface Report<M extends string> {
  /** A location taken from the model node that is at fault. */
  readonly at: Location;
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Overrides the rule's default severity for this finding. */
  readonly severity?: Severity;
  readonly related?: readonly { readonly at: Location; readonly message: string }[];
  /** A stable logical path for fingerprints and baselines (e.g. `Resources.Fn.Properties.Policies[0]`). */
  readonly logicalPath?: string;
  /** A suggested edit (SARIF `fixes`): replace each location's text. */
  readonly fix?: Fix;
}

export interface Fix {
  readonly description: string;
  readonly replacements: readonly { readonly at: Location; readonly text: string }[];
}

export interface RuleContext<M extends string> {
  readonly project: Project;
  /** "Today" for date-based rules; `--now` pins it for reproducible runs. */
  readonly now: Date;
  report(report: Report<M>): void;
}

/** Visitors over model entities; the engine calls each for every entity of its kind. */
export interface Visitors {
  project?(project: Project): void;
  function?(fn: Fn): void;
  role?(role: Role): void;
  /** Every statement of a role's identity policies, with its role. */
  roleStatement?(statement: Statement, role: Role): void;
  resourcePolicy?(policy: ResourcePolicy): void;
  permission?(permission: LambdaPermission): void;
  endpoint?(endpoint: Endpoint): void;
  api?(api: Api): void;
  /** The facts found in each analysed handler (its source and the local modules it reaches). */
  handler?(handler: HandlerFacts): void;
}

export interface Rule<M extends string = string> {
  readonly id: string;
  readonly meta: RuleMeta<M>;
  create(context: RuleContext<M>): Visitors;
}

/** Types a rule so message ids and placeholders are checked at compile time. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}
