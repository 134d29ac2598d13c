import type { Guard } from '../model.js';

/** " (when condition IsProd is true)", or "" for unconditional values: findings say which `Fn::If` branch they rest on. */
export function describeGuards(when: readonly Guard[]): string {
  if (when.length === 0) return '';
  return ` (when ${when.map((g) => `condition ${g.condition} is ${g.value}`).join(' and ')})`;
}
