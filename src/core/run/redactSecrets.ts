// Keeps API keys out of every message, event and log line the run produces.

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

/** Shortest string treated as a secret; shorter values (e.g. "x") would shred ordinary text. */
const MIN_SECRET_LENGTH = 8;

/**
 * Replaces each key (and its URL/JSON-escaped forms) with "[redacted]", plus — unless `patterns` is false,
 * as for model text — anything that looks like a bearer token or a well-known key format, so an error body
 * that echoes a key cannot leak it.
 */
export function redactSecrets(text: string, keys: readonly (string | undefined)[] = [], opts: { patterns?: boolean } = {}): string {
  let out = text;
  for (const key of keys) {
    if (!key || key.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1)])) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
  }
  if (opts.patterns === false) return out;
  return out
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, `$1${REDACTED}`)
    .replace(/\b(sk-(?:ant-|proj-|or-v1-)?)[A-Za-z0-9_-]{16,}/g, `$1${REDACTED}`);
}

/** True when any key occurs in the text (used by tests and by last-chance checks). */
export function containsSecret(text: string, keys: readonly (string | undefined)[]): boolean {
  return keys.some((k) => !!k && k.length >= MIN_SECRET_LENGTH && text.includes(k));
}
