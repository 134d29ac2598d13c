/**
 * Appends every item to `target`. `target.push(...items)` passes each item as an argument, and
 * V8 throws a RangeError past about 100,000 of them: one file with that many duplicate keys or
 * statements must not abort the run.
 */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of the numbers (`-Infinity` for none), without spreading them into arguments. */
export function maxOf(numbers: Iterable<number>): number {
  let max = -Infinity;
  for (const n of numbers) if (n > max) max = n;
  return max;
}

/** The smallest of the numbers (`Infinity` for none). */
export function minOf(numbers: Iterable<number>): number {
  let min = Infinity;
  for (const n of numbers) if (n < min) min = n;
  return min;
}
