/** Token counting with gpt-tokenizer's o200k encoding (fast count, early-exit limit checks). */
import { countTokens as countO200k, isWithinTokenLimit } from 'gpt-tokenizer/encoding/o200k_base';

/** Counts tokens of text (o200k_base). */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : countO200k(text);
}

/** Returns the token count when text fits within limit, else null; stops counting early. */
export function tokensWithin(text: string, limit: number): number | null {
  if (limit <= 0) return text.length === 0 ? 0 : null;
  const r = isWithinTokenLimit(text, limit);
  return r === false ? null : r;
}
