import type { ManagedPolicyRef } from '../model.js';

export interface ManagedPolicyName {
  /** The policy's name: the last segment of its ARN, or the name as written (SAM). */
  readonly name: string;
  /** An AWS-managed policy (`arn:aws:iam::aws:policy/…`, or a bare name, which SAM reads as one), not one of the account's own. */
  readonly awsManaged: boolean;
}

const AWS_MANAGED_ARN = /^arn:(?:\$\{[^}]+\}|[^:]+):iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;

/** The name of an attached managed policy (`arn:aws:iam::aws:policy/job-function/X`, `arn:${AWS::Partition}:…`, a SAM policy name). */
export function managedPolicyName(ref: ManagedPolicyRef): ManagedPolicyName {
  const text = ref.value ?? ref.text;
  const arn = AWS_MANAGED_ARN.exec(text.trim());
  if (arn) return { name: arn[1]!, awsManaged: true };
  if (/^[A-Za-z0-9]+$/.test(text.trim())) return { name: text.trim(), awsManaged: true };
  return { name: text.split('/').pop() ?? text, awsManaged: false };
}
