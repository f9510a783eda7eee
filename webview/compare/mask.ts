/**
 * Blind-mode masking of self-identifying text in drafts ("As an AI model developed by OpenAI", "I'm Claude",
 * "GLM-4.6"...). Pure and display-only: the stored draft is never changed, masking is undone on reveal.
 * Both sides go through the same rules, so masking code such as `gpt-tokenizer` costs both equally. Matching runs
 * on a normalized skeleton (NFKC, zero-width characters removed, look-alike letters folded), so "Clau\u200Dde" and
 * a Cyrillic "Сlaude" are masked too.
 */
import { foldForMatch, replaceNormalized } from '../../src/shared/outsideText';

/** Masked text and how many spans were replaced. */
export interface MaskResult { text: string; count: number }

/** Replacement shown for a vendor name. Unicode brackets so markdown never turns it into a link. */
export const VENDOR_MASK = '⟨vendor⟩';
/** Replacement shown for a model name or id. */
export const MODEL_MASK = '⟨model⟩';
/** Replacement for a whole self-description. */
export const SELF_MASK = '⟨self-description masked⟩';

const SUFFIX = String.raw`(?:[_-]\w[\w.]*|\s+(?:v?\d[\w.]*|opus|sonnet|haiku|pro|flash|turbo|mini|k\d\w*))*s?`;
const VENDORS = String.raw`anthropic|open\s?ai|zhipu(?:\s?ai)?|z\.ai|moonshot(?:\s?ai)?|google\s+deepmind|deepmind|mistral\s?ai|meta\s+ai|deepseek(?:\s?ai)?|alibaba\s+cloud|x\.ai`;
const MODELS = String.raw`claude|chat\s?gpt|gpt|chatglm\d*|kimi|gemini|bard|qwen\d*|deepseek|grok|llama|mistral|mixtral|codestral`;
const KNOWN = new RegExp(String.raw`^(?:${VENDORS}|${MODELS}|google|meta|alibaba|microsoft)`, 'i');

interface Rule { re: RegExp; replace: (match: string, group: string | undefined) => string | null }

/** Ordered rules: whole self-descriptions first, then model names with versions, then vendors. */
const RULES: readonly Rule[] = [
  // "As an AI model developed by X", "a large language model trained by X": X must be a known name or Capitalised.
  { re: new RegExp(String.raw`\b(?:as\s+)?(?:an?\s+)?(?:(?:large\s+)?language\s+model|AI(?:\s+(?:model|assistant|language\s+model))?|LLM|assistant|chatbot)\b[^.\n]{0,40}?\b(?:developed|created|trained|built|made|designed|released|provided|powered|owned)\s+by\s+(?:the\s+)?([\w&-]+(?:\.[\w&-]+)*(?:\s+(?:AI|Inc\.?|Labs?|Technologies|Research|DeepMind))?)`, 'gi'),
    replace: (_m, who) => (who && (KNOWN.test(who) || /^[A-Z]/.test(who)) ? SELF_MASK : null) },
  // GLM alone is also "generalized linear model": mask it only in self-introductions or with a version.
  { re: /\b(I\s*(?:'|’)?m|I\s+am|called|named)\s+(?:an?\s+)?GLM\b/gi, replace: (_m, lead) => `${lead ?? ''} ${MODEL_MASK}` },
  { re: new RegExp(String.raw`\bGLM[\s_-]*\d[\w.]*${SUFFIX}\b`, 'gi'), replace: () => MODEL_MASK },
  { re: new RegExp(String.raw`\b(?:${MODELS})(?:[\s_-]?\d[\w.]*)?${SUFFIX}\b`, 'gi'), replace: () => MODEL_MASK },
  { re: new RegExp(String.raw`\b(?:${VENDORS})(?!\w)`, 'gi'), replace: () => VENDOR_MASK },
];

let extraCache: { key: string; rule: Rule | null } = { key: '', rule: null };

/** A rule for host-supplied names (configured model ids, preset labels); terms under 3 characters are ignored. */
function extraRule(terms: readonly string[]): Rule | null {
  const key = terms.join('\u0000');
  if (key === extraCache.key) return extraCache.rule;
  const usable = [...new Set(terms.map((t) => foldForMatch(t.trim())).filter((t) => t.length >= 3))].sort((a, b) => b.length - a.length);
  const rule: Rule | null = usable.length === 0 ? null : {
    re: new RegExp(`(?<![\\w])(?:${usable.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w])`, 'gi'),
    replace: () => MODEL_MASK,
  };
  extraCache = { key, rule };
  return rule;
}

/** Masks self-identifying names and phrases, plus any extra names the host supplies (e.g. the configured model ids). */
export function maskIdentity(text: string, extraTerms: readonly string[] = []): MaskResult {
  let count = 0;
  let out = text;
  const extra = extraTerms.length ? extraRule(extraTerms) : null;
  for (const rule of extra ? [extra, ...RULES] : RULES) {
    const r = replaceNormalized(out, rule.re, rule.replace);
    out = r.text;
    count += r.count;
  }
  return { text: out, count };
}
