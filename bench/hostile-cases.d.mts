export interface HostileCase {
  readonly name: string;
  readonly item: string;
  readonly files: () => Record<string, string>;
  readonly paths?: readonly string[];
  readonly args?: readonly string[];
  readonly exitCode: number;
  readonly findings: readonly string[];
  readonly check?: (report: { filesAnalysed: number; findings: { ruleId: string; file: string; line: number; message: string }[] }) => string | undefined;
}
export declare const HOSTILE_CASES: readonly HostileCase[];
