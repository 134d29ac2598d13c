import type { Guard } from '../model.js';

/**
 * " (when condition IsProd is true)", or "" for unconditional values: findings say which `Fn::If`
 * branch they rest on. A value's guards include those of the statement or list holding it; each
 * is named once.
 */
export function describeGuards(when: readonly Guard[]): string {
  const named = [...new Set(when.map((g) => `condition ${g.condition} is ${g.value}`))];
  return named.length === 0 ? '' : ` (when ${named.join(' and ')})`;
}
