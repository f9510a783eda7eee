/** A high-entropy detector for tokens handed to login/auth-like calls or assigned to credential-like names (no known prefix needed). */
import type { SecretHit } from './secretRules';

/** Shannon entropy in bits per character (also used by the generic secret-assignment rule in secretRules.ts). */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const TOKEN_CHARS = /^[A-Za-z0-9+/=_\-.~:]+$/;
const NOT_TOKEN = /example|placeholder|sample|dummy|your[_-]|test[_-]?(key|token)|xxxx|redacted|changeme/i;
// Words joined by dashes, and letters only (camelCase identifiers): no nested quantifier over one class, so linear.
const WORDS = /^[a-z]+(?:-[a-z]+)+$|^[a-z]+$/i;

/** True for a string that reads as a random token: 16-500 token characters, three character classes (or long hex), high entropy, no words. */
export function isHighEntropyToken(v: string): boolean {
  if (v.length < 16 || v.length > 500 || !TOKEN_CHARS.test(v) || NOT_TOKEN.test(v) || WORDS.test(v)) return false;
  if (/^[./]|\.(js|ts|json|md|html|css|py|png|svg)$|^[a-z]+:\/\//i.test(v)) return false; // paths, file names, URLs
  if (/^[\w-]+(\.[\w-]+){2,}$/.test(v) && !/\d/.test(v)) return false; // dotted identifiers
  const hex = /^[0-9a-f]+$/i.test(v);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(v)).length;
  if (hex) return v.length >= 32 && /[0-9]/.test(v) && /[a-f]/i.test(v) && shannonEntropy(v) >= 3.3;
  if (classes < 3) return false;
  // Random tokens scatter digits among the letters; identifiers carry at most a version or a suffix.
  if ((v.match(/[0-9]+/g) ?? []).length < 2 || (v.match(/[A-Z]/g) ?? []).length < 2 || (v.match(/[a-z]/g) ?? []).length < 2) return false;
  return shannonEntropy(v) >= Math.min(4.2, Math.log2(v.length) * 0.85);
}

// Linear scan: every quoted token-like string, then a bounded look at the 160 characters before it on its line.
const STRING = /(["'`])([A-Za-z0-9+/=_\-.~:]{16,500})\1/g;
// login("user", "t0k3n…"), client.authenticate(token = "…"), setApiKey('…'), withToken(`…`)
const CALL_NAME = /(?:^|[._])(?:log_?in|sign_?in|auth(?:enticate|orize|orise)?|credentials?|set_?(?:api_?)?(?:token|key|secret|password|credentials?)|with_?(?:api_?)?(?:token|key|secret)|use_?(?:token|key)|bearer|api_?key|access_?token)$/i;
const OPEN_CALL = /([A-Za-z_$][\w$.]{0,80})\s*\(([^()\n]*)$/;
// authCode = "…", sessionKey: '…', COOKIE_SIGNING = "…" (names a credential, outside the generic secret/token/password rule)
const CRED_NAME = /auth|cred|session_?key|cookie|bearer|jwt|signing|hmac|sas|login|conn(?:ection)?_?str/i;
const ASSIGNED = /([\w$.-]{1,80})["']?\s*(?::=|=>|=|:)\s*$/;
const ID_NAME = /(^|[_.-])ids?$|[a-z]Ids?$|ID$/;

/** Hits of the entropy detector in a text (rule `entropy-token`). */
export function findEntropyTokens(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  STRING.lastIndex = 0;
  for (let m = STRING.exec(text); m; m = STRING.exec(text)) {
    const value = m[2];
    if (!isHighEntropyToken(value)) continue;
    // Only the 160 characters before the token: searching back to its line's start rescanned one long line per token.
    const window = text.slice(Math.max(0, m.index - 160), m.index);
    const before = window.slice(window.lastIndexOf('\n') + 1);
    const assigned = ASSIGNED.exec(before);
    const call = assigned ? null : OPEN_CALL.exec(before);
    const named = assigned !== null && CRED_NAME.test(assigned[1]) && !ID_NAME.test(assigned[1]);
    const passed = call !== null && CALL_NAME.test(call[1]);
    if (!named && !passed) continue;
    const start = m.index + 1;
    hits.push({ start, end: start + value.length, rule: 'entropy-token' });
  }
  return hits;
}
