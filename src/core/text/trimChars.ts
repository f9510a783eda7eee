/** Trims runs of given characters with loops: `[…]+$` rescans a long run from each of its characters (quadratic on hostile text). */

/** The text without a trailing run of the given characters. */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** The text without a leading run of the given characters. */
export function trimStartChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start])) start++;
  return start === 0 ? text : text.slice(start);
}
