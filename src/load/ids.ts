import type { Input } from '../model.js';
import { describe, type Node } from './tree.js';

/** A model id: unique in the project, readable in debug output (`template.yaml#UsersFunction`). */
export function idOf(input: Input, logicalId: string): string {
  return `${input.file}#${logicalId}`;
}

/**
 * The id of a role defined outside what faaslint reads (an ARN, an `!ImportValue`, a parameter):
 * the same text is the same role, different texts are different roles, in every format.
 */
export function externalRoleId(input: Input, role: Node): string {
  return `${input.file}#external:${externalRoleName(role)}`;
}

/** How an external role reads to a user: its ARN or name, or the source text of the intrinsic naming it. */
export function externalRoleName(role: Node): string {
  return describe(role);
}
