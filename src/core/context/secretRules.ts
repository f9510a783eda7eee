/** Pairwise's own secret rules for what secretlint's preset misses: generic assignments, JWTs, Google keys, bearer tokens, URL credentials. */
import { findEntropyTokens, shannonEntropy } from './entropyTokens';


/** A found secret: offsets of the value to redact and the rule that found it. */
export interface SecretHit {
  start: number;
  end: number;
  rule: string;
}

const PLACEHOLDER = /^(x+|\*+|\.+|-+|_+|0+|<[^>]*>|\$\{[^}]*\}|\$[A-Z_]+|\{\{.*\}\}|%\(.*\)s|%s|changeme|change_me|password|passw0rd|secret|token|none|null|nil|undefined|true|false|required|optional|string|number|env|todo|tbd|redacted)$|example|placeholder|redacted|your[_-]?|dummy|sample|\bxxx|xxxx|\*\*\*\*|process\.env|os\.environ|getenv|\[redacted/i;

/** True when a value is likely a real secret: long enough, mixed characters, high entropy, not a placeholder or identifier. */
export function looksLikeSecretValue(v: string): boolean {
  if (v.length < 8 || v.length > 500 || PLACEHOLDER.test(v)) return false;
  if (/\s/.test(v) || v.includes('${') || v.includes('{{')) return false; // prose, templates
  if (/^[a-z]+([_.:/-][a-z]+)*$/i.test(v)) return false; // identifier, word, or path made of words
  if (/^[a-z][a-zA-Z]*$/.test(v) || /^[A-Z][a-zA-Z]*$/.test(v)) return false; // camelCase / PascalCase name
  if (/^(https?|file|wss?):\/\//i.test(v) || /^[./~]/.test(v)) return false; // URLs and paths (URL credentials have their own rule)
  if (/^[\w-]+(:[\w.-]+){2,}$/.test(v)) return false; // namespaced ids such as urn:x:y
  if (/^\d+(\.\d+)*$/.test(v) || /^#?[0-9a-f]{3,8}$/i.test(v)) return false; // numbers, versions, colours
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(v)).length;
  if (classes < 2) return v.length >= 32 && /^[0-9a-f]+$/i.test(v); // long hex keys
  const threshold = Math.min(3.5, Math.log2(v.length) * 0.8);
  return shannonEntropy(v) >= threshold && (/\d/.test(v) || v.length >= 20);
}

const CONFIG_EXT = /\.(ya?ml|json|jsonc|json5|ini|cfg|conf|toml|properties|env|xml|sh|bash|zsh|ps1|tf|hcl|plist|config|cnf)$|(^|\/)(dockerfile|docker-compose[^/]*|makefile|procfile)$/i;

/** True for configuration-style files where unquoted values are literal values. */
export function isConfigFile(path: string): boolean {
  return CONFIG_EXT.test(path);
}

const KEY = String.raw`[A-Za-z0-9_.-]*(?:secret|token|passwd|password|passphrase|pwd|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?key|private[_.-]?key|client[_.-]?secret|credential|signing[_.-]?key|encryption[_.-]?key|webhook[_.-]?url)[A-Za-z0-9_.-]*`;
// key = "value" / key: 'value' / "key": "value" / key := `value` / key => "value". An unquoted key starts where a run
// of key characters starts (the leftmost match always does): the lookbehind spares a retry at every character of a
// long identifier, which made the scan quadratic in the run's length, and finds the same matches.
const QUOTED_ASSIGN = new RegExp(String.raw`(["']|(?<![A-Za-z0-9_.-]))(${KEY})\1[ \t]*(?::=|=>|=|:)[ \t]*(["'\`])([^"'\`\r\n]{4,500})\3`, 'gi');
// key = value (config files only, unquoted)
const BARE_ASSIGN = new RegExp(String.raw`^[ \t]*(?:export[ \t]+|-[ \t]+)?(${KEY})[ \t]*(?::|=)[ \t]*([^\s#'"\`][^\r\n#]*?)[ \t]*$`, 'gim');
const XML_FIELD = /<((?:[\w.-]*:)?(?:password|secret|token|apikey|api_key|accesskey|clientsecret)[\w.-]*)>([^<\r\n]{4,200})<\/\1>/gi;
const PASSWORD_KEY = /(passwd|password|passphrase|pwd)/i;

interface PatternRule {
  id: string;
  re: RegExp;
  group?: number;
  /** Text every match contains: a text without it is not searched. */
  needle?: string;
}

const PATTERNS: PatternRule[] = [
  { id: 'private-key', re: /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)/g, needle: '-----BEGIN ' },
  { id: 'jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, needle: 'eyJ' },
  { id: 'google-api-key', re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, needle: 'AIza' },
  { id: 'aws-access-key-id', re: /\b(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[0-9A-Z]{16}\b/g },
  { id: 'github-token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g },
  { id: 'gitlab-token', re: /\bglpat-[A-Za-z0-9_-]{20,}\b/g, needle: 'glpat-' },
  { id: 'slack-token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, needle: 'xox' },
  { id: 'openai-anthropic-key', re: /\bsk-(?:ant-[a-z0-9]+-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}\b/g, needle: 'sk-' },
  { id: 'stripe-key', re: /\b(?:sk|rk|pk)_(?:live|test)_[0-9a-zA-Z]{20,}\b/g },
  { id: 'sendgrid-key', re: /\bSG\.[\w-]{16,32}\.[\w-]{16,64}\b/g, needle: 'SG.' },
  { id: 'twilio-key', re: /\bSK[0-9a-f]{32}\b/g, needle: 'SK' },
  { id: 'mailgun-key', re: /\bkey-[0-9a-zA-Z]{32}\b/g, needle: 'key-' },
  { id: 'telegram-bot-token', re: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g, needle: ':AA' },
  { id: 'huggingface-token', re: /\bhf_[A-Za-z0-9]{30,}\b/g, needle: 'hf_' },
  { id: 'npm-token', re: /\bnpm_[A-Za-z0-9]{36}\b/g, needle: 'npm_' },
  { id: 'pypi-token', re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{40,}/g, needle: 'pypi-AgEIcHlwaS5vcmc' },
  { id: 'azure-storage-key', re: /\bAccountKey=([A-Za-z0-9+/]{40,}={0,2})/g, group: 1, needle: 'AccountKey=' },
  { id: 'bearer-token', re: /\b[Bb]earer[ \t]+([A-Za-z0-9._~+/-]{20,}=*)/g, group: 1, needle: 'earer' },
  // scheme://user:password@ and scheme://:password@ (empty user, as in redis://:pw@host)
  { id: 'url-credentials', re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@'"`]{0,100}:([^\s/@'"`]{3,200})@/gi, group: 1, needle: '://' },
  { id: 'basic-auth-header', re: /\b[Bb]asic[ \t]+([A-Za-z0-9+/]{16,}={0,2})/g, group: 1, needle: 'asic' },
];

function groupOffset(m: RegExpExecArray, group: number): number {
  return m.index + m[0].indexOf(m[group]);
}

/** Runs the own rules over a file's text. */
export function findOwnSecrets(path: string, text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const p of PATTERNS) {
    if (p.needle && !text.includes(p.needle)) continue;
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      const g = p.group ?? 0;
      const value = m[g];
      if (/example/i.test(value)) continue; // documented sample keys such as AKIAIOSFODNN7EXAMPLE
      if (p.id === 'bearer-token' && !looksLikeSecretValue(value)) continue;
      if (p.id === 'url-credentials' && (PLACEHOLDER.test(value) || /^\$|^\{/.test(value))) continue;
      const start = g === 0 ? m.index : groupOffset(m, g);
      hits.push({ start, end: start + value.length, rule: p.id });
    }
  }
  hits.push(...findEntropyTokens(text));
  const config = isConfigFile(path);
  QUOTED_ASSIGN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTED_ASSIGN.exec(text)) !== null) {
    const key = m[2];
    const value = m[4];
    const isPassword = PASSWORD_KEY.test(key);
    const ok = isPassword && config ? value.trim().length >= 4 && !PLACEHOLDER.test(value.trim()) : looksLikeSecretValue(value);
    if (!ok) continue;
    const start = m.index + m[0].lastIndexOf(value);
    hits.push({ start, end: start + value.length, rule: isPassword ? 'password-assignment' : 'secret-assignment' });
  }
  if (config) {
    BARE_ASSIGN.lastIndex = 0;
    while ((m = BARE_ASSIGN.exec(text)) !== null) {
      const key = m[1];
      const value = m[2];
      const isPassword = PASSWORD_KEY.test(key);
      if (/^(\{|\[|!|&|\*|\||>)/.test(value) || PLACEHOLDER.test(value)) continue;
      if (isPassword ? value.length < 4 || /^(true|false|yes|no|on|off|\d{1,3})$/i.test(value) : !looksLikeSecretValue(value)) continue;
      const start = m.index + m[0].lastIndexOf(value);
      hits.push({ start, end: start + value.length, rule: isPassword ? 'password-assignment' : 'secret-assignment' });
    }
    XML_FIELD.lastIndex = 0;
    while ((m = XML_FIELD.exec(text)) !== null) {
      if (PLACEHOLDER.test(m[2])) continue;
      const start = m.index + m[0].indexOf('>') + 1;
      hits.push({ start, end: start + m[2].length, rule: 'password-assignment' });
    }
  }
  return hits;
}
