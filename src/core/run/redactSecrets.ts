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

/**
 * The key's bytes inside any base64 text (standard and URL-safe alphabets): for each of the three places it can start
 * in a group of three bytes, the characters that depend on its bytes alone (an error body echoing a Basic credential,
 * `user:key` in base64, holds the key at any offset). Forms shorter than SUBSTRING_MIN_LENGTH are left out (they could
 * only match as whole tokens, which they never are inside base64).
 */
function base64Forms(key: string): string[] {
  const bytes = Buffer.from(key, 'utf8');
  const out: string[] = [];
  for (let lead = 0; lead < 3; lead++) {
    const b64 = Buffer.concat([Buffer.alloc(lead), bytes]).toString('base64').replace(/=+$/, '');
    // The first characters mix the lead's zero bytes in; the last one, when the bytes end inside a group, the bytes after.
    const from = [0, 2, 3][lead];
    const to = (lead + bytes.length) % 3 === 0 ? b64.length : b64.length - 1;
    const core = b64.slice(from, to);
    if (core.length >= SUBSTRING_MIN_LENGTH) out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

/** The key with every character as a \uXXXX escape (JSON may write any character so), in lower- and upper-case hex. */
function unicodeEscapedForms(key: string): string[] {
  const lower = key.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  return [lower, lower.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`)];
}

/** The spellings of a key that are redacted: as is, URL-encoded, JSON-escaped, every character \u-escaped, and in base64. */
function keyForms(key: string): Set<string> {
  return new Set([key, encodeURIComponent(key), JSON.stringify(key).slice(1, -1), ...unicodeEscapedForms(key), ...base64Forms(key)]);
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
    for (const form of keyForms(key)) out = replaceKey(out, form);
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

/** Where the longest end of `text` that could begin `form` (a proper prefix of it) starts; text.length when none. */
function partialStart(text: string, form: string): number {
  for (let at = text.indexOf(form[0], Math.max(0, text.length - form.length + 1)); at >= 0; at = text.indexOf(form[0], at + 1)) {
    if (form.startsWith(text.slice(at))) return at;
  }
  return text.length;
}

/**
 * Redacts model text that arrives in pieces: a key split across two pieces is redacted whole. `push` returns what may
 * be shown now, holding back an end that could be the start of a key until the next piece shows it is not; `flush`
 * returns what is held. Concatenated, the outputs never hold a key (redacting each piece alone showed a key sent in
 * two halves).
 */
export class StreamRedactor {
  private readonly forms: string[];
  private held = '';

  /** `keys` are the keys in use (undefined and empty ones are ignored). */
  constructor(private readonly keys: readonly (string | undefined)[]) {
    this.forms = [...new Set(keys.filter((k): k is string => !!k).flatMap((k) => [...keyForms(k)]))];
  }

  /** The redacted text that can be shown once `piece` arrived (maybe empty). */
  push(piece: string): string {
    const text = redactSecrets(this.held + piece, this.keys, { patterns: false });
    const cut = this.forms.reduce((min, form) => Math.min(min, partialStart(text, form)), text.length);
    this.held = text.slice(cut);
    return text.slice(0, cut);
  }

  /** What is held back, at the end of the stream. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }
}
