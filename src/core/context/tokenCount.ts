/** Token counting with gpt-tokenizer's o200k encoding (fast count, early-exit limit checks). */
import { countTokens as countO200k, isWithinTokenLimit } from 'gpt-tokenizer/encoding/o200k_base';

// Repository text may contain strings like "<|endoftext|>": count them as plain text. By default gpt-tokenizer
// throws on them (and scans every input for them first).
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Counts tokens of text (o200k_base), special-token strings counted as plain text. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : countO200k(text, PLAIN_TEXT);
}

/** Returns the token count when text fits within limit, else null; stops counting early. */
export function tokensWithin(text: string, limit: number): number | null {
  if (limit <= 0) return text.length === 0 ? 0 : null;
  const r = isWithinTokenLimit(text, limit, PLAIN_TEXT);
  return r === false ? null : r;
}
