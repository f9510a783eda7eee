// Keeps API keys out of every message, event and log line the run produces.

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

/** Keys shorter than this are still redacted, but only where they stand as a whole token (so "x" does not shred "box"). */
const SUBSTRING_MIN_LENGTH = 8;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every occurrence of one form of a key: anywhere when long, as a whole token when short. */
function replaceKey(text: string, form: string): string {
  if (form.length >= SUBSTRING_MIN_LENGTH) return text.includes(form) ? text.split(form).join(REDACTED) : text;
  if (!text.includes(form)) return text;
  return text.replace(new RegExp(`(?<![A-Za-z0-9_-])${escapeRe(form)}(?![A-Za-z0-9_-])`, 'g'), REDACTED);
}

function hasKey(text: string, key: string): boolean {
  return replaceKey(text, key) !== text;
}

/**
 * Replaces each key (and its URL/JSON-escaped forms) with "[redacted]", plus — unless `patterns` is false,
 * as for model text — anything that looks like a bearer token or a well-known key format, so an error body
 * that echoes a key cannot leak it.
 */
export function redactSecrets(text: string, keys: readonly (string | undefined)[] = [], opts: { patterns?: boolean } = {}): string {
  let out = text;
  // Every configured key is redacted whatever its length (longest first, so a short key inside a long one cannot split it).
  for (const key of [...keys].filter((k): k is string => !!k).sort((a, b) => b.length - a.length)) {
    for (const form of new Set([key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)])) out = replaceKey(out, form);
  }
  if (opts.patterns === false) return out;
  return out
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, `$1${REDACTED}`)
    .replace(/\b(sk-(?:ant-|proj-|or-v1-)?)[A-Za-z0-9_-]{16,}/g, `$1${REDACTED}`);
}

/** True when any key occurs in the text (used by tests and by last-chance checks). */
export function containsSecret(text: string, keys: readonly (string | undefined)[]): boolean {
  return keys.some((k) => !!k && hasKey(text, k));
}
