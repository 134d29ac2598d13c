/**
 * `text` without the run of `char` at its end. `text.replace(/\/+$/, '')` looks like the same
 * thing but retries from every character of a long run that is not at the end: quadratic.
 */
export function trimTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
