/**
 * Lookups by keys that come from the user's files (a runtime name, a policy template, an event
 * type, a rule id) must see only the table's own entries: `TABLE['constructor']` on a plain object
 * is Object's constructor, and `TABLE['__proto__']` is Object.prototype.
 */

/** A lookup table with no prototype: any key it does not hold reads as undefined. */
export function ownTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** `record[key]` when the record holds the key itself, else undefined. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
