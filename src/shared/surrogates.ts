/** UTF-16 surrogate tests shared by host and webview (cutting text never splits a pair). */

/** True for the first half of a surrogate pair (U+D800–U+DBFF). */
export function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
